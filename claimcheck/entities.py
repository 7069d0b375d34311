"""Entity resolution: every name in an article -> one node per organisation or person.

Candidates come from two places: the curated list's labels (matched case-insensitively
over the text, because the small NER model misses and mis-types names) and spaCy's NER
spans. Each is resolved in steps, surest first: exact label, case/punctuation variant,
legal-form variant ("Nvidia Corp"), then a fuzzy misspelling score with a threshold
measured in `bench/entities_threshold.py`. A name that resolves to nothing becomes its own
node keyed by `slug(name)`, so another article naming it joins the same node.

NER types: ORG and PERSON spans may create new nodes; GPE, NORP, PRODUCT, WORK_OF_ART,
FAC and LOC spans only count when they resolve to a catalogued entity (the small model
tags "OpenAI" as GPE and "DeepSeek" as PRODUCT). "Moonshot AI (Kimi)" gives two mentions:
"Moonshot AI" (preferred label) and "Kimi" (alias).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import WorkspaceError
from claimcheck.models import Mention
from claimcheck.vocab import ID, RDF, SCHEMA, SKOS, slug

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Measured with bench/entities_threshold.py on 70 labelled pairs: precision is 1.0 from
# 0.84 up (the closest different names, "Stripe"/"Strike", score 0.833), recall 0.93 at
# 0.86; context may add at most 0.02 before a different name would pass.
MISSPELLING_THRESHOLD = 0.86
CONTEXT_BONUS = 0.02  # the entity is named elsewhere in the article, or beside its peers
TYPE_CONFLICT_MIN = 0.95  # a person's full name vs an organisation needs near-identity
SHORT_NAME = 4  # names of this many letters or fewer match only exactly or by case

NODE_LABELS = ("ORG", "PERSON")  # NER labels that may create a new node
CANDIDATE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"})
_TYPES = {SCHEMA.Organization: "ORG", SCHEMA.Person: "PERSON", SCHEMA.Product: "PRODUCT", SCHEMA.Place: "GPE"}
# Legal-form and filler words that do not tell two names apart ("Moonshot AI" = "Moonshot").
_NOISE_WORDS = frozenset(
    "the of and for inc corp corporation co ltd llc plc gmbh ag sa ai group holdings company".split()
)
_HEADING_END = tuple('.!?"”’)…;')


@dataclass(frozen=True)
class Entity:
    """One catalogued entity; `id` is `slug(canonical)`, the key of its node."""

    id: str
    canonical: str
    type: str  # ORG, PERSON, PRODUCT or GPE
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()

    def labels(self) -> Iterable[tuple[str, str | None]]:
        """Every label with the variant a mention spelled that way is."""
        yield self.canonical, None
        yield from ((label, "alias") for label in self.alt_labels)
        yield from ((label, "misspelling") for label in self.hidden_labels)


class EntityCatalog:
    """The curated entity list, indexed for resolution; built once per run, read-only."""

    def __init__(self, entities: Iterable[Entity] = (), source: str = "entity list") -> None:
        self.entities = tuple(sorted(entities, key=lambda e: e.id))
        self.by_id = {e.id: e for e in self.entities}
        self._exact: dict[str, tuple[Entity, str | None]] = {}
        self._loose: dict[str, tuple[Entity, str | None]] = {}
        self._core: dict[str, Entity | None] = {}  # None: two entities share it, ambiguous
        for entity in self.entities:
            for label, variant in entity.labels():
                for index, key in ((self._exact, label), (self._loose, loose_key(label))):
                    other = index.get(key)
                    if other is not None and other[0] is not entity:
                        raise WorkspaceError(
                            f"{source}: the label {label!r} is given to both "
                            f"{other[0].canonical!r} and {entity.canonical!r}"
                        )
                    index.setdefault(key, (entity, variant))
                core = "".join(core_words(label))
                self._core[core] = entity if self._core.get(core, entity) is entity else None
        labels = sorted(self._exact, key=len, reverse=True)
        alternation = "|".join(r"\s+".join(map(re.escape, label.split())) for label in labels)
        self._pattern = re.compile(rf"(?<![\w@])(?:{alternation})(?!\w)", re.IGNORECASE) if labels else None

    def __len__(self) -> int:
        return len(self.entities)

    def exact(self, name: str) -> tuple[Entity, str | None, float] | None:
        """Exact, case/punctuation or legal-form match of a name: certain, no scoring."""
        if name in self._exact:
            entity, variant = self._exact[name]
            return entity, variant, 1.0
        found = self._loose.get(loose_key(name))
        if found is not None:
            return found[0], found[1] or "case", 1.0
        entity = self._core.get("".join(core_words(name)))
        return (entity, "alias", 0.95) if entity is not None else None

    def nearest(self, name: str) -> list[tuple[float, Entity]]:
        """Every entity with its best label similarity to `name`, best first."""
        scored = [(max(name_similarity(name, label) for label, _ in e.labels()), e) for e in self.entities]
        return sorted((pair for pair in scored if pair[0] > 0), key=lambda p: (-p[0], p[1].id))

    def label_matches(self, text: str) -> Iterable[tuple[int, int, Entity, str | None]]:
        """Catalog labels in `text`, case-insensitive, skipping all-lowercase hits ("meta")."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            found = self.exact(match.group())
            if found is None or (match.group().islower() and not found[0].canonical.islower()):
                continue
            yield match.start(), match.end(), found[0], found[1]


