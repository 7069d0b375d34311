"""The checks' RDF: source graphs read back as plain records (`read_corpus`), and the
checks named graph (slots, flags, schema:ClaimReview) written to and read from kb/checks.trig.

Kept apart from the rules so `claimcheck.check` and `claimcheck.flags` see only records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from claimcheck.models import Flag, FlaggedClaim
from claimcheck.slots import Corpus, Slot, Statement, collapse_repeats, figure_subject
from claimcheck.vocab import (
    CC,
    ID,
    OA,
    PROV,
    RDF,
    SCHEMA,
    SKOS,
    entity_iri,
    short_hash,
    slug,
    source_iri,
)

if TYPE_CHECKING:
    from claimcheck.workspace import Workspace

_ENTITY_TYPES = frozenset({SCHEMA.Organization, SCHEMA.Person, SCHEMA.Product, SCHEMA.Place})

# --------------------------------------------------------------------------- source graphs in


@dataclass(frozen=True)
class SourceFacts:
    """What the checks need from one source graph: cached per file by `claimcheck.kbcache`.

    Figures are statements without their subject, which depends on the whole KB (an entity
    typed as a product by the entity list is never a figure's actor).
    """

    id: str
    outlet: str | None
    date: str | None
    body: str
    labels: tuple[tuple[str, str], ...]  # (entity IRI, preferred label) as this source names it
    types: tuple[tuple[str, str], ...]  # (entity IRI, schema type IRI) as this source guesses it
    figures: tuple[tuple[Statement, tuple[str, ...]], ...]  # (statement, IRIs it is about)
    mentions: tuple[dict[str, object], ...]
    attributions: tuple[dict[str, object], ...]


def read_source(graph: Graph) -> list[SourceFacts]:
    """The facts of every article in one source graph (one, in a KB written by ingest)."""
    labels = tuple(sorted({(str(e), str(label)) for e, label in graph.subject_objects(SKOS.prefLabel)}))
    types = tuple(sorted(
        (str(e), str(kind)) for e, kind in graph.subject_objects(RDF.type) if kind in _ENTITY_TYPES
    ))  # fmt: skip
    facts = []
    for source in sorted(graph.subjects(RDF.type, SCHEMA.NewsArticle), key=str):
        sid = str(graph.value(source, SCHEMA.identifier))
        publisher = graph.value(source, SCHEMA.publisher)
        outlet = graph.value(publisher, SCHEMA.name) if publisher is not None else None
        date = graph.value(source, SCHEMA.datePublished)
        facts.append(SourceFacts(
            id=sid,
            outlet=str(outlet) if outlet else None,
            date=str(date) if date else None,
            body=str(graph.value(source, SCHEMA.text) or ""),
            labels=labels,
            types=types,
            figures=tuple(_statements(graph, sid, str(outlet or sid))),
            mentions=tuple(_mentions(graph, source, sid)),
            attributions=tuple(_attributions(graph, source, sid)),
        ))
    return facts


def read_corpus(facts: Iterable[SourceFacts], entity_list: Graph | None = None) -> Corpus:
    """Statements, mentions and attributions of every source, with their subjects."""
    facts = sorted(facts, key=lambda f: f.id)
    labels: dict[str, str] = {}
    if entity_list is not None:
        for entity, label in sorted(entity_list.subject_objects(SKOS.prefLabel)):
            labels.setdefault(str(entity), str(label))
    for fact in facts:
        for entity, label in fact.labels:
            labels.setdefault(entity, label)
    things = _things(facts, entity_list)
    statements = []
    for fact in facts:
        topics, published = main_entities(fact, things), _day(fact.date)
        for statement, about in fact.figures:
            subject, group = figure_subject(about, statement.claim_subjects, statement.attribution, things)
            statements.append(replace(statement, subject=subject, group=group, topics=topics, published=published))
    statements.sort(key=lambda s: (s.source, s.start, s.end))
    mentions = [m for fact in facts for m in fact.mentions]
    attributions = [a for fact in facts for a in fact.attributions]
    return Corpus(
        statements=tuple(collapse_repeats(statements)),
        labels=labels,
        sources={f.id: {"outlet": f.outlet, "date": f.date, "body": f.body} for f in facts},
        mentions=tuple(sorted(mentions, key=lambda m: (m["source"], m["start"]))),  # type: ignore[arg-type]
        attributions=tuple(sorted(attributions, key=lambda a: (a["source"], a["start"]))),  # type: ignore[arg-type]
        things=things,
    )


def _day(date: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(date[:10]).toordinal() if date and len(date) >= 10 else None
    except ValueError:
        return None


def main_entities(fact: SourceFacts, things: frozenset[str], top: int = 3) -> tuple[str, ...]:
    """The organisations and people an article names most (first named first on a tie),
    not counting names in the words that cite an origin ("according to Reuters")."""
    citing = []
    for attribution in fact.attributions:
        words = str(attribution["text"])
        at = fact.body.find(words, int(attribution["start"])) if words else -1  # type: ignore[call-overload]
        if at >= 0:
            citing.append((at, at + len(words)))
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for mention in fact.mentions:
        entity, start = str(mention["entity"]), int(mention["start"])  # type: ignore[call-overload]
        if entity in things or any(a <= start < b for a, b in citing):
            continue
        counts[entity] += 1
        first.setdefault(entity, start)
    return tuple(sorted(counts, key=lambda e: (-counts[e], first[e], e))[:top])


def load_facts(ws: Workspace) -> list[SourceFacts]:
    """The facts of every source graph of the KB, each file read once per content."""
    from claimcheck import kbcache
    from claimcheck.graph import source_graph_files

    return [fact for facts in kbcache.read_sources(ws, "check", source_graph_files(ws)) for fact in facts]


def entity_list(ws: Workspace) -> Graph | None:
    """The editors' entity list (kb/entities.ttl): its labels and types win over the sources'."""
    from claimcheck.errors import WorkspaceError

    if not ws.entities_file.exists():
        return None
    graph = Graph()
    try:
        graph.parse(ws.entities_file, format="turtle")
    except Exception as exc:  # rdflib raises many types; report the file, keep the cause
        raise WorkspaceError(f"{ws.entities_file}: cannot parse the entity list ({exc})") from exc
    return graph


def _things(facts: Sequence[SourceFacts], entity_list: Graph | None) -> frozenset[str]:
    """Entities typed as products or places and never as an organisation or a person. The
    entity list's type wins over the sources' (NER tags some labs as products)."""
    listed: dict[str, set[str]] = defaultdict(set)
    guessed: dict[str, set[str]] = defaultdict(set)
    if entity_list is not None:
        for entity, kind in entity_list.subject_objects(RDF.type):
            if kind in _ENTITY_TYPES:
                listed[str(entity)].add(str(kind))
    for fact in facts:
        for entity, kind in fact.types:
            guessed[entity].add(kind)
    actors = {str(SCHEMA.Organization), str(SCHEMA.Person)}
    return frozenset(
        entity
        for entity in set(listed) | set(guessed)
        if not (listed.get(entity) or guessed[entity]) & actors
    )


def _span(graph: Graph, node: Node) -> tuple[int, int]:
    span = graph.value(node, CC.textSpan)
    for selector in graph.objects(span, OA.hasSelector):
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            return int(str(graph.value(selector, OA.start))), int(str(graph.value(selector, OA.end)))
    return 0, 0


def _py(value: object) -> float | str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
            return float(python)
        return str(value)
    return str(value)


def _statements(graph: Graph, sid: str, independence: str) -> Iterable[tuple[Statement, tuple[str, ...]]]:
    for figure in sorted(set(graph.subjects(CC.figureKind, None)), key=str):
        claim = graph.value(figure, CC.inClaim)
        about = tuple(sorted(str(e) for e in graph.objects(figure, SCHEMA.about)))
        claim_subjects = tuple(sorted(str(e) for e in graph.objects(claim, SCHEMA.about))) if claim else ()
        origin = graph.value(claim, CC.attributedTo) if claim else None
        time = None
        if claim is not None:
            years = sorted(
                str(graph.value(f, SCHEMA.value))[:4]
                for f in graph.objects(claim, CC.hasFigure)
                if str(graph.value(f, CC.figureKind)) == "date" and graph.value(f, SCHEMA.value) is not None
            )
            time = years[0] if years else None
        unit = graph.value(figure, SCHEMA.currency) or graph.value(figure, SCHEMA.unitText)
        qualifier = str(graph.value(figure, CC.qualifier) or CC.exact).rsplit("#", 1)[-1]
        start, end = _span(graph, figure)
        kind = str(graph.value(figure, CC.figureKind))
        yield Statement(
            iri=str(figure),
            source=sid,
            independence=independence,
            text=str(graph.value(figure, CC.surfaceText)),
            sentence=str(graph.value(claim, SCHEMA.text)) if claim else str(graph.value(figure, CC.surfaceText)),
            start=start,
            end=end,
            kind=kind,
            unit=str(unit) if unit is not None else "",
            qualifier=qualifier,
            value=_py(graph.value(figure, SCHEMA.value)),
            low=_py(graph.value(figure, SCHEMA.minValue)),
            high=_py(graph.value(figure, SCHEMA.maxValue)),
            precision=_py(graph.value(figure, CC.precision)),  # type: ignore[arg-type]
            concept=str(graph.value(figure, CC.concept)) if graph.value(figure, CC.concept) else None,
            subject=None,
            claim=str(claim) if claim else None,
            claim_subjects=claim_subjects,
            attribution=str(origin) if origin else None,
            time=None if kind == "date" else time,
        ), about


def _mentions(graph: Graph, source: Node, sid: str) -> Iterable[dict[str, object]]:
    for mention in graph.subjects(RDF.type, CC.Mention):
        variant = graph.value(mention, CC.variantKind)
        start, end = _span(graph, mention)
        yield {
            "iri": str(mention),
            "source": sid,
            "text": str(graph.value(mention, CC.surfaceText)),
            "entity": str(graph.value(mention, CC.refersTo)),
            "variant": str(variant).rsplit("#", 1)[-1] if variant else None,
            "start": start,
            "end": end,
        }


def _attributions(graph: Graph, source: Node, sid: str) -> Iterable[dict[str, object]]:
    for claim in graph.subjects(CC.attributedTo, None):
        start, end = _span(graph, claim)
        yield {
            "claim": str(claim),
            "source": sid,
            "origin": str(graph.value(claim, CC.attributedTo)),
            "text": str(graph.value(claim, CC.attributionText) or ""),
            "sentence": str(graph.value(claim, SCHEMA.text)),
            "about": tuple(sorted(str(e) for e in graph.objects(claim, SCHEMA.about))),
            "start": start,
            "end": end,
        }


# --------------------------------------------------------------------------- checks graph out and back

# How a flag rates the claims it rests on, for schema:ClaimReview (None: it rates none).
RATINGS = {
    ("value_conflict", None): "Disputed", ("date_conflict", None): "Disputed", ("unit_mismatch", None): "Disputed",
    ("qualifier_mismatch", None): "Imprecise", ("parts_whole", "info"): "Consistent",
    ("parts_whole", None): "Partly consistent", ("arithmetic", "info"): "Consistent",
    ("arithmetic", None): "Inconsistent", ("corroboration", None): "Corroborated", ("single_source", None): "Unverified",
}


def rating(flag: Flag) -> str | None:
    return RATINGS.get((flag.kind, flag.severity)) or RATINGS.get((flag.kind, None))


def checks_triples(slots: Sequence[Slot], flags: Sequence[Flag]) -> list[tuple[URIRef, URIRef, Node]]:
    """The checks named graph: slots, flags with their statements, and claim reviews.

    A list without repeats rather than an rdflib Graph: a 10,000-article KB has millions of
    these triples, and `claimcheck.trig` writes them without rdflib's indexes.
    """
    from claimcheck.graph import value_literal

    triples: dict[tuple[URIRef, URIRef, Node], None] = {}

    def add(triple: tuple[URIRef, URIRef, Node]) -> None:
        triples[triple] = None

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
    return list(triples)


def write_checks(ws: Workspace, slots: Sequence[Slot], flags: Sequence[Flag]) -> bool:
    from claimcheck import trig
    from claimcheck.graph import CHECKS_GRAPH
    from claimcheck.vocab import PREFIXES
    from claimcheck.workspace import atomic_write_text

    return atomic_write_text(ws.checks_file, trig.serialize([(CHECKS_GRAPH, checks_triples(slots, flags))], PREFIXES))


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
