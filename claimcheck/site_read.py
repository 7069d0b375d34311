"""The KB's files read into plain records for the site: no rdflib terms, picklable.

`read_source` maps one source graph to its article, claims, figures and mentions (it is
`claimcheck.kbcache`'s "site" reader, so each file is parsed once per content);
`read_checks` and `read_entity_list` read kb/checks.trig and kb/entities.ttl through
Oxigraph, keeping only the predicates the pages show. `site_data` joins the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimcheck import site_files
from claimcheck.site_files import KbFile
from claimcheck.slots import Statement, interval
from claimcheck.vocab import CC, OA, PROV, RDF, RDFS, SCHEMA, SKOS, short_hash, slug

if TYPE_CHECKING:
    from rdflib import Graph

QUALIFIER_LABELS = {
    "exact": "exact",
    "approx": "approximately",
    "lower_bound": "at least",
    "upper_bound": "at most",
    "range": "range",
    "vague": "vague",
}
VARIANT_LABELS = {"alias": "alias", "case": "case variant", "misspelling": "misspelling"}


@dataclass(frozen=True)
class SpanRow:
    """A highlighted span of an article: what every row of a page links to by its anchor."""

    iri: str
    anchor: str
    source_key: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class FigureRow(SpanRow):
    """One figure as one source states it: a row of a fact table and a highlight."""

    kind: str
    unit: str
    qualifier: str
    value: float | str | None
    low: float | str | None
    high: float | str | None
    precision: float | None
    concept: str | None
    claim_iri: str | None
    sentence: str
    interval: tuple[float, float] | None
    about: tuple[str, ...] = ()  # entity keys
    slot_key: str | None = None

    @property
    def qualifier_label(self) -> str:
        return QUALIFIER_LABELS.get(self.qualifier, self.qualifier)


@dataclass(frozen=True)
class ClaimRow(SpanRow):
    attribution: str | None
    figure_iris: tuple[str, ...]
    slot_key: str | None = None


@dataclass(frozen=True)
class MentionRow(SpanRow):
    entity_key: str
    variant: str | None
    confidence: float | None

    @property
    def variant_label(self) -> str | None:
        return VARIANT_LABELS.get(self.variant, self.variant) if self.variant else None


@dataclass(frozen=True)
class SourceRecord:
    """One article of a source graph, as `read_source` reads it (no slot keys yet)."""

    iri: str
    key: str
    id: str
    title: str
    outlet: str | None
    author: str | None
    date: str | None
    url: str | None
    body: str
    claims: tuple[ClaimRow, ...]
    figures: tuple[FigureRow, ...]
    mentions: tuple[MentionRow, ...]


@dataclass(frozen=True)
class EntityNode:
    """An entity IRI with a skos:prefLabel, as one file (a source graph or the list) states it."""

    iri: str
    pref_labels: tuple[str, ...]
    types: tuple[str, ...]  # local names of its rdf:types
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceFile:
    """Everything the site needs from one source graph file: cached by `claimcheck.kbcache`."""

    sources: tuple[SourceRecord, ...]
    entities: tuple[EntityNode, ...]


@dataclass(frozen=True)
class SlotNode:
    iri: str
    label: str
    subjects: tuple[str, ...]  # entity IRIs
    concept: str | None
    family: str | None
    members: tuple[str, ...]  # figure IRIs


@dataclass(frozen=True)
class FlagNode:
    iri: str
    kind: str
    severity: str
    message: str
    slot: str | None
    sources: tuple[str, ...]
    entities: tuple[str, ...]
    claims: tuple[str, ...]
    figures: tuple[str, ...]
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Checks:
    """kb/checks.trig as plain records: fact slots, flags and claim reviews."""

    slots: tuple[SlotNode, ...] = ()
    flags: tuple[FlagNode, ...] = ()
    reviews: tuple[dict[str, str], ...] = ()  # iri, claim, flag_slot, body, rating


# --------------------------------------------------------------------------- helpers


class V:
    """The IRIs read here, as plain strings: an rdflib namespace attribute builds a URIRef
    on every lookup, which adds up over thousands of sources and flags."""

    FactSlot = str(CC.FactSlot)
    Flag = str(CC.Flag)
    Mention = str(CC.Mention)
    attributionText = str(CC.attributionText)
    concept = str(CC.concept)
    concernsClaim = str(CC.concernsClaim)
    concernsEntity = str(CC.concernsEntity)
    concernsFigure = str(CC.concernsFigure)
    concernsMention = str(CC.concernsMention)
    concernsSource = str(CC.concernsSource)
    confidence = str(CC.confidence)
    figureKind = str(CC.figureKind)
    flagKind = str(CC.flagKind)
    hasFigure = str(CC.hasFigure)
    hasMember = str(CC.hasMember)
    inClaim = str(CC.inClaim)
    inSlot = str(CC.inSlot)
    message = str(CC.message)
    precision = str(CC.precision)
    qualifier = str(CC.qualifier)
    refersTo = str(CC.refersTo)
    severity = str(CC.severity)
    slotConcept = str(CC.slotConcept)
    slotSubject = str(CC.slotSubject)
    surfaceText = str(CC.surfaceText)
    textSpan = str(CC.textSpan)
    unitFamily = str(CC.unitFamily)
    variantKind = str(CC.variantKind)
    exact = str(CC.exact)
    TextPositionSelector = str(OA.TextPositionSelector)
    end = str(OA.end)
    hasSelector = str(OA.hasSelector)
    start = str(OA.start)
    wasDerivedFrom = str(PROV.wasDerivedFrom)
    wasQuotedFrom = str(PROV.wasQuotedFrom)
    type = str(RDF.type)
    label = str(RDFS.label)
    Claim = str(SCHEMA.Claim)
    ClaimReview = str(SCHEMA.ClaimReview)
    NewsArticle = str(SCHEMA.NewsArticle)
    about = str(SCHEMA.about)
    alternateName = str(SCHEMA.alternateName)
    appearance = str(SCHEMA.appearance)
    author = str(SCHEMA.author)
    currency = str(SCHEMA.currency)
    datePublished = str(SCHEMA.datePublished)
    description = str(SCHEMA.description)
    headline = str(SCHEMA.headline)
    identifier = str(SCHEMA.identifier)
    itemReviewed = str(SCHEMA.itemReviewed)
    name = str(SCHEMA.name)
    publisher = str(SCHEMA.publisher)
    reviewBody = str(SCHEMA.reviewBody)
    reviewRating = str(SCHEMA.reviewRating)
    text = str(SCHEMA.text)
    unitText = str(SCHEMA.unitText)
    url = str(SCHEMA.url)
    value = str(SCHEMA.value)
    minValue = str(SCHEMA.minValue)
    maxValue = str(SCHEMA.maxValue)
    altLabel = str(SKOS.altLabel)
    hiddenLabel = str(SKOS.hiddenLabel)
    prefLabel = str(SKOS.prefLabel)


def anchor(prefix: str, iri: str) -> str:
    return f"{prefix}-{short_hash(iri)[:12]}"


def entity_key(iri: str) -> str:
    return slug(iri.rstrip("/").rsplit("/", 1)[-1])


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Index:
    """subject -> predicate -> objects, built in one pass: each lookup is then a dict hit."""

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        self.po: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.by_type: dict[str, list[str]] = defaultdict(list)
        for s, p, o in triples:
            subject, predicate = str(s), str(p)
            self.po[subject][predicate].append(o)
            if predicate == V.type:
                self.by_type[str(o)].append(subject)

    def value(self, subject: str | None, predicate: str) -> Any | None:
        if subject is None:
            return None
        values = self.po.get(subject, {}).get(predicate)
        return values[0] if values else None

    def text(self, subject: str | None, predicate: str) -> str | None:
        value = self.value(subject, predicate)
        return None if value is None else str(value)

    def objects(self, subject: str | None, predicate: str) -> list[Any]:
        return self.po.get(subject or "", {}).get(predicate, [])

    def strings(self, subject: str | None, predicate: str) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in self.objects(subject, predicate)))

    def span(self, node: str) -> tuple[int, int]:
        for selector in sorted(str(s) for s in self.objects(self.text(node, V.textSpan), V.hasSelector)):
            if V.TextPositionSelector in self.strings(selector, V.type):
                start, end = self.value(selector, V.start), self.value(selector, V.end)
                if start is not None and end is not None:
                    return int(str(start)), int(str(end))
        return 0, 0


def _num(value: Any | None) -> float | str | None:
    """A literal's number as a float, anything else as its text."""
    if value is None:
        return None
    to_python = getattr(value, "toPython", None)
    if to_python is not None and getattr(value, "datatype", None) is not None:
        python = to_python()
        if isinstance(python, bool):
            return str(value)
        if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
            return float(python)
    return str(value)