def load_catalog(path: Path | None) -> EntityCatalog:
    """Read the editors' Turtle entity list; no file means an empty catalog."""
    if path is None or not Path(path).exists():
        return EntityCatalog()
    from rdflib import Graph

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        reason = " ".join(str(exc).split()).split(" at ^ in:")[0][:160]
        raise WorkspaceError(f"{path}: cannot parse the entity list ({reason})") from exc
    entities = []
    for subject in sorted(set(graph.subjects(SKOS.prefLabel, None))):
        prefs = sorted(str(label) for label in graph.objects(subject, SKOS.prefLabel))
        if len(prefs) != 1:
            raise WorkspaceError(f"{path}: {subject} has {len(prefs)} skos:prefLabel values, expected one")
        key = slug(prefs[0])
        if str(subject).startswith(str(ID["entity/"])) and str(subject) != str(ID[f"entity/{key}"]):
            raise WorkspaceError(f"{path}: {subject} should be id:entity/{key}, the slug of {prefs[0]!r}")
        types = [_TYPES[t] for t in graph.objects(subject, RDF.type) if t in _TYPES]
        entities.append(
            Entity(
                id=key,
                canonical=prefs[0],
                type=sorted(types)[0] if types else "ORG",
                alt_labels=tuple(sorted(str(x) for x in graph.objects(subject, SKOS.altLabel))),
                hidden_labels=tuple(sorted(str(x) for x in graph.objects(subject, SKOS.hiddenLabel))),
            )
        )
    return EntityCatalog(entities, source=str(path))


# ---------------------------------------------------------------- name comparison


def loose_key(name: str) -> str:
    """Lowercase letters and digits only: "Deep-Seek" and "DEEPSEEK" share a key."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


def core_words(name: str) -> list[str]:
    """The words that tell names apart, without "the", "of" or legal forms."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", ascii_name.replace("'", "").replace("’", "")))
    core = [w for w in words if w not in _NOISE_WORDS]
    return core or words


