"""Cross-source checks: compare what sources say about each fact slot and flag every
disagreement (and agreement), naming the claims and sources behind it.

`run_checks` reads the source graphs, groups figures into slots (`claimcheck.slots`),
applies the rules below and writes slots, flags and schema:ClaimReview nodes to
kb/checks.trig; `load_flags` reads them back without recomputing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef

from claimcheck.models import Flag, FlaggedClaim
from claimcheck.slots import (
    SLOT_THRESHOLD,
    Corpus,
    Similarity,
    Slot,
    Statement,
    build_slots,
    interval,
    overlap,
    pair_score,
    read_corpus,
)
from claimcheck.vocab import (
    CC,
    ID,
    PROV,
    RDF,
    SCHEMA,
    entity_iri,
    short_hash,
    slug,
    source_iri,
)

if TYPE_CHECKING:
    from claimcheck.nlp import Models
    from claimcheck.workspace import Workspace

FLAG_KINDS = (
    "value_conflict", "date_conflict", "unit_mismatch", "qualifier_mismatch", "parts_whole",
    "arithmetic", "attribution", "name_variant", "single_source", "corroboration",
)
SEVERITIES = ("high", "medium", "low", "info")
# Words after a figure that make it a per-unit rate: "$3,000 for each of the 500,000 books".
_RATE_BEFORE_COUNT = re.compile(r"^\W{0,3}(?:(?:for|to) (?:each|every)(?: one)?(?: of)?|per|a head)\b", re.IGNORECASE)
_RATE_AFTER_COUNT = re.compile(r"^\W{0,3}(?:each|apiece|a piece)\b", re.IGNORECASE)
_REPORT_WORDS = re.compile(
    r"\b(blog post|report|statement|filing|study|press release|announcement|investigation|interview)\b",
    re.IGNORECASE,
)
_QUALIFIER_WORDS = {
    "exact": "as a bare figure", "approx": "as approximate", "lower_bound": "as a lower bound",
    "upper_bound": "as an upper bound", "range": "as a range",
}


# --------------------------------------------------------------------------- entry points


def run_checks(ws: Workspace, models: Models) -> list[Flag]:
    """Compute every flag from the source graphs and write kb/checks.trig under the lock."""
    from claimcheck.graph import load_kb
    from claimcheck.workspace import workspace_lock

    with workspace_lock(ws):
        corpus = read_corpus(load_kb(ws, include_checks=False))
        slots, flags = analyse(corpus, models)
        write_checks(ws, corpus, slots, flags)
    return flags


def analyse(corpus: Corpus, models: Models) -> tuple[list[Slot], list[Flag]]:
    """Slots and flags of a corpus: the pure part of `run_checks`, for tests and benches."""
    similarity = Similarity(models, corpus.statements)
    slots = build_slots(corpus.statements, similarity)
    namer = _Namer(corpus)
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


# --------------------------------------------------------------------------- per slot


def slot_flags(slot: Slot, namer: _Namer, mismatched: set[str]) -> list[Flag]:
    """Conflict, qualifier, corroboration and single-source findings inside one slot."""
    members = [m for m in slot.members if m.iri not in mismatched]
    if not members:
        return []
    flags: list[Flag] = []
    what = namer.what(slot)
    bounds = {m.iri: interval(m) for m in members}
    values = sorted({m.value for m in members}, key=str)
    if overlap(b for b in bounds.values() if b) is None:
        if len(values) > 1:
            kind = "date_conflict" if slot.family == "date" else "value_conflict"
            parts = "; ".join(
                f"{_quoted(ms)} ({_sources(ms)}, read as {fmt_interval(bounds[ms[0].iri] or (0.0, 0.0), ms[0])})"
                for ms in _by_value(members)
            )
            message = f"Sources disagree on {what}: {parts}. These cannot all be true."
            flags.append(make_flag(kind, "high", namer.subject(slot), slot, message, members))
        else:
            message = f"{_upper(what)} is stated as {_quoted(members)} with qualifiers that exclude each other: " + _qualifier_list(members)
            flags.append(make_flag("qualifier_mismatch", "medium", namer.subject(slot), slot, message, members))
    for same in _by_value(members):
        styles = {(m.qualifier, m.precision) for m in same}
        if len(styles) > 1 and len({m.source for m in same}) > 1:
            message = f"{_upper(what)}: {fmt_number(same[0].value, same[0])} is stated " + _qualifier_list(same) + "."
            flags.append(make_flag("qualifier_mismatch", "low", namer.subject(slot), slot, message, same))
    agreeing = _agreeing(members, bounds)
    independent = sorted({m.independence for m in agreeing})
    if len(independent) >= 2:
        message = f"{len(independent)} independent sources agree on {what}: " + "; ".join(
            f"{_quoted([m])} ({m.source})" for m in agreeing
        ) + "."
        flags.append(make_flag("corroboration", "info", namer.subject(slot), slot, message, agreeing))
    if len({m.independence for m in members}) == 1 and _checkable(members[0]):
        message = f"Only {members[0].source} states {what}: {_quoted(members)}; no other source confirms it."
        flags.append(make_flag("single_source", "low", namer.subject(slot), slot, message, members))
    return flags


def _agreeing(members: Sequence[Statement], bounds: dict[str, tuple[float, float] | None]) -> list[Statement]:
    """The largest set of statements that can all hold (they share a point)."""
    best: list[Statement] = []
    for anchor in members:
        point = bounds[anchor.iri]
        if point is None:
            continue
        group = [m for m in members if (b := bounds[m.iri]) and overlap([b, point]) is not None]
        common = overlap(b for m in group if (b := bounds[m.iri]))
        if common is not None and len({m.independence for m in group}) > len({m.independence for m in best}):
            best = group
    return best


def _checkable(statement: Statement) -> bool:
    """Single-source notes are for facts a reader could check, not "one reason" or dates."""
    if statement.family == "date":
        return False
    if statement.kind in ("money", "percent"):
        return True
    return isinstance(statement.value, float) and abs(statement.value) >= 10


# --------------------------------------------------------------------------- across slots


def unit_mismatches(slots: Sequence[Slot], similarity: Similarity, namer: _Namer, mismatched: set[str]) -> list[Flag]:
    """A figure whose number and wording match a slot of another unit family ("$13 million"
    where others say "13 million exchanges"). Looked up by subject and value, not all-pairs."""
    index: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.family != "date":
            for key in {_value_key(m) for m in slot.members}:
                index[key].append(slot)
    flags = []
    for slot in slots:
        if slot.family == "date" or len(slot.members) != 1 and len({m.independence for m in slot.members}) > 1:
            continue
        for member in slot.members:
            for other in index.get(_value_key(member), []):
                if other.family == slot.family or len(other.members) <= len(slot.members):
                    continue
                scores = [pair_score(similarity, member, m) for m in other.members if m.claim != member.claim]
                if scores and sum(scores) / len(scores) >= SLOT_THRESHOLD:
                    mismatched.add(member.iri)
                    message = (
                        f"{_quoted([member])} ({member.source}) is stated as {member.kind} where "
                        f"{_sources(other.members)} state {namer.what(other)} as {other.kind}: {_quoted(other.members)}."
                    )
                    flags.append(make_flag("unit_mismatch", "medium", namer.subject(other), other, message, [member, *other.members]))
                    break
    return flags


def _value_key(statement: Statement) -> tuple[str, str]:
    value = statement.value if isinstance(statement.value, float) else 0.0
    return statement.subject or "(group)", f"{value:.2g}"


def parts_whole(slots: Sequence[Slot], similarity: Similarity, namer: _Namer) -> list[Flag]:
    """Per-member figures that should add up to a stated group total, with the sum shown."""
    singles: dict[str, list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.subject and slot.family not in ("date", "percent"):
            singles[slot.family].append(slot)
    flags = []
    for total in slots:
        if total.subject or total.family in ("date", "percent"):
            continue
        members_of_group = {e for m in total.members for e in (*m.group, *m.claim_subjects)}
        parts: dict[str, Slot] = {}
        for part in singles[total.family]:
            if part.subject in members_of_group and part.subject not in parts and _same_concept(part, total, similarity):
                parts[part.subject] = part  # type: ignore[index]
        if len(parts) < 2:
            continue
        chosen = [parts[k] for k in sorted(parts, key=namer.label)]
        stated = [p.members[0] for p in chosen]
        low = math.fsum(_part_range(s)[0] for s in stated)
        high = math.fsum(_part_range(s)[1] for s in stated)
        sum_text = " + ".join(f"'{s.text}' ({namer.label(s.subject)})" for s in stated)
        point = math.fsum(float(str(s.value)) for s in stated)
        result = fmt_interval((low, high), stated[0]) if (low, high) != (point, point) else fmt_number(point, stated[0])
        fits = [m for m in total.members if (b := interval(m)) and overlap([b, (low, high)]) is not None]
        misses = [m for m in total.members if m not in fits and interval(m)]
        message = f"Parts of {namer.what(total)}: {sum_text} = {fmt_number(point, stated[0])}"
        message += f" (so {result}, as stated)." if result != fmt_number(point, stated[0]) else "."
        if fits:
            message += f" Fits: {'; '.join(f'{_quoted([m])} ({m.source})' for m in fits)}."
        if misses:
            message += " Does not fit: " + "; ".join(
                f"{_quoted([m])} ({m.source}, read as {fmt_interval(interval(m), m)})" for m in misses  # type: ignore[arg-type]
            ) + "."
        severity = "medium" if misses else "info"
        flags.append(make_flag("parts_whole", severity, namer.subject(total), total, message, [*stated, *total.members]))
    return flags


def _same_concept(part: Slot, total: Slot, similarity: Similarity) -> bool:
    concepts = [(a.concept_text, b.concept_text) for a in part.members for b in total.members]
    scores = [similarity.text(a, b) for a, b in concepts if a and b]
    return bool(scores) and max(scores) >= SLOT_THRESHOLD


def _part_range(statement: Statement) -> tuple[float, float]:
    """A part as stated: its value, open-ended when it says "over" or "up to"."""
    value = float(statement.value)  # type: ignore[arg-type]
    bounds = interval(statement) or (value, value)
    if statement.qualifier == "exact":
        return value, value
    if statement.qualifier == "upper_bound":
        return 0.0, value
    return bounds


def arithmetic(statements: Sequence[Statement], namer: _Namer) -> list[Flag]:
    """A stated rate times a stated count against a stated total in the same sentence."""
    by_claim: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        if statement.claim and isinstance(statement.value, float) and statement.qualifier != "vague":
            by_claim[statement.claim].append(statement)
    flags = []
    for figures in by_claim.values():
        sentence = figures[0].sentence
        placed = sorted(((sentence.find(f.text), f) for f in figures if f.text in sentence), key=lambda p: p[0])
        for i, (position, rate) in enumerate(placed):
            after = sentence[position + len(rate.text) :]
            count = None
            if _RATE_BEFORE_COUNT.match(after) and i + 1 < len(placed):
                count = placed[i + 1][1]
            elif _RATE_AFTER_COUNT.match(after) and i > 0:
                count = placed[i - 1][1]
            totals = [f for _, f in placed if f not in (rate, count) and f.kind == rate.kind]
            if count is None or count.family != "amount" or not totals:
                continue
            total = totals[0]
            product = float(rate.value) * float(count.value)  # type: ignore[arg-type]
            rb, cb, tb = interval(rate), interval(count), interval(total)
            span = (rb[0] * cb[0], rb[1] * cb[1]) if rb and cb else (product, product)
            ok = tb is not None and overlap([span, tb]) is not None
            verdict = "consistent with" if ok else "does not match"
            message = (
                f"{fmt_number(rate.value, rate)} × {fmt_number(count.value, count)} = {fmt_number(product, rate)}, "
                f"{verdict} the stated total {_quoted([total])} ({total.source})."
            )
            if ok and product != total.value:
                message += f" Within the rounding of the figures ({fmt_interval(span, rate)})."
            subject = namer.label(total.subject) or None
            flags.append(make_flag("arithmetic", "info" if ok else "medium", subject, None, message, [total, rate, count]))
    return flags


def attributions(corpus: Corpus, slots: Sequence[Slot], namer: _Namer) -> list[Flag]:
    """Sources of one story (sharing a fact slot) that credit different origins for it."""
    story_of = _stories(slots)
    flags = []
    for story in sorted({tuple(v) for v in story_of.values()}):
        members = {m.claim for s in slots if set(s.sources) <= set(story) for m in s.members}
        subjects = {e for s in slots if set(s.sources) <= set(story) and len(s.sources) > 1 for m in s.members
                    for e in (*m.claim_subjects, *m.group, *(filter(None, [m.subject])))}
        cited = [
            a for a in corpus.attributions
            if a["source"] in story and (a["claim"] in members or set(a["about"]) - {a["origin"]} & subjects)  # type: ignore[call-overload]
        ]
        origins: dict[str, set[str]] = defaultdict(set)
        for a in cited:
            origins[str(a["source"])].add(str(a["origin"]))
        if len(origins) < 2 or len({o for v in origins.values() for o in v}) < 2 or len({frozenset(v) for v in origins.values()}) < 2:
            continue
        described = "; ".join(
            f"{source}: " + ", ".join(
                _origin_text([a for a in cited if a["source"] == source and a["origin"] == origin], namer)
                for origin in sorted(origins[source], key=namer.label)
            )
            for source in sorted(origins)
        )
        message = f"Sources of this story cite different origins: {described}."
        claims = [
            FlaggedClaim(a["source"], a["text"], a["sentence"], None, None, None, a["start"], a["end"], a["claim"])  # type: ignore[arg-type]
            for a in cited
        ]
        key = short_hash("attribution", *story)
        flags.append(Flag(key, "attribution", "low", None, None, message, tuple(claims)))
    return flags


def _stories(slots: Sequence[Slot]) -> dict[str, list[str]]:
    """Sources linked by shared slots (union-find), each mapped to its story's sources."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for slot in slots:
        sources = slot.sources
        for other in sources[1:]:
            parent[find(other)] = find(sources[0])
    stories: dict[str, list[str]] = defaultdict(list)
    for source in sorted(parent):
        stories[find(source)].append(source)
    return {s: stories[find(s)] for s in parent}