# --------------------------------------------------------------------------- one source graph


def read_source(graph: Graph) -> SourceFile:
    """What the site shows of one source graph, as picklable records (no rdflib terms)."""
    g = _Index(graph)
    sources = tuple(_source_record(g, node) for node in sorted(g.by_type[V.NewsArticle]))
    pref = V.prefLabel
    entities = tuple(
        EntityNode(iri=node, pref_labels=g.strings(node, pref), types=tuple(sorted(_local(t) for t in g.objects(node, V.type))))
        for node in sorted(s for s, po in g.po.items() if pref in po and "://" in s)
    )
    return SourceFile(sources=sources, entities=entities)


def _source_record(g: _Index, node: str) -> SourceRecord:
    sid = g.text(node, V.identifier) or _local(node)
    key = slug(sid)
    url = g.text(node, V.url)
    quoted = [s for s, po in g.po.items() if any(str(o) == node for o in po.get(V.wasQuotedFrom, ()))]
    appear = [s for s, po in g.po.items() if any(str(o) == node for o in po.get(V.appearance, ()))]
    return SourceRecord(
        iri=node,
        key=key,
        id=sid,
        title=g.text(node, V.headline) or sid,
        outlet=g.text(g.text(node, V.publisher), V.name),
        author=g.text(g.text(node, V.author), V.name),
        date=g.text(node, V.datePublished),
        url=url if url and url.lower().startswith(("http://", "https://")) else None,
        body=g.text(node, V.text) or "",
        claims=_claims(g, appear, key),
        figures=_figures(g, quoted, key),
        mentions=_mentions(g, quoted, key),
    )