def name_similarity(a: str, b: str) -> float:
    """How likely `a` is a misspelling of `b`, 0..1; 0 where a merge would be unsafe.

    Blocks: short names, a different number of words ("Open Society" / "OpenAI"), a word
    replaced rather than misspelled, a different first letter, and one name extending the
    other by a syllable ("Reddit" / "Redditor").
    """
    words_a, words_b = core_words(a), core_words(b)
    key_a, key_b = "".join(words_a), "".join(words_b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    if min(len(key_a), len(key_b)) <= SHORT_NAME or len(words_a) != len(words_b) or key_a[0] != key_b[0]:
        return 0.0
    shorter, longer = sorted((key_a, key_b), key=len)
    if longer.startswith(shorter) and len(longer) - len(shorter) >= 2:
        return 0.0
    score = _spelling_similarity(key_a, key_b)
    for word_a, word_b in zip(words_a, words_b, strict=True):
        if word_a != word_b:  # the changed word decides: "Journey" is not "Journal"
            if min(len(word_a), len(word_b)) <= 3:
                return 0.0
            score = min(score, _spelling_similarity(word_a, word_b))
    return score


def _spelling_similarity(a: str, b: str) -> float:
    """Indel similarity; a swap of neighbouring letters (the commonest typo, and it keeps
    every letter) costs half an edit: "Googel", "Anthopric"."""
    from rapidfuzz.distance import OSA, Indel

    score = float(Indel.normalized_similarity(a, b))
    if sorted(a) == sorted(b):
        score = max(score, 1.0 - 0.5 * OSA.distance(a, b) / max(len(a), len(b)))
    return score


def accept_misspelling(score: float, context: bool, type_conflict: bool) -> bool:
    """The merge decision, shared by the resolver and the threshold bench."""
    if type_conflict:
        return score >= TYPE_CONFLICT_MIN
    return score + (CONTEXT_BONUS if context else 0.0) >= MISSPELLING_THRESHOLD


# ---------------------------------------------------------------- resolving a document


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    label: str  # NER label, or "CATALOG"
    entity: Entity | None = None
    variant: str | None = None
    confidence: float = 1.0


def resolve_mentions(doc: Doc, catalog: EntityCatalog) -> list[Mention]:
    """Every organisation, person and catalogued name in `doc`, sorted and non-overlapping."""
    text = doc.text
    chosen = [_Candidate(s, e, "CATALOG", ent, var) for s, e, ent, var in catalog.label_matches(text)]
    for piece in _ner_pieces(doc):
        inside = [c for c in chosen if c.start < piece.end and piece.start < c.end]
        if not inside:
            chosen.append(piece)
        elif _name_extends(text, piece, inside) and not _is_junk(doc, piece):
            chosen = [c for c in chosen if c not in inside] + [piece]
    chosen += _proper_noun_candidates(doc, chosen)
    chosen.sort(key=lambda c: c.start)

    resolved: list[_Candidate] = []
    for cand in chosen:
        if cand.entity is None and (found := catalog.exact(text[cand.start : cand.end])) is not None:
            cand = _Candidate(cand.start, cand.end, cand.label, *found)
        resolved.append(cand)
    named = {c.entity.id for c in resolved if c.entity is not None}

    mentions: list[Mention] = []
    for cand in resolved:
        name = text[cand.start : cand.end]
        if cand.entity is None:
            cand = _fuzzy(doc, catalog, cand, resolved, named) or cand
        if cand.entity is not None:
            entity = cand.entity
            mentions.append(Mention(name, cand.start, cand.end, entity.canonical, entity.id, entity.type,
                                    cand.variant, round(cand.confidence, 3)))
        elif cand.label in NODE_LABELS and not _is_junk(doc, cand):
            mentions.append(Mention(name, cand.start, cand.end, name, slug(name), cand.label))
    return _one_type_per_node(_link_surnames(mentions), catalog)


def _one_type_per_node(mentions: list[Mention], catalog: EntityCatalog) -> list[Mention]:
    """NER types one uncatalogued name ORG here and PERSON there; the majority wins (ORG on
    a tie), so its node gets one type."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.entity_id, Counter())[m.type] += 1
    best = {key: max(sorted(c), key=lambda t: (c[t], t == "ORG")) for key, c in votes.items()}
    return [m if m.entity_id in catalog.by_id or m.type == best[m.entity_id]
            else replace(m, type=best[m.entity_id]) for m in mentions]


def _ner_pieces(doc: Doc) -> Iterable[_Candidate]:
    """NER spans cut at line breaks and trimmed of "the", possessives and symbols."""
    for ent in doc.ents:
        if ent.label_ not in CANDIDATE_LABELS:
            continue
        offset = ent.start_char
        for line in ent.text.split("\n"):
            span = _trim(doc.text, offset, offset + len(line))
            offset += len(line) + 1
            if span is not None:
                yield _Candidate(span[0], span[1], ent.label_)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Narrow [start, end) to the name itself: "the Author's" -> "Author"."""
    while start < end and not (text[start].isalnum() or text[start] == "@"):
        start += 1
    if article := re.match(r"the\s+", text[start:end], re.IGNORECASE):
        start += len(article.group())
    while start < end and (m := re.search(r"(['’]s|[^\w.])$", text[start:end])):
        end -= len(m.group())
    words = text[start:end].split()
    if words and text[end - 1 : end] == "." and "." not in text[start : end - 1] and len(words[-1]) > 4:
        end -= 1
    return (start, end) if end > start else None


def _name_extends(text: str, piece: _Candidate, inside: list[_Candidate]) -> bool:
    """An ORG/PERSON span that adds name words to one catalog match names something else:
    "Google DeepMind" is not Google, "Jane Moonshot" is not Moonshot AI."""
    if piece.label not in NODE_LABELS or len(inside) != 1:
        return False
    match = inside[0]
    if match.entity is None or match.entity.type == "PRODUCT":  # "Claude Haiku" stays Claude
        return False
    if not piece.start <= match.start <= match.end <= piece.end or (piece.start, piece.end) == (match.start, match.end):
        return False
    extra = text[piece.start : match.start] + " " + text[match.end : piece.end]
    return any(w[0].isupper() and w.lower() not in _NOISE_WORDS for w in re.findall(r"[\w&]+", extra))


def _proper_noun_candidates(doc: Doc, taken: Sequence[_Candidate]) -> list[_Candidate]:
    """Capitalised proper nouns NER missed: misspellings of catalogued names ("Minimx")."""
    found = []
    for token in doc:
        start, end = token.idx, token.idx + len(token.text)
        if (token.pos_ == "PROPN" and token.text[:1].isupper() and len(token.text) > SHORT_NAME + 1
                and token.text.isalpha() and not any(c.start < end and start < c.end for c in taken)):
            found.append(_Candidate(start, end, "PROPN"))
    return found


def _fuzzy(doc: Doc, catalog: EntityCatalog, cand: _Candidate, resolved: Sequence[_Candidate],
           named: set[str]) -> _Candidate | None:
    """The catalogued entity `cand` misspells, if the score clears the measured threshold."""
    name = doc.text[cand.start : cand.end]
    ranked = catalog.nearest(name)
    if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 0.02):
        return None  # nothing close, or two entities equally close: do not guess
    score, entity = ranked[0]
    sent = _sentence(doc, cand.start, cand.end)
    peers = any(c.entity is not None and c.entity.type == entity.type and sent[0] <= c.start < sent[1]
                for c in resolved if c is not cand)
    multiword = len(core_words(name)) > 1
    conflict = (cand.label == "PERSON" and multiword and entity.type != "PERSON") or (
        cand.label == "ORG" and entity.type == "PERSON")
    if not accept_misspelling(score, entity.id in named or peers, conflict):
        return None
    return _Candidate(cand.start, cand.end, cand.label, entity, "misspelling", score)