def _origin_text(cited: Sequence[dict[str, object]], namer: _Namer) -> str:
    """ "Reuters ('Reuters reports')", with the kind of document when the sentence names one."""
    label = namer.label(str(cited[0]["origin"]))
    kinds = sorted({found.group(1).lower() for a in cited if (found := _REPORT_WORDS.search(str(a["sentence"])))})
    via = f" {' / '.join(kinds)}" if kinds else ""
    words = str(cited[0]["text"]).splitlines()[-1].strip()
    return f"{label}{via} ('{words}')"


def name_variants(corpus: Corpus, namer: _Namer) -> list[Flag]:
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


# --------------------------------------------------------------------------- helpers


class _Namer:
    """Readable names for entities and slots in messages."""

    def __init__(self, corpus: Corpus) -> None:
        self._labels = corpus.labels

    def label(self, entity: str | None) -> str:
        if not entity:
            return ""
        return self._labels.get(entity) or entity.rsplit("/", 1)[-1].replace("-", " ").title()

    def subject(self, slot: Slot) -> str | None:
        if slot.subject:
            return self.label(slot.subject)
        names = sorted(self.label(e) for e in slot.group)
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else None)

    def what(self, slot: Slot) -> str:
        thing = slot.concept or {"money": "the amount", "date": "the date", "percent": "the share"}.get(slot.family, "the figure")
        subject = self.subject(slot)
        return f"{thing} ({subject})" if subject else thing