def _claims(g: _Index, nodes: list[str], key: str) -> tuple[ClaimRow, ...]:
    rows = []
    for node in nodes:
        if V.Claim not in g.strings(node, V.type):
            continue
        start, end = g.span(node)
        rows.append(
            ClaimRow(
                iri=node,
                anchor=anchor("c", node),
                source_key=key,
                text=g.text(node, V.text) or "",
                start=start,
                end=end,
                attribution=g.text(node, V.attributionText),
                figure_iris=g.strings(node, V.hasFigure),
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.start, r.end, r.iri)))


def _figures(g: _Index, nodes: list[str], key: str) -> tuple[FigureRow, ...]:
    rows = []
    for node in nodes:
        if g.value(node, V.figureKind) is None:
            continue
        start, end = g.span(node)
        claim = g.text(node, V.inClaim)
        unit = g.text(node, V.currency) or g.text(node, V.unitText) or ""
        qualifier = _local(g.value(node, V.qualifier) or V.exact)
        text = g.text(node, V.surfaceText) or ""
        kind = g.text(node, V.figureKind) or "quantity"
        value, low, high = (_num(g.value(node, p)) for p in (V.value, V.minValue, V.maxValue))
        precision = _num(g.value(node, V.precision))
        precision = precision if isinstance(precision, float) else None
        sentence = g.text(claim, V.text) or text
        statement = Statement(
            iri=node, source=key, independence=key, text=text, sentence=sentence, start=start, end=end,
            kind=kind, unit=unit, qualifier=qualifier, value=value, low=low, high=high,
            precision=precision, concept=g.text(node, V.concept), subject=None,
        )  # fmt: skip
        try:
            bounds = interval(statement)
        except (TypeError, ValueError):
            bounds = None
        rows.append(
            FigureRow(
                iri=node, anchor=anchor("f", node), source_key=key, text=text, start=start, end=end, kind=kind,
                unit=unit, qualifier=qualifier, value=value, low=low, high=high, precision=precision,
                concept=statement.concept, claim_iri=claim, sentence=sentence, interval=bounds,
                about=tuple(sorted(entity_key(str(e)) for e in g.objects(node, V.about))),
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.start, r.end, r.iri)))


