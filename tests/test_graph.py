"""The KB shape: every claim, figure and mention points to its source and exact span."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Literal

from claimcheck.graph import load_kb, serialize_trig, source_graph, write_source_graph
from claimcheck.models import Claim, Extraction, Figure, Mention, SourceDoc
from claimcheck.vocab import CC, OA, PROV, RDF, SCHEMA, XSD, source_iri
from claimcheck.workspace import open_workspace

BODY = "Harbor Corp said on Monday that about 2,400 jobs would go. The union, Dockworkers United, disputes it.\n"


def sample_extraction(source_id: str = "harbor-news") -> Extraction:
    figure = Figure(
        text="about 2,400 jobs", start=33, end=49, value=2400.0, unit="jobs", kind="count",
        qualifier="approx", low=2400.0, high=2400.0, concept="jobs", subject="Harbor Corp",
        sentence_start=0, sentence_end=58, precision=100.0,
    )
    money = Figure(
        text="$1.5 billion", start=0, end=0, value=1.5e9, unit="USD", kind="money", qualifier="exact",
        low=1.5e9, high=1.5e9,
    )
    claim = Claim(
        text=BODY[0:58], start=0, end=58, attribution="Harbor Corp", attribution_text="Harbor Corp said",
        figures=(figure,), subjects=("Harbor Corp",),
    )
    mentions = (
        Mention(text="Harbor Corp", start=0, end=11, canonical="Harbor Corp", entity_id="harbor-corp", type="ORG"),
        Mention(text="Dockworkers United", start=70, end=88, canonical="Dockworkers United",
                entity_id="dockworkers-united", type="ORG", variant="case", confidence=0.97),
    )
    doc = SourceDoc(id=source_id, body=BODY, content_hash="sha256:abc", title="Jobs <cut>", outlet="Port Post",
                    date="2026-01-05")
    del money
    return Extraction(doc=doc, claims=(claim,), mentions=mentions, figures=(figure,))


def test_every_claim_figure_and_mention_has_source_and_exact_selector() -> None:
    extraction = sample_extraction()
    graph = source_graph(extraction)
    source = source_iri("harbor-news")
    assert (source, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(source, SCHEMA.datePublished) == Literal("2026-01-05", datatype=XSD.date)
    things = list(graph.subjects(RDF.type, SCHEMA.Claim)) + list(graph.subjects(RDF.type, SCHEMA.QuantitativeValue))
    things += list(graph.subjects(RDF.type, CC.Mention))
    assert len(things) == 4
    for node in things:
        assert graph.value(node, PROV.wasQuotedFrom) == source
        span = graph.value(node, CC.textSpan)
        assert graph.value(span, OA.hasSource) == source
        selectors = {graph.value(s, RDF.type): s for s in graph.objects(span, OA.hasSelector)}
        quote, position = selectors[OA.TextQuoteSelector], selectors[OA.TextPositionSelector]
        start, end = graph.value(position, OA.start).toPython(), graph.value(position, OA.end).toPython()
        assert str(graph.value(quote, OA.exact)) == BODY[start:end]
        assert str(graph.value(quote, OA.prefix)) == BODY[max(0, start - 32) : start]


def test_figure_carries_value_interval_qualifier_and_subject() -> None:
    graph = source_graph(sample_extraction())
    figure = next(graph.subjects(RDF.type, SCHEMA.QuantitativeValue))
    assert graph.value(figure, SCHEMA.value).toPython() == 2400
    assert graph.value(figure, CC.qualifier) == CC.approx
    assert str(graph.value(figure, SCHEMA.unitText)) == "jobs"
    assert str(graph.value(figure, SCHEMA.about)).endswith("/entity/harbor-corp")
    claim = graph.value(figure, CC.inClaim)
    assert str(graph.value(claim, CC.attributedTo)).endswith("/entity/harbor-corp")


def test_serialisation_is_byte_identical_and_round_trips(tmp_path: Path) -> None:
    first = serialize_trig([source_graph(sample_extraction())])
    assert first == serialize_trig([source_graph(sample_extraction())])
    dataset = Dataset()
    dataset.parse(data=first, format="trig")
    assert len(dataset) == len(source_graph(sample_extraction()))


def test_written_graphs_load_back_as_named_graphs(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path, create=True)
    assert write_source_graph(ws, sample_extraction("a"))
    assert write_source_graph(ws, sample_extraction("b"))
    assert not write_source_graph(ws, sample_extraction("b")), "unchanged graph must not be rewritten"
    kb = load_kb(ws)
    names = {str(g.identifier) for g in kb.graphs() if len(g)}
    assert any(n.endswith("/graph/source/a") for n in names)
    assert any(n.endswith("/graph/source/b") for n in names)


def test_atomic_writes_get_the_usual_file_mode(tmp_path: Path) -> None:
    """A web server or a colleague must read KB and site files: not mkstemp's 0600."""
    import os
    import stat

    from claimcheck.workspace import atomic_write_text

    umask = os.umask(0o022)
    try:
        target = tmp_path / "kb" / "checks.trig"
        atomic_write_text(target, "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