def make_flag(kind: str, severity: str, subject: str | None, slot: Slot | None, message: str, statements: Iterable[Statement]) -> Flag:
    unique = list({s.iri: s for s in statements}.values())
    claims = tuple(flagged(s) for s in unique)
    key = short_hash(kind, slot.id if slot else "", *sorted(s.iri for s in unique))
    return Flag(key, kind, severity, subject, slot.id if slot else None, message, claims)


def flagged(statement: Statement) -> FlaggedClaim:
    return FlaggedClaim(
        source=statement.source, text=statement.text, sentence=statement.sentence, value=statement.value,
        unit=statement.unit, qualifier=statement.qualifier, start=statement.start, end=statement.end,
        claim_iri=statement.claim,
    )


def _by_value(members: Sequence[Statement]) -> list[list[Statement]]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for member in members:
        groups[str(member.value)].append(member)
    return [groups[k] for k in sorted(groups, key=lambda k: (len(k), k))]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quoted(statements: Sequence[Statement]) -> str:
    return " / ".join(dict.fromkeys(f"'{s.text}'" for s in statements))


def _sources(statements: Sequence[Statement]) -> str:
    return ", ".join(sorted({s.source for s in statements}))


def _qualifier_list(statements: Sequence[Statement]) -> str:
    by_style: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        style = _QUALIFIER_WORDS.get(s.qualifier, s.qualifier)
        if s.precision and s.qualifier == "exact":
            style += f" (rounded to {fmt_number(s.precision)})"
        by_style[style].append(s)
    return "; ".join(f"{style} by {_sources(ms)} ({_quoted(ms)})" for style, ms in sorted(by_style.items()))