def _mentions(g: _Index, nodes: list[str], key: str) -> tuple[MentionRow, ...]:
    rows = []
    for node in nodes:
        if V.Mention not in g.strings(node, V.type):
            continue
        start, end = g.span(node)
        variant = g.value(node, V.variantKind)
        confidence = _num(g.value(node, V.confidence))
        rows.append(
            MentionRow(
                iri=node, anchor=anchor("m", node), source_key=key, text=g.text(node, V.surfaceText) or "",
                start=start, end=end, entity_key=entity_key(g.text(node, V.refersTo) or "unknown"),
                variant=_local(variant) if variant is not None else None,
                confidence=confidence if isinstance(confidence, float) else None,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.start, r.end, r.iri)))


# --------------------------------------------------------------------------- checks and the entity list


_CHECKS_PREDICATES = tuple(str(p) for p in (
    RDF.type, RDFS.label, CC.slotSubject, CC.slotConcept, CC.unitFamily, CC.hasMember, CC.flagKind, CC.severity,
    CC.message, CC.inSlot, CC.concernsSource, CC.concernsEntity, CC.concernsClaim, CC.concernsFigure,
    CC.concernsMention, SCHEMA.reviewRating, SCHEMA.itemReviewed, PROV.wasDerivedFrom, SCHEMA.reviewBody,
    SCHEMA.description, SCHEMA.alternateName, SCHEMA.name,
))  # fmt: skip
_ENTITY_PREDICATES = tuple(str(p) for p in (RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel))


def _strings(quads: Iterable[Any]) -> _Index:
    return _Index((q.subject.value, q.predicate.value, q.object.value) for q in quads)


def read_checks(file: KbFile | None) -> Checks:
    """Slots, flags and claim reviews of kb/checks.trig (no file: no checks yet). The
    statements each flag rests on are not read: pages show the flag's own links."""
    if file is None:
        return Checks()
    g = _strings(site_files.quads(file, _CHECKS_PREDICATES))
    slots = tuple(
        SlotNode(
            iri=node, label=g.text(node, V.label) or "", subjects=g.strings(node, V.slotSubject),
            concept=g.text(node, V.slotConcept), family=g.text(node, V.unitFamily),
            members=g.strings(node, V.hasMember),
        )
        for node in sorted(g.by_type[V.FactSlot])
    )
    flags = tuple(
        FlagNode(
            iri=node, kind=g.text(node, V.flagKind) or "flag", severity=g.text(node, V.severity) or "info",
            message=g.text(node, V.message) or "", slot=g.text(node, V.inSlot),
            sources=g.strings(node, V.concernsSource), entities=g.strings(node, V.concernsEntity),
            claims=g.strings(node, V.concernsClaim), figures=g.strings(node, V.concernsFigure),
            mentions=g.strings(node, V.concernsMention),
        )
        for node in sorted(g.by_type[V.Flag])
    )
    reviews = []
    for node in sorted(g.by_type[V.ClaimReview]):
        rating = g.text(node, V.reviewRating)
        reviews.append({
            "iri": node,
            "claim": g.text(node, V.itemReviewed) or "",
            "flag_slot": g.text(g.text(node, V.wasDerivedFrom), V.inSlot) or "",
            "body": g.text(node, V.reviewBody) or g.text(node, V.description) or "",
            "rating": g.text(rating, V.alternateName) or g.text(rating, V.name) or "",
        })  # fmt: skip
    return Checks(slots=slots, flags=flags, reviews=tuple(reviews))


def read_entity_list(file: KbFile | None) -> tuple[EntityNode, ...]:
    """The editors' entity list (kb/entities.ttl): labels, types, aliases and misspellings."""
    if file is None:
        return ()
    g = _strings(site_files.quads(file, _ENTITY_PREDICATES))
    pref = V.prefLabel
    return tuple(
        EntityNode(
            iri=node, pref_labels=g.strings(node, pref), types=tuple(sorted(_local(t) for t in g.objects(node, V.type))),
            alt_labels=g.strings(node, V.altLabel), hidden_labels=g.strings(node, V.hiddenLabel),
        )
        for node in sorted(s for s, po in g.po.items() if pref in po and "://" in s)
    )


