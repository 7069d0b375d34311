"""RDF: extraction records -> one named graph per source, and the KB read back.

Shape of a source graph (all IRIs minted from content, see `vocab`):

    <source>  a schema:NewsArticle ; schema:identifier ; schema:headline ; schema:publisher
              ; schema:author ; schema:datePublished ; schema:url ; schema:text (the body)
              ; cc:contentHash ; cc:citesOrigin <entity>* .
    <claim>   a schema:Claim ; schema:text ; schema:appearance <source> ; prov:wasQuotedFrom
              <source> ; cc:attributedTo <entity> ; cc:attributionText ; schema:about
              <entity>* ; cc:hasFigure <figure>* ; cc:textSpan <span> .
    <figure>  a schema:QuantitativeValue | schema:MonetaryAmount ; schema:value ;
              schema:minValue ; schema:maxValue ; schema:unitText | schema:currency ;
              cc:figureKind ; cc:qualifier cc:<qualifier> ; cc:precision ; cc:concept ;
              schema:about <entity> ; cc:surfaceText ; cc:inClaim <claim> ; cc:textSpan <span> .
    <mention> a cc:Mention ; cc:surfaceText ; cc:refersTo <entity> ; cc:variantKind ;
              cc:confidence ; prov:wasQuotedFrom <source> ; cc:textSpan <span> .
    <span>    a oa:SpecificResource ; oa:hasSource <source> ; oa:hasSelector
              [TextQuoteSelector exact/prefix/suffix], [TextPositionSelector start/end] .

Files are TriG written with sorted subjects and predicates and no blank nodes (by `trig`,
laid out as rdflib would), so the same extraction always gives the same bytes and
`git diff kb/` shows only what changed. Ingest builds a source's triples once and makes
both its file and, for the record cache, its rdflib graph from them (`source_file`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef

from claimcheck import trig
from claimcheck.errors import WorkspaceError
from claimcheck.models import Claim, Extraction, Figure, Mention, SourceDoc
from claimcheck.vocab import (
    CC,
    ID,
    OA,
    PREFIXES,
    PROV,
    RDF,
    SCHEMA,
    SKOS,
    XSD,
    entity_iri,
    short_hash,
    slug,
    source_graph_iri,
    source_iri,
)
from claimcheck.workspace import Workspace, atomic_write_bytes, remove_file

Triple = tuple[URIRef, URIRef, URIRef | Literal]
Add = Callable[[Triple], None]
SELECTOR_CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector
CHECKS_GRAPH = ID["graph/checks"]
ENTITIES_GRAPH = ID["graph/entities"]
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]+')  # characters an IRI may not hold


def claim_iri(source_id: str, claim: Claim) -> URIRef:
    return ID[f"claim/{short_hash(source_id, claim.start, claim.end)}"]


def figure_iri(source_id: str, figure: Figure) -> URIRef:
    return ID[f"figure/{short_hash(source_id, figure.start, figure.end)}"]


def mention_iri(source_id: str, mention: Mention) -> URIRef:
    return ID[f"mention/{short_hash(source_id, mention.start, mention.end)}"]


def source_triples(extraction: Extraction) -> set[Triple]:
    """The triples of one source's named graph: the article, its claims, figures and mentions."""
    doc = extraction.doc
    triples: set[Triple] = set()
    add = triples.add
    source = source_iri(doc.id)
    _add_source(add, source, doc)
    claim_of: dict[tuple[int, int], URIRef] = {}
    for claim in extraction.claims:
        node = claim_iri(doc.id, claim)
        for figure in claim.figures:
            claim_of[(figure.start, figure.end)] = node
        _add_claim(add, node, source, claim, doc.body)
    for figure in extraction.figures:
        _add_figure(add, figure_iri(doc.id, figure), source, figure, doc.body, claim_of.get((figure.start, figure.end)))
    for mention in extraction.mentions:
        _add_mention(add, mention_iri(doc.id, mention), source, mention, doc.body)
    return triples


def source_graph(extraction: Extraction) -> Graph:
    """The named graph of one source, as an rdflib graph."""
    return _graph(source_graph_iri(extraction.doc.id), source_triples(extraction))


def source_file(extraction: Extraction) -> tuple[Graph, bytes]:
    """One source's named graph and the bytes of its file, `kb/sources/<id>.trig`."""
    name = source_graph_iri(extraction.doc.id)
    triples = source_triples(extraction)
    return _graph(name, triples), _trig(name, triples)