def fmt_number(value: float | str | None, like: Statement | None = None) -> str:
    """16550000 -> "16.55 million"; money with its currency sign, shares with "%"."""
    if not isinstance(value, float):
        return str(value)
    unit = like.unit if like else ""
    for size, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"), (1.0, "")):
        if abs(value) >= size or size == 1.0:
            digits = 3 if size > 1 else 2
            text = f"{value / size:,.{digits}f}".rstrip("0").rstrip(".") + word
            break
    if like is not None and like.kind == "money":
        sign = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(unit)
        return sign + text if sign else f"{text} {unit}"
    if like is not None and like.kind == "percent":
        return text + "%"
    if like is not None and like.kind == "duration":
        return f"{text} {unit}s" if value != 1 else f"{text} {unit}"
    return text


def fmt_interval(bounds: tuple[float, float], like: Statement | None = None) -> str:
    low, high = bounds
    if like is not None and like.kind == "date":
        import datetime as dt

        low_text, high_text = (dt.date.fromordinal(int(d)).isoformat() for d in bounds)
        return low_text if low == high else f"{low_text} to {high_text}"
    if high == math.inf:
        return f"at least {fmt_number(low, like)}"
    if low == -math.inf:
        return f"at most {fmt_number(high, like)}"
    if low == high:
        return fmt_number(low, like)
    return f"{fmt_number(low, like)} to {fmt_number(high, like)}"


