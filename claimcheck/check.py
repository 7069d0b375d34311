"""Cross-source checks: compare what sources say about each fact slot and flag every
disagreement (and agreement), naming the claims and sources behind it.

`run_checks` reads the source graphs, groups figures into slots (`claimcheck.slots`),
applies the figure rules (`claimcheck.flags`) and the source rules below (who is cited,
how names are spelled), and writes slots, flags and schema:ClaimReview nodes to
kb/checks.trig (`claimcheck.checks_rdf`); `load_flags` reads them back without recomputing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from claimcheck.checks_rdf import (
    SourceFacts,
    entity_list,
    load_facts,
    read_checks,
    read_corpus,
    write_checks,
)
from claimcheck.flags import (
    Namer,
    arithmetic,
    parts_whole,
    plain,
    slot_flags,
    unit_mismatches,
)
from claimcheck.models import Flag, FlaggedClaim
from claimcheck.slots import Corpus, Similarity, Slot, build_slots, statement_texts
from claimcheck.vocab import short_hash

if TYPE_CHECKING:
    import numpy as np

    from claimcheck.nlp import Models
    from claimcheck.workspace import Workspace

FLAG_KINDS = (
    "value_conflict", "date_conflict", "unit_mismatch", "qualifier_mismatch", "parts_whole",
    "arithmetic", "attribution", "name_variant", "single_source", "corroboration",
)
SEVERITIES = ("high", "medium", "low", "info")
ENCODER_NAME = "all-MiniLM-L6-v2"  # part of the vector cache's key
_REPORT_WORDS = r"(?:blog post|report|statement|filing|study|press release|announcement|investigation|interview)"
# A document named within three words after the citing words: "Anthropic published a blog post".
_REPORT_AFTER = re.compile(r"(?:[ \t]+[\w'\u2019-]+){0,3}?[ \t]+" + _REPORT_WORDS + r"\b", re.IGNORECASE)
# A one-word label opening a line, not part of the citation: "Original: Anthropic is accusing".
_LINE_LABEL = re.compile(r"^\w+:\s+(?=\S)")


# --------------------------------------------------------------------------- entry points


def run_checks(ws: Workspace, models: Models) -> list[Flag]:
    """Compute every flag from the source graphs and write kb/checks.trig under the lock."""
    from claimcheck.workspace import workspace_lock

    with workspace_lock(ws):
        facts = load_facts(ws)
        corpus = read_corpus(facts, entity_list(ws))
        slots, flags = analyse(corpus, models, source_vectors(ws, models, facts))
        write_checks(ws, slots, flags)
    return flags


def analyse(
    corpus: Corpus, models: Models, vectors: Mapping[str, np.ndarray] | None = None
) -> tuple[list[Slot], list[Flag]]:
    """Slots and flags of a corpus: the pure part of `run_checks`, for tests and benches."""
    similarity = Similarity(models, corpus.statements, vectors)
    slots = build_slots(corpus.statements, similarity)
    namer = Namer(corpus)
    mismatched: set[str] = set()
    flags: list[Flag] = []
    flags += unit_mismatches(slots, similarity, namer, mismatched)
    for slot in slots:
        flags += slot_flags(slot, namer, mismatched)
    flags += parts_whole(slots, similarity, namer)
    flags += arithmetic(corpus.statements, namer)
    flags += attributions(corpus, slots, namer)
    flags += name_variants(corpus, namer)
    unique = {flag.id: flag for flag in flags}
    return slots, sorted(unique.values(), key=flag_order)


def source_vectors(ws: Workspace, models: Models, facts: Iterable[SourceFacts]) -> dict[str, np.ndarray]:
    """Embeddings of the texts the checks compare, encoded one source at a time and cached
    by those texts, so a check after one article changes encodes only that article's
    (and none at all when `ingest` has primed them).

    Each source's texts are encoded as one batch whether cached or not, so a cold and a warm
    cache give the same vectors; a text two sources share takes the first source's vector.
    """
    from claimcheck.kbcache import load_entry, store_entry

    folder = ws.state_dir / "cache" / "vectors"
    vectors: dict[str, np.ndarray] = {}
    for fact in sorted(facts, key=lambda f: f.id):
        texts = sorted(set().union(*(statement_texts(s) for s, _ in fact.figures)))
        if not texts:
            continue
        entry = folder / f"{short_hash(ENCODER_NAME, *texts)}.pickle"
        matrix = load_entry(entry)
        if matrix is None or len(matrix) != len(texts):
            matrix = models.encode(texts)
            store_entry(entry, matrix)
        for text, vector in zip(texts, matrix, strict=True):
            vectors.setdefault(text, vector)
    return vectors


def flag_order(flag: Flag) -> tuple[int, str, str, str]:
    return SEVERITIES.index(flag.severity), flag.kind, flag.subject or "", flag.id


def flag_json(flag: Flag) -> dict[str, object]:
    """The `claimcheck check --json` record of one flag."""
    return {
        "id": flag.id,
        "kind": flag.kind,
        "severity": flag.severity,
        "subject": flag.subject,
        "slot": flag.slot,
        "message": flag.message,
        "claims": [
            {
                "source": c.source,
                "text": c.text,
                "sentence": c.sentence,
                "value": plain(c.value),
                "unit": c.unit,
                "qualifier": c.qualifier,
                "start": c.start,
                "end": c.end,
            }
            for c in flag.claims
        ],
    }


def load_flags(ws: Workspace) -> list[Flag]:
    """The flags stored by the last `run_checks`, without recomputing anything."""
    return sorted(read_checks(ws), key=flag_order)


# --------------------------------------------------------------------------- sources


def attributions(corpus: Corpus, slots: Sequence[Slot], namer: Namer) -> list[Flag]:
    """Sources of one story (sharing a fact slot) that credit different origins for it.

    Only organisations and people count as origins, and only when cited for a claim of the
    story: a figure in a shared slot, or a claim about a shared slot's subject.
    """
    shared = [s for s in slots if len(s.sources) > 1]
    stories = _stories(shared)
    slots_of: dict[tuple[str, ...], list[Slot]] = defaultdict(list)
    for slot in shared:
        slots_of[tuple(stories[slot.sources[0]])].append(slot)
    cited_by: dict[str, list[dict[str, object]]] = defaultdict(list)
    for a in corpus.attributions:
        cited_by[str(a["source"])].append(a)
    names = _names_by_source(corpus)
    flags = []
    for story in sorted(slots_of):
        in_story = slots_of[story]
        claims = {m.claim for s in in_story for m in s.members}
        subjects = {e for s in in_story for e in ([s.subject] if s.subject else s.group)}
        chosen: dict[tuple[str, str], dict[str, object]] = {}
        story_citations = [a for source in story for a in cited_by[source]]
        for a in sorted(story_citations, key=lambda a: (a["claim"] not in claims, a["source"], a["start"])):  # type: ignore[call-overload]
            source, origin, about = str(a["source"]), str(a["origin"]), set(a["about"])  # type: ignore[call-overload]
            if origin in corpus.things or not _names_origin(a, names, namer):
                continue
            if a["claim"] in claims or (about - {origin}) & subjects:
                chosen.setdefault((source, origin), a)
        origins: dict[str, list[str]] = defaultdict(list)
        for source, origin in chosen:
            origins[source].append(origin)
        if len(origins) < 2 or len({frozenset(v) for v in origins.values()}) < 2:
            continue
        described = "; ".join(
            f"{source} cites " + _and([
                f"{namer.label(origin)} ('{_citing_words(chosen[(source, origin)])}')"
                for origin in sorted(origins[source], key=namer.label)
            ])
            for source in sorted(origins)
        )
        message = f"Sources cite different origins for this story: {described}."
        cited = sorted(chosen.values(), key=lambda a: (a["source"], a["start"]))  # type: ignore[return-value]
        flagged_claims = tuple(
            FlaggedClaim(str(a["source"]), _citing_words(a), str(a["sentence"]), None, None, None,
                         int(a["start"]), int(a["end"]), str(a["claim"]))  # type: ignore[call-overload]
            for a in cited
        )
        key = short_hash("attribution", *story)
        flags.append(Flag(key, "attribution", "low", None, None, message, flagged_claims))
    return flags


def _names_by_source(corpus: Corpus) -> dict[tuple[str, str], set[str]]:
    """How each source writes each entity's name."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in corpus.mentions:
        names[(str(m["source"]), str(m["entity"]))].add(str(m["text"]))
    return names