def _sentence(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return 0, len(doc.text)
    return span.sent.start_char, span.sent.end_char


def _is_junk(doc: Doc, cand: _Candidate) -> bool:
    """NER noise by shape: lowercase, numbers, long spans, headings, no proper noun,
    acronyms used as modifiers ("AI companies", "IP lawyers")."""
    text = doc.text[cand.start : cand.end]
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not any(c.isupper() for c in letters) or len(text) > 60 or len(text.split()) > 6:
        return True
    if _in_heading(doc.text, cand.start, cand.end):
        return True
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is not None and doc.has_annotation("TAG") and not any(t.pos_ == "PROPN" for t in span):
        return True  # "Before", "Lush": a capitalised common word at a line start
    if text.isupper() and len(letters) <= SHORT_NAME:  # two letters: too ambiguous uncatalogued
        uses = [t for t in doc if t.text == text]
        modifiers = sum(1 for t in uses if t.dep_ == "compound" and t.head.pos_ == "NOUN")
        return len(letters) <= 2 or 3 * modifiers >= len(uses)
    return False


def _in_heading(text: str, start: int, end: int) -> bool:
    """Headings (no closing punctuation, short or Title Case) are where NER errs most."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if line.startswith("#"):
        return True
    if line.endswith(_HEADING_END):
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    title_case = sum(1 for w in words if w[0].isupper()) >= 0.6 * max(len(words), 1)
    return len(line.split()) <= 12 or title_case


def _link_surnames(mentions: list[Mention]) -> list[Mention]:
    """A lone surname joins the full name used earlier in the article ("Hembree")."""
    full: dict[str, Mention] = {}
    out = []
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) > 1:
            full.setdefault(words[-1], m)
        if m.type == "PERSON" and len(words) == 1 and m.text in full and m.variant is None and m.canonical == m.text:
            owner = full[m.text]
            m = Mention(m.text, m.start, m.end, owner.canonical, owner.entity_id, "PERSON", "alias", 0.9)
        out.append(m)
    return out


# ---------------------------------------------------------------- helpers for other stages


def lookup(catalog: EntityCatalog, name: str) -> tuple[str, str] | None:
    """(entity_id, canonical) for a user-typed name, through aliases and misspellings."""
    found = catalog.exact(name.strip())
    if found is not None:
        return found[0].id, found[0].canonical
    ranked = catalog.nearest(name.strip())
    if ranked and accept_misspelling(ranked[0][0], False, False):
        if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= 0.02:
            return ranked[0][1].id, ranked[0][1].canonical
    return None


def suggest(catalog: EntityCatalog, name: str, n: int = 3) -> list[str]:
    """Canonical names a user may have meant, for a "did you mean" line."""
    from rapidfuzz import fuzz

    key = loose_key(name)
    scored = []
    for entity in catalog.entities:
        best = max(fuzz.ratio(key, loose_key(label)) for label, _ in entity.labels())
        if best >= 60:
            scored.append((-best, entity.canonical))
    return [canonical for _, canonical in sorted(scored)[:n]]


def link_unknowns(mentions: Iterable[Mention], catalog: EntityCatalog) -> dict[str, str]:
    """Across articles: uncatalogued entity ids that look like misspellings of another
    uncatalogued entity, mapped to the more often named one, for a name_variant flag."""
    unknown = [m for m in mentions if m.entity_id not in catalog.by_id]
    counts = Counter(m.entity_id for m in unknown)
    names = {m.entity_id: m.canonical for m in unknown}
    links: dict[str, str] = {}
    ordered = sorted(counts, key=lambda i: (-counts[i], i))
    for index, rare in enumerate(ordered):
        for common in ordered[:index]:
            if common not in links and accept_misspelling(name_similarity(names[rare], names[common]), False, False):
                links[rare] = common
                break
    return links