def plain(value: float | str | None) -> float | int | str | None:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# --------------------------------------------------------------------------- RDF

# How a flag rates the claims it rests on, for schema:ClaimReview (None: it rates none).
RATINGS = {
    ("value_conflict", None): "Disputed", ("date_conflict", None): "Disputed", ("unit_mismatch", None): "Disputed",
    ("qualifier_mismatch", None): "Imprecise", ("parts_whole", "info"): "Consistent",
    ("parts_whole", None): "Partly consistent", ("arithmetic", "info"): "Consistent",
    ("arithmetic", None): "Inconsistent", ("corroboration", None): "Corroborated", ("single_source", None): "Unverified",
}


def rating(flag: Flag) -> str | None:
    return RATINGS.get((flag.kind, flag.severity)) or RATINGS.get((flag.kind, None))


def checks_graph(corpus: Corpus, slots: Sequence[Slot], flags: Sequence[Flag]) -> Graph:
    """The checks named graph: slots, flags with their statements, and claim reviews."""
    from claimcheck.graph import CHECKS_GRAPH, value_literal

    graph = Graph(identifier=CHECKS_GRAPH)
    add = graph.add
    by_id = {fact.id: fact for fact in slots}
    for fact in slots:
        node = ID[f"slot/{fact.id}"]
        add((node, RDF.type, CC.FactSlot))
        add((node, CC.unitFamily, Literal(fact.kind)))
        if fact.concept:
            add((node, CC.slotConcept, Literal(fact.concept)))
        for entity in [fact.subject] if fact.subject else fact.group:
            add((node, CC.slotSubject, URIRef(entity)))
        for member in fact.members:
            for iri in (member.iri, *member.repeats):
                add((node, CC.hasMember, URIRef(iri)))
    for flag in flags:
        node = ID[f"flag/{flag.id}"]
        add((node, RDF.type, CC.Flag))
        add((node, CC.flagKind, Literal(flag.kind)))
        add((node, CC.severity, Literal(flag.severity)))
        add((node, CC.message, Literal(flag.message)))
        if flag.subject:
            add((node, CC.subjectLabel, Literal(flag.subject)))
        slot: Slot | None = by_id.get(flag.slot or "")
        if slot is not None:
            add((node, CC.inSlot, ID[f"slot/{slot.id}"]))
        entities = ([slot.subject] if slot.subject else list(slot.group)) if slot else []
        if not entities and flag.subject and flag.kind in ("name_variant", "arithmetic"):
            entities = [str(entity_iri(slug(flag.subject)))]
        for entity in entities:
            add((node, CC.concernsEntity, URIRef(entity)))
        for rank, claim in enumerate(flag.claims):
            add((node, CC.concernsSource, source_iri(claim.source)))
            statement = URIRef(f"{node}/claim/{rank}")
            add((node, CC.restsOn, statement))
            add((statement, RDF.type, CC.FlaggedStatement))
            add((statement, CC.rank, Literal(rank)))
            add((statement, CC.sourceId, Literal(claim.source)))
            add((statement, PROV.wasQuotedFrom, source_iri(claim.source)))
            add((statement, CC.surfaceText, Literal(claim.text)))
            add((statement, SCHEMA.text, Literal(claim.sentence)))
            add((statement, CC.startOffset, Literal(claim.start)))
            add((statement, CC.endOffset, Literal(claim.end)))
            if claim.value is not None:
                add((statement, SCHEMA.value, value_literal(claim.value)))
            if claim.unit is not None:
                add((statement, SCHEMA.unitText, Literal(claim.unit)))
            if claim.qualifier is not None:
                add((statement, CC.qualifier, CC[claim.qualifier]))
            target = URIRef(claim.claim_iri) if claim.claim_iri else None
            if flag.kind == "name_variant" and target is not None:
                add((node, CC.concernsMention, target))
                add((statement, PROV.wasDerivedFrom, target))
                continue
            if target is not None:
                add((node, CC.concernsClaim, target))
                add((statement, CC.inClaim, target))
            if claim.value is not None:
                figure = ID[f"figure/{short_hash(claim.source, claim.start, claim.end)}"]
                add((node, CC.concernsFigure, figure))
                add((statement, PROV.wasDerivedFrom, figure))
        label = rating(flag)
        for claim_iri in sorted({c.claim_iri for c in flag.claims if c.claim_iri} if label else ()):
            review = ID[f"review/{short_hash(flag.id, claim_iri)}"]
            add((review, RDF.type, SCHEMA.ClaimReview))
            add((review, SCHEMA.itemReviewed, URIRef(claim_iri)))
            add((review, SCHEMA.reviewBody, Literal(flag.message)))
            add((review, PROV.wasDerivedFrom, node))
            add((review, SCHEMA.reviewRating, URIRef(f"{review}/rating")))
            add((URIRef(f"{review}/rating"), RDF.type, SCHEMA.Rating))
            add((URIRef(f"{review}/rating"), SCHEMA.alternateName, Literal(label)))
    return graph


