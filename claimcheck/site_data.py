"""The static site's data: the KB read once into plain records, then rendered by `site`.

Reading is separate from rendering so tests can check what a page will say without HTML,
and so templates only loop and print. Everything is sorted here; keys (file names and
anchors) come from IRIs and hashes, never from run order, so the site is byte-stable.
Input is `graph.load_kb(ws)`: source graphs, kb/checks.trig (optional) and the entities.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from claimcheck.slots import Statement, interval
from claimcheck.vocab import CC, OA, PROV, RDF, RDFS, SCHEMA, SKOS, short_hash, slug

SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_WEIGHT = {"high": 8, "medium": 4, "low": 2, "info": 0}
QUALIFIER_LABELS = {
    "exact": "exact",
    "approx": "approximately",
    "lower_bound": "at least",
    "upper_bound": "at most",
    "range": "range",
    "vague": "vague",
}
VARIANT_LABELS = {"alias": "alias", "case": "case variant", "misspelling": "misspelling"}
ARITHMETIC_KINDS = ("parts_whole", "arithmetic")


@dataclass(frozen=True)
class FigureRow:
    """One figure as one source states it: a row of a fact table and a highlight."""

    iri: str
    anchor: str
    source_key: str
    text: str
    start: int
    end: int
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
class ClaimRow:
    iri: str
    anchor: str
    source_key: str
    text: str
    start: int
    end: int
    attribution: str | None
    figure_iris: tuple[str, ...]
    slot_key: str | None = None


@dataclass(frozen=True)
class MentionRow:
    iri: str
    anchor: str
    source_key: str
    text: str
    start: int
    end: int
    entity_key: str
    variant: str | None
    confidence: float | None

    @property
    def variant_label(self) -> str | None:
        return VARIANT_LABELS.get(self.variant, self.variant) if self.variant else None


@dataclass(frozen=True)
class FlagRow:
    iri: str
    anchor: str
    kind: str
    severity: str
    message: str
    slot_key: str | None
    source_keys: tuple[str, ...]
    entity_keys: tuple[str, ...]
    claim_iris: tuple[str, ...]
    figure_iris: tuple[str, ...]
    mention_iris: tuple[str, ...]

    @property
    def kind_label(self) -> str:
        return self.kind.replace("_", " ")


@dataclass
class Source:
    iri: str
    key: str
    id: str
    title: str
    outlet: str | None
    author: str | None
    date: str | None
    url: str | None
    body: str
    claims: list[ClaimRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)


@dataclass
class Entity:
    iri: str
    key: str
    label: str
    type: str
    alt_labels: list[str]
    hidden_labels: list[str]
    spellings: dict[str, list[tuple[str, str | None, int]]] = field(default_factory=dict)  # source key -> (text, variant, n)
    slot_keys: list[str] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)


@dataclass
class Slot:
    iri: str
    key: str
    label: str
    subject_keys: list[str]  # one entity, or every member of a group ("the three labs")
    concept: str | None
    family: str | None
    members: list[FigureRow]
    flags: list[FlagRow] = field(default_factory=list)
    reviews: list[dict[str, str]] = field(default_factory=list)  # schema:ClaimReview nodes of the KB

    @property
    def source_keys(self) -> list[str]:
        return sorted({m.source_key for m in self.members})

    @property
    def disagreement(self) -> tuple[int, int, int]:
        """Sort key, larger = more disagreement: flag severity, distinct values, sources."""
        weight = sum(SEVERITY_WEIGHT.get(f.severity, 0) for f in self.flags if f.kind != "corroboration")
        values = {(m.value, m.qualifier) for m in self.members}
        return weight, len(values), len(self.source_keys)

    @property
    def arithmetic(self) -> list[FlagRow]:
        return [f for f in self.flags if f.kind in ARITHMETIC_KINDS]


@dataclass
class SiteData:
    sources: list[Source]
    slots: list[Slot]
    entities: list[Entity]
    flags: list[FlagRow]
    entity_labels: dict[str, str]  # entity key -> label

    def source(self, key: str) -> Source:
        return next(s for s in self.sources if s.key == key)

    def severity_counts(self) -> list[tuple[str, int]]:
        return [(sev, sum(1 for f in self.flags if f.severity == sev)) for sev in SEVERITIES]

    @property
    def slots_by_disagreement(self) -> list[Slot]:
        return sorted(self.slots, key=lambda s: (tuple(-x for x in s.disagreement), s.label, s.key))

    @property
    def compared_slots(self) -> list[Slot]:
        """Facts at least two sources report: the ones a reader can compare."""
        return [s for s in self.slots_by_disagreement if len(s.source_keys) > 1]

    @property
    def single_source_slots(self) -> list[Slot]:
        return [s for s in self.slots_by_disagreement if len(s.source_keys) <= 1]


# --------------------------------------------------------------------------- helpers


def anchor(prefix: str, iri: str) -> str:
    return f"{prefix}-{short_hash(iri)[:12]}"


def entity_key(iri: str) -> str:
    return slug(iri.rstrip("/").rsplit("/", 1)[-1])


def _str(graph: Graph, node: Node | None, predicate: URIRef) -> str | None:
    if node is None:
        return None
    value = graph.value(node, predicate)
    return None if value is None else str(value)


def _num(value: Node | None) -> float | str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool):
            return str(value)
        if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
            return float(python)
    return str(value)


def _span(graph: Graph, node: Node) -> tuple[int, int]:
    span = graph.value(node, CC.textSpan)
    if span is not None:
        for selector in sorted(graph.objects(span, OA.hasSelector), key=str):
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
                if start is not None and end is not None:
                    return int(str(start)), int(str(end))
    return 0, 0


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def union_graph(dataset: Dataset) -> Graph:
    """All named graphs in one: pages cross sources, checks and the entity list."""
    union = Graph()
    for graph in dataset.graphs():
        for triple in graph:
            union.add(triple)
    return union


# --------------------------------------------------------------------------- reading


def read_site_data(dataset: Dataset) -> SiteData:
    """Everything the pages show, from the KB alone."""
    g = union_graph(dataset)
    sources = _read_sources(g)
    by_iri = {s.iri: s for s in sources}
    figures = {f.iri: f for s in sources for f in s.figures}
    claims = {c.iri: c for s in sources for c in s.claims}
    mentions = {m.iri: m for s in sources for m in s.mentions}

    slots = _read_slots(g, figures)
    slot_of_figure = {m.iri: slot.key for slot in slots for m in slot.members}
    for source in sources:
        source.figures = [_with_slot(f, slot_of_figure.get(f.iri)) for f in source.figures]
        source.claims = [
            ClaimRow(**{**c.__dict__, "slot_key": next((slot_of_figure[i] for i in c.figure_iris if i in slot_of_figure), None)})
            for c in source.claims
        ]
    for slot in slots:
        slot.members = [_with_slot(m, slot.key) for m in slot.members]

    slot_keys = {slot.iri: slot.key for slot in slots}
    flags = _read_flags(g, slot_keys, by_iri, figures, claims, mentions)
    for flag in flags:
        for slot in slots:
            if flag.slot_key == slot.key:
                slot.flags.append(flag)
        for source in sources:
            if source.key in flag.source_keys:
                source.flags.append(flag)
    _read_reviews(g, slots, claims)

    entities = _read_entities(g, sources, slots, flags)
    labels = {e.key: e.label for e in entities}
    for slot in slots:
        if not slot.label:
            subject = _join([labels.get(k, k) for k in slot.subject_keys])
            what = slot.concept or slot.family or "figure"
            slot.label = f"{subject}: {what}" if subject else what.capitalize()
    return SiteData(sources=sources, slots=slots, entities=entities, flags=flags, entity_labels=labels)


def _join(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': how a reader names a group."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _with_slot(figure: FigureRow, slot_key: str | None) -> FigureRow:
    return FigureRow(**{**figure.__dict__, "slot_key": slot_key})


def _read_sources(g: Graph) -> list[Source]:
    sources = []
    for node in sorted(g.subjects(RDF.type, SCHEMA.NewsArticle), key=str):
        sid = _str(g, node, SCHEMA.identifier) or _local(node)
        key = slug(sid)
        publisher = g.value(node, SCHEMA.publisher)
        author = g.value(node, SCHEMA.author)
        url = _str(g, node, SCHEMA.url)
        source = Source(
            iri=str(node),
            key=key,
            id=sid,
            title=_str(g, node, SCHEMA.headline) or sid,
            outlet=_str(g, publisher, SCHEMA.name),
            author=_str(g, author, SCHEMA.name),
            date=_str(g, node, SCHEMA.datePublished),
            url=url if url and url.lower().startswith(("http://", "https://")) else None,
            body=_str(g, node, SCHEMA.text) or "",
        )
        source.claims = _read_claims(g, node, key)
        source.figures = _read_figures(g, node, key)
        source.mentions = _read_mentions(g, node, key)
        sources.append(source)
    return sorted(sources, key=lambda s: (s.date or "", s.title.lower(), s.key))


def _read_claims(g: Graph, source: Node, key: str) -> list[ClaimRow]:
    rows = []
    for node in set(g.subjects(SCHEMA.appearance, source)):
        if (node, RDF.type, SCHEMA.Claim) not in g:
            continue
        start, end = _span(g, node)
        rows.append(
            ClaimRow(
                iri=str(node),
                anchor=anchor("c", str(node)),
                source_key=key,
                text=_str(g, node, SCHEMA.text) or "",
                start=start,
                end=end,
                attribution=_str(g, node, CC.attributionText),
                figure_iris=tuple(sorted(str(f) for f in g.objects(node, CC.hasFigure))),
            )
        )
    return sorted(rows, key=lambda r: (r.start, r.end, r.iri))


def _read_figures(g: Graph, source: Node, key: str) -> list[FigureRow]:
    rows = []
    for node in set(g.subjects(PROV.wasQuotedFrom, source)):
        if g.value(node, CC.figureKind) is None:
            continue
        start, end = _span(g, node)
        claim = g.value(node, CC.inClaim)
        unit = g.value(node, SCHEMA.currency) or g.value(node, SCHEMA.unitText)
        qualifier = _local(g.value(node, CC.qualifier) or CC.exact)
        text = _str(g, node, CC.surfaceText) or ""
        kind = _str(g, node, CC.figureKind) or "quantity"
        value, low, high = (_num(g.value(node, p)) for p in (SCHEMA.value, SCHEMA.minValue, SCHEMA.maxValue))
        precision = _num(g.value(node, CC.precision))
        precision = precision if isinstance(precision, float) else None
        sentence = _str(g, claim, SCHEMA.text) or text
        statement = Statement(
            iri=str(node), source=key, independence=key, text=text, sentence=sentence, start=start, end=end,
            kind=kind, unit=str(unit or ""), qualifier=qualifier, value=value, low=low, high=high,
            precision=precision, concept=_str(g, node, CC.concept), subject=None,
        )  # fmt: skip
        try:
            bounds = interval(statement)
        except (TypeError, ValueError):
            bounds = None
        rows.append(
            FigureRow(
                iri=str(node),
                anchor=anchor("f", str(node)),
                source_key=key,
                text=text,
                start=start,
                end=end,
                kind=kind,
                unit=str(unit or ""),
                qualifier=qualifier,
                value=value,
                low=low,
                high=high,
                precision=precision,
                concept=statement.concept,
                claim_iri=str(claim) if claim is not None else None,
                sentence=sentence,
                interval=bounds,
                about=tuple(sorted(entity_key(str(e)) for e in g.objects(node, SCHEMA.about))),
            )
        )
    return sorted(rows, key=lambda r: (r.start, r.end, r.iri))


def _read_mentions(g: Graph, source: Node, key: str) -> list[MentionRow]:
    rows = []
    for node in set(g.subjects(PROV.wasQuotedFrom, source)):
        if (node, RDF.type, CC.Mention) not in g:
            continue
        start, end = _span(g, node)
        variant = g.value(node, CC.variantKind)
        confidence = _num(g.value(node, CC.confidence))
        rows.append(
            MentionRow(
                iri=str(node),
                anchor=anchor("m", str(node)),
                source_key=key,
                text=_str(g, node, CC.surfaceText) or "",
                start=start,
                end=end,
                entity_key=entity_key(str(g.value(node, CC.refersTo) or "unknown")),
                variant=_local(variant) if variant is not None else None,
                confidence=confidence if isinstance(confidence, float) else None,
            )
        )
    return sorted(rows, key=lambda r: (r.start, r.end, r.iri))


def _read_slots(g: Graph, figures: dict[str, FigureRow]) -> list[Slot]:
    slots = []
    for node in sorted(g.subjects(RDF.type, CC.FactSlot), key=str):
        members = sorted(
            (figures[str(m)] for m in g.objects(node, CC.hasMember) if str(m) in figures),
            key=lambda f: (f.source_key, f.start, f.iri),
        )
        label = _str(g, node, RDFS.label) or ""
        subjects = sorted(entity_key(str(e)) for e in g.objects(node, CC.slotSubject))
        concept = _str(g, node, CC.slotConcept) or ""
        slots.append(
            Slot(
                iri=str(node),
                key=f"{slug(label or ' '.join([*subjects, concept]))[:48].strip('-') or 'fact'}-{short_hash(str(node))[:8]}",
                label=label,
                subject_keys=subjects,
                concept=_str(g, node, CC.slotConcept),
                family=_str(g, node, CC.unitFamily),
                members=members,
            )
        )
    return slots


def _read_flags(
    g: Graph,
    slot_keys: dict[str, str],
    sources: dict[str, Source],
    figures: dict[str, FigureRow],
    claims: dict[str, ClaimRow],
    mentions: dict[str, MentionRow],
) -> list[FlagRow]:
    flags = []
    for node in sorted(g.subjects(RDF.type, CC.Flag), key=str):

        def objects(predicate: URIRef, node: Node = node) -> list[str]:
            return sorted(str(o) for o in g.objects(node, predicate))

        claim_iris, figure_iris, mention_iris = (
            objects(CC.concernsClaim), objects(CC.concernsFigure), objects(CC.concernsMention)
        )  # fmt: skip
        source_keys = {sources[s].key for s in objects(CC.concernsSource) if s in sources}
        source_keys |= {figures[f].source_key for f in figure_iris if f in figures}
        source_keys |= {claims[c].source_key for c in claim_iris if c in claims}
        source_keys |= {mentions[m].source_key for m in mention_iris if m in mentions}
        entity_keys = {entity_key(e) for e in objects(CC.concernsEntity)}
        entity_keys |= {mentions[m].entity_key for m in mention_iris if m in mentions}
        slot = g.value(node, CC.inSlot)
        severity = (_str(g, node, CC.severity) or "info").lower()
        flags.append(
            FlagRow(
                iri=str(node),
                anchor=anchor("flag", str(node)),
                kind=_str(g, node, CC.flagKind) or "flag",
                severity=severity if severity in SEVERITIES else "info",
                message=_str(g, node, CC.message) or "",
                slot_key=slot_keys.get(str(slot)) if slot is not None else None,
                source_keys=tuple(sorted(source_keys)),
                entity_keys=tuple(sorted(entity_keys)),
                claim_iris=tuple(claim_iris),
                figure_iris=tuple(figure_iris),
                mention_iris=tuple(mention_iris),
            )
        )
    order = {sev: i for i, sev in enumerate(SEVERITIES)}
    return sorted(flags, key=lambda f: (order[f.severity], f.kind, f.message, f.iri))


def _read_reviews(g: Graph, slots: list[Slot], claims: dict[str, ClaimRow]) -> None:
    """schema:ClaimReview nodes the checks wrote, attached to the slots of their claims."""
    by_iri = {slot.iri: slot for slot in slots}
    for node in sorted(g.subjects(RDF.type, SCHEMA.ClaimReview), key=str):
        item = str(g.value(node, SCHEMA.itemReviewed) or "")
        flag = g.value(node, PROV.wasDerivedFrom)
        flag_slot = by_iri.get(str(g.value(flag, CC.inSlot))) if flag is not None else None
        rating = g.value(node, SCHEMA.reviewRating)
        review = {
            "iri": str(node),
            "claim": item,
            "body": _str(g, node, SCHEMA.reviewBody) or _str(g, node, SCHEMA.description) or "",
            "rating": _str(g, rating, SCHEMA.alternateName) or _str(g, rating, SCHEMA.name) or "",
        }
        # A review belongs to the slot of the flag it comes from, else to its claim's slots.
        for slot in [flag_slot] if flag_slot else slots:
            if any(m.claim_iri == item for m in slot.members):
                slot.reviews.append(review)


def _read_entities(g: Graph, sources: list[Source], slots: list[Slot], flags: list[FlagRow]) -> list[Entity]:
    """Entities the sources name, the slots are about or the flags concern; not the whole catalog."""
    wanted: set[str] = {m.entity_key for s in sources for m in s.mentions}
    wanted |= {k for s in slots for k in s.subject_keys}
    wanted |= {k for f in flags for k in f.entity_keys}
    nodes = {entity_key(str(n)): n for n in g.subjects(SKOS.prefLabel, None) if isinstance(n, URIRef)}
    entities = []
    for key in sorted(wanted):
        node = nodes.get(key)
        labels = sorted(str(x) for x in g.objects(node, SKOS.prefLabel)) if node is not None else []
        types = sorted(_local(t) for t in g.objects(node, RDF.type)) if node is not None else []
        entity = Entity(
            iri=str(node) if node is not None else key,
            key=key,
            label=labels[0] if labels else key,
            type=types[0] if types else "Thing",
            alt_labels=sorted({str(x) for x in g.objects(node, SKOS.altLabel)}) if node is not None else [],
            hidden_labels=sorted({str(x) for x in g.objects(node, SKOS.hiddenLabel)}) if node is not None else [],
        )
        for source in sources:
            counts: dict[tuple[str, str | None], int] = defaultdict(int)
            for mention in source.mentions:
                if mention.entity_key == key:
                    counts[(mention.text, mention.variant)] += 1
            if counts:
                entity.spellings[source.key] = [(t, v, n) for (t, v), n in sorted(counts.items(), key=lambda x: (x[0][0], x[0][1] or ""))]
        entity.slot_keys = sorted(
            slot.key for slot in slots if key in slot.subject_keys or any(key in m.about for m in slot.members)
        )
        entity.flags = [f for f in flags if key in f.entity_keys]
        entities.append(entity)
    return entities


def finite(bounds: tuple[float, float] | None) -> bool:
    return bounds is not None and all(math.isfinite(b) for b in bounds)