def _trig(name: URIRef, triples: set[Triple]) -> bytes:
    return trig.serialize([(name, triples)], PREFIXES).encode("utf-8")


def _graph(name: URIRef, triples: Iterable[Triple]) -> Graph:
    graph = Graph(identifier=name)
    _bind(graph)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def _add_source(add: Add, source: URIRef, doc: SourceDoc) -> None:
    add((source, RDF.type, SCHEMA.NewsArticle))
    add((source, SCHEMA.identifier, Literal(doc.id)))
    add((source, SCHEMA.text, Literal(doc.body)))
    add((source, SCHEMA.encodingFormat, Literal(doc.media_type)))
    add((source, CC.contentHash, Literal(doc.content_hash)))
    if doc.filename:
        add((source, CC.fileName, Literal(doc.filename)))
    if doc.title:
        add((source, SCHEMA.headline, Literal(doc.title)))
    if doc.outlet:
        outlet = ID[f"outlet/{slug(doc.outlet)}"]
        add((source, SCHEMA.publisher, outlet))
        add((outlet, RDF.type, SCHEMA.Organization))
        add((outlet, SCHEMA.name, Literal(doc.outlet)))
    if doc.author:
        author = ID[f"author/{slug(doc.author)}"]
        add((source, SCHEMA.author, author))
        add((author, RDF.type, SCHEMA.Person))
        add((author, SCHEMA.name, Literal(doc.author)))
    if doc.date:
        add((source, SCHEMA.datePublished, date_literal(doc.date)))
    if doc.url:
        add((source, SCHEMA.url, URIRef(iri_text(doc.url))))


def _add_claim(add: Add, node: URIRef, source: URIRef, claim: Claim, body: str) -> None:
    add((node, RDF.type, SCHEMA.Claim))
    add((node, SCHEMA.text, Literal(claim.text)))
    add((node, SCHEMA.appearance, source))
    add((node, PROV.wasQuotedFrom, source))
    if claim.attribution:
        origin = entity_iri(slug(claim.attribution))
        add((node, CC.attributedTo, origin))
        add((source, CC.citesOrigin, origin))
    if claim.attribution_text:
        add((node, CC.attributionText, Literal(claim.attribution_text)))
    for subject in claim.subjects:
        add((node, SCHEMA.about, entity_iri(slug(subject))))
    _add_span(add, node, source, body, claim.start, claim.end)


def _add_figure(
    add: Add, node: URIRef, source: URIRef, figure: Figure, body: str, claim: URIRef | None
) -> None:
    money = figure.kind == "money"
    add((node, RDF.type, SCHEMA.MonetaryAmount if money else SCHEMA.QuantitativeValue))
    add((node, CC.surfaceText, Literal(figure.text)))
    add((node, CC.figureKind, Literal(figure.kind)))
    add((node, CC.qualifier, CC[figure.qualifier]))
    add((node, SCHEMA.currency if money else SCHEMA.unitText, Literal(figure.unit)))
    add((node, PROV.wasQuotedFrom, source))
    for predicate, value in ((SCHEMA.value, figure.value), (SCHEMA.minValue, figure.low), (SCHEMA.maxValue, figure.high)):
        if value is not None:
            add((node, predicate, value_literal(value)))
    if figure.precision is not None:
        add((node, CC.precision, value_literal(figure.precision)))
    if figure.concept:
        add((node, CC.concept, Literal(figure.concept)))
    # A group subject ("DeepSeek, Moonshot AI and MiniMax used ...") names every member.
    for subject in dict.fromkeys(((figure.subject,) if figure.subject else ()) + figure.subjects):
        add((node, SCHEMA.about, entity_iri(slug(subject))))
    if claim is not None:
        add((node, CC.inClaim, claim))
        add((claim, CC.hasFigure, node))
    _add_span(add, node, source, body, figure.start, figure.end)