def write_checks(ws: Workspace, corpus: Corpus, slots: Sequence[Slot], flags: Sequence[Flag]) -> bool:
    from claimcheck.graph import serialize_trig
    from claimcheck.workspace import atomic_write_text

    return atomic_write_text(ws.checks_file, serialize_trig([checks_graph(corpus, slots, flags)]))


def read_checks(ws: Workspace) -> list[Flag]:
    from rdflib import Dataset

    from claimcheck.errors import WorkspaceError
    from claimcheck.graph import CHECKS_GRAPH

    if not ws.checks_file.exists():
        raise WorkspaceError("no checks yet: run 'claimcheck check'")
    dataset = Dataset()
    try:
        dataset.parse(ws.checks_file, format="trig")
    except Exception as exc:  # rdflib raises many types; report the file, keep the cause
        raise WorkspaceError(f"{ws.checks_file}: cannot parse the checks ({type(exc).__name__}: {exc})") from exc
    graph = dataset.graph(CHECKS_GRAPH)
    flags = []
    for node in graph.subjects(RDF.type, CC.Flag):
        claims = []
        for statement in graph.objects(node, CC.restsOn):
            value = graph.value(statement, SCHEMA.value)
            qualifier = graph.value(statement, CC.qualifier)
            origin = graph.value(statement, CC.inClaim) or graph.value(statement, PROV.wasDerivedFrom)
            claims.append((_int(graph.value(statement, CC.rank)), FlaggedClaim(
                source=str(graph.value(statement, CC.sourceId)),
                text=str(graph.value(statement, CC.surfaceText)),
                sentence=str(graph.value(statement, SCHEMA.text)),
                value=_py_value(value),
                unit=_opt(graph.value(statement, SCHEMA.unitText)),
                qualifier=str(qualifier).rsplit("#", 1)[-1] if qualifier else None,
                start=_int(graph.value(statement, CC.startOffset)),
                end=_int(graph.value(statement, CC.endOffset)),
                claim_iri=_opt(origin),
            )))
        slot = graph.value(node, CC.inSlot)
        flags.append(Flag(
            id=str(node).rsplit("/", 1)[-1],
            kind=str(graph.value(node, CC.flagKind)),
            severity=str(graph.value(node, CC.severity)),
            subject=_opt(graph.value(node, CC.subjectLabel)),
            slot=str(slot).rsplit("/", 1)[-1] if slot else None,
            message=str(graph.value(node, CC.message)),
            claims=tuple(c for _, c in sorted(claims, key=lambda p: p[0])),
        ))
    return flags


def _int(value: object) -> int:
    return int(str(value))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _py_value(value: object) -> float | str | None:
    if value is None:
        return None
    python = value.toPython()  # type: ignore[attr-defined]
    if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
        return float(python)
    return str(value)