def _names_origin(attribution: dict[str, object], names: dict[tuple[str, str], set[str]], namer: Namer) -> bool:
    """False when the origin is named only on an earlier line (a heading), not by the words
    that cite it: "OpenAI and the Studio Ghibli Problem / Before anyone concludes"."""
    lines = str(attribution["text"]).splitlines()
    if len(lines) < 2:
        return True
    origin, source = str(attribution["origin"]), str(attribution["source"])
    written = {namer.label(origin)} | names.get((source, origin), set())
    return any(name.casefold() in lines[-1].casefold() for name in written if name)


def _citing_words(attribution: dict[str, object]) -> str:
    """The words that cite an origin, on their own line, through the kind of document they
    name a few words on: "According to a Wall Street Journal report"."""
    words = str(attribution["text"]).splitlines()[-1].strip() if attribution["text"] else ""
    words = _LINE_LABEL.sub("", words)
    sentence = str(attribution["sentence"])
    at = sentence.find(words)
    if words and at >= 0 and (more := _REPORT_AFTER.match(sentence, at + len(words))):
        words += more.group()
    return words


def _and(items: Sequence[str]) -> str:
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _stories(slots: Sequence[Slot]) -> dict[str, list[str]]:
    """Sources linked by shared slots (union-find), each mapped to its story's sources."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = x = parent[parent[x]]  # path halving: near-constant depth
        return x

    for slot in slots:
        sources = slot.sources
        for other in sources[1:]:
            parent[find(other)] = find(sources[0])
    stories: dict[str, list[str]] = defaultdict(list)
    for source in sorted(parent):
        stories[find(source)].append(source)
    return {s: stories[find(s)] for s in parent}


def name_variants(corpus: Corpus, namer: Namer) -> list[Flag]:
    """A source spelling an entity differently from its preferred label."""
    groups: dict[tuple[str, str, str, str], list[dict[str, object]]] = defaultdict(list)
    for mention in corpus.mentions:
        if mention["variant"] in ("misspelling", "case"):
            groups[(mention["source"], mention["entity"], mention["text"], mention["variant"])].append(mention)  # type: ignore[index]
    flags = []
    for (source, entity, text, variant), found in sorted(groups.items()):
        label = namer.label(entity)
        times = f"{len(found)} times" if len(found) > 1 else "once"
        kind = "a misspelling" if variant == "misspelling" else "a case variant"
        message = f"{source} spells {label} as '{text}' ({kind}, {times})."
        body = str(corpus.sources.get(source, {}).get("body", ""))
        claims = tuple(
            FlaggedClaim(source, text, _sentence_at(body, int(m["start"]), int(m["end"])), None, None, None,  # type: ignore[call-overload]
                         int(m["start"]), int(m["end"]), str(m["iri"]))  # type: ignore[call-overload]
            for m in found
        )
        flags.append(Flag(short_hash("name_variant", source, entity, text), "name_variant",
                          "low" if variant == "misspelling" else "info", label, None, message, claims))
    return flags


def _sentence_at(body: str, start: int, end: int) -> str:
    left = max(body.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for c in ".!?\n" if (i := body.find(c, end)) != -1]
    return body[left : (min(rights) + 1 if rights else len(body))].strip()