def _add_mention(add: Add, node: URIRef, source: URIRef, mention: Mention, body: str) -> None:
    entity = entity_iri(mention.entity_id)
    add((node, RDF.type, CC.Mention))
    add((node, CC.surfaceText, Literal(mention.text)))
    add((node, CC.refersTo, entity))
    add((node, CC.entityType, Literal(mention.type)))
    add((node, PROV.wasQuotedFrom, source))
    if mention.variant:
        add((node, CC.variantKind, CC[mention.variant]))
        add((node, CC.confidence, Literal(round(mention.confidence, 3), datatype=XSD.decimal)))
    # Entities the catalog does not know still get a node, so sources can share it.
    add((entity, SKOS.prefLabel, Literal(mention.canonical)))
    entity_type = {"PERSON": SCHEMA.Person, "GPE": SCHEMA.Place, "PRODUCT": SCHEMA.Product}.get(
        mention.type, SCHEMA.Organization
    )
    add((entity, RDF.type, entity_type))
    _add_span(add, node, source, body, mention.start, mention.end)


def _add_span(add: Add, node: URIRef, source: URIRef, body: str, start: int, end: int) -> None:
    """W3C Web Annotation selectors: the exact quote with context, and the offsets."""
    span = URIRef(f"{node}/span")
    quote = URIRef(f"{node}/quote")
    position = URIRef(f"{node}/position")
    add((node, CC.textSpan, span))
    add((span, RDF.type, OA.SpecificResource))
    add((span, OA.hasSource, source))
    add((span, OA.hasSelector, quote))
    add((span, OA.hasSelector, position))
    add((quote, RDF.type, OA.TextQuoteSelector))
    add((quote, OA.exact, Literal(body[start:end])))
    add((quote, OA.prefix, Literal(body[max(0, start - SELECTOR_CONTEXT) : start])))
    add((quote, OA.suffix, Literal(body[end : end + SELECTOR_CONTEXT])))
    add((position, RDF.type, OA.TextPositionSelector))
    add((position, OA.start, Literal(start)))
    add((position, OA.end, Literal(end)))


def iri_text(text: str) -> str:
    """A URL from an article's metadata, with the characters an IRI may not hold escaped."""
    return _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text.strip())


def value_literal(value: float | str) -> Literal:
    """Whole numbers as xsd:integer, others as xsd:decimal (exact, unlike xsd:double)."""
    if isinstance(value, str):
        return date_literal(value)
    number = float(value)
    if number.is_integer() and abs(number) < 1e18:
        return Literal(int(number))
    return Literal(Decimal(repr(number)))


def date_literal(value: str) -> Literal:
    """ISO date strings typed as precisely as the text states them."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value))
    return Literal(value, datatype=datatype) if datatype else Literal(value)


# --------------------------------------------------------------------------- files


def _bind(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def serialize_trig(graphs: Iterable[Graph]) -> str:
    """Deterministic TriG: one block per named graph, sorted by graph name."""
    ordered = sorted(graphs, key=lambda g: str(g.identifier))
    try:
        return trig.serialize([(g.identifier, g) for g in ordered], PREFIXES)
    except trig.BlankNodeError:
        pass
    dataset = Dataset()  # rdflib writes blank nodes; its order of graphs is not stable
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for graph in ordered:
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    return dataset.serialize(format="trig")


def write_source_graph(ws: Workspace, extraction: Extraction) -> bool:
    name = source_graph_iri(extraction.doc.id)
    return atomic_write_bytes(ws.source_graph_file(extraction.doc.id), _trig(name, source_triples(extraction)))


def remove_source_graph(ws: Workspace, source_id: str) -> None:
    remove_file(ws.source_graph_file(source_id))


def source_graph_files(ws: Workspace) -> list[Path]:
    if not ws.source_graphs_dir.is_dir():
        return []
    return sorted(ws.source_graphs_dir.glob("*.trig"))


def load_kb(ws: Workspace, *, include_checks: bool = True) -> Dataset:
    """Every named graph of the workspace: sources, the entity list and the checks."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    files = source_graph_files(ws)
    if include_checks and ws.checks_file.exists():
        files.append(ws.checks_file)
    for path in files:
        try:
            dataset.parse(path, format="trig")
        except Exception as exc:  # rdflib raises many types; report the file, keep the cause
            raise WorkspaceError(f"{path}: cannot parse the KB file ({type(exc).__name__}: {exc})") from exc
    if ws.entities_file.exists():
        try:
            dataset.graph(ENTITIES_GRAPH).parse(ws.entities_file, format="turtle")
        except Exception as exc:
            raise WorkspaceError(f"{ws.entities_file}: cannot parse the entity list ({exc})") from exc
    return dataset

