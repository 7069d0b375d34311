"""The TriG writer: rdflib reads back exactly what was written, and the bytes are rdflib's own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from claimcheck import trig
from claimcheck.graph import serialize_trig, source_graph
from claimcheck.models import Extraction, SourceDoc
from claimcheck.vocab import CC, ID, PREFIXES, RDF, SCHEMA, XSD

REPO = Path(__file__).resolve().parent.parent
GRAPH = ID["graph/source/test"]

# Any text a str can hold in UTF-8 (no lone surrogates), weighted towards the characters
# Turtle escapes: quotes, backslashes, newlines, carriage returns.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(['"', "\\", "\n", "\r", "'", "\t", "#", "@", ".", "é", "—", "\u2028", "\x00", "😀"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
)
LANGUAGE = st.from_regex(r"[a-z]{2}(-[A-Z]{2})?", fullmatch=True)
LITERAL = st.one_of(
    TEXT.map(Literal),
    st.tuples(TEXT, LANGUAGE).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(min_value=-(10**30), max_value=10**30).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(Literal),
    st.floats(allow_nan=False, allow_infinity=False).map(Literal),
    st.booleans().map(Literal),
    st.sampled_from(["2025", "2025-09", "2025-09-30"]).map(
        lambda v: Literal(v, datatype={4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(v)])
    ),
    TEXT.map(lambda t: Literal(t, datatype=XSD.string)),
    TEXT.map(lambda t: Literal(t, datatype=URIRef("https://example.org/type#x"))),
)
IRI = st.one_of(
    st.sampled_from([SCHEMA.Claim, SCHEMA.text, CC.approx, CC["name-variant"], RDF.type, XSD.date]),
    st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True).map(lambda s: ID[f"claim/{s}"]),
    st.from_regex(r"[A-Za-z0-9_.~%-]{0,12}", fullmatch=True).map(lambda s: URIRef(f"https://schema.org/{s}")),
    st.from_regex(r"[a-z0-9/?=&#.-]{0,16}", fullmatch=True).map(lambda s: URIRef(f"https://news.example/{s}")),
)
TRIPLE = st.tuples(IRI, IRI, st.one_of(IRI, LITERAL))
# rdflib writes some odd local names as escaped prefixed names (schema:a\%); this writer as <IRI>s.
PLAIN_IRI = IRI.filter(lambda iri: "%" not in iri)
# rdflib itself mangles a multi-line string ending in a backslash and a quote.
RDFLIB_SAFE_TEXT = TEXT.filter(lambda t: not t.endswith('\\"'))
# rdflib invents prefixes (ns1:) for predicates outside the bound namespaces; the KB has none.
PREDICATE = st.sampled_from([RDF.type, SCHEMA.text, SCHEMA.about, CC.surfaceText, CC.textSpan, XSD.date])


def read_back(text: str) -> set[tuple[object, ...]]:
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    return {(g.identifier, s, p, o) for g in dataset.graphs() for s, p, o in g}


def rdflib_trig(name: URIRef, triples: set[trig.Triple]) -> str:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    graph = dataset.graph(name)
    for triple in triples:
        graph.add(triple)
    return dataset.serialize(format="trig")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(TRIPLE, max_size=12))
def test_rdflib_reads_back_the_same_triples(triples: set[trig.Triple]) -> None:
    text = trig.serialize([(GRAPH, triples)], PREFIXES)
    assert read_back(text) == {(GRAPH, *t) for t in triples}
    assert trig.serialize([(GRAPH, list(triples)[::-1])], PREFIXES) == text, "order of input does not matter"


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_string_literal_survives(text: str) -> None:
    triple = (ID["claim/x"], SCHEMA.text, Literal(text))
    assert read_back(trig.serialize([(GRAPH, [triple])], PREFIXES)) == {(GRAPH, *triple)}


@settings(max_examples=200, deadline=None)
@given(st.sets(st.tuples(PLAIN_IRI, PREDICATE, st.one_of(PLAIN_IRI, RDFLIB_SAFE_TEXT.map(Literal))), max_size=10))
def test_bytes_are_rdflibs_for_iris_and_plain_strings(triples: set[trig.Triple]) -> None:
    assert trig.serialize([(GRAPH, triples)], PREFIXES) == rdflib_trig(GRAPH, triples)


@pytest.mark.parametrize("path", sorted((REPO / "kb").glob("**/*.trig")), ids=lambda p: p.name)
def test_the_kb_files_are_written_as_rdflib_writes_them(path: Path) -> None:
    dataset = Dataset()
    dataset.parse(path, format="trig")
    (graph,) = [g for g in dataset.graphs() if len(g)]
    assert serialize_trig([graph]) == rdflib_trig(graph.identifier, set(graph))


def test_numbers_keep_their_datatype_and_value() -> None:
    triples = [
        (ID["figure/a"], SCHEMA.value, Literal(Decimal("1E+20"))),
        (ID["figure/a"], SCHEMA.minValue, Literal("1E+20", datatype=XSD.decimal, normalize=False)),
        (ID["figure/a"], SCHEMA.maxValue, Literal(0.1 + 0.2)),  # a double, written exactly
        (ID["figure/a"], CC.precision, Literal(-7)),
    ]
    text = trig.serialize([(GRAPH, triples)], PREFIXES)
    back = {(p, o.datatype, o.toPython()) for _, _, p, o in read_back(text)}
    assert back == {(p, o.datatype, o.toPython()) for _, p, o in triples}
    assert "cc:precision -7 ." in text
    assert 'schema:minValue "1E+20"^^xsd:decimal' in text  # bare, it would read as a double


def test_graphs_are_sorted_and_blank_nodes_go_to_rdflib() -> None:
    first, second = Graph(identifier=ID["graph/b"]), Graph(identifier=ID["graph/a"])
    first.add((ID["x"], SCHEMA.name, Literal("b")))
    second.add((ID["x"], SCHEMA.name, Literal("a")))
    text = serialize_trig([first, second])
    assert text.index("graph/a>") < text.index("graph/b>")
    with_blank = Graph(identifier=ID["graph/c"])
    with_blank.add((BNode(), SCHEMA.name, Literal("c")))
    with pytest.raises(trig.BlankNodeError):
        trig.serialize([(with_blank.identifier, with_blank)], PREFIXES)
    assert len(read_back(serialize_trig([with_blank]))) == 1


def test_a_url_that_is_not_an_iri_is_escaped() -> None:
    doc = SourceDoc(id="odd-url", body="Text.\n", content_hash="sha256:0", url="https://x.example/a b<c>")
    graph = source_graph(Extraction(doc=doc, claims=(), mentions=(), figures=()))
    assert list(graph.objects(None, SCHEMA.url)) == [URIRef("https://x.example/a%20b%3Cc%3E")]
    assert read_back(serialize_trig([graph]))


def test_objects_rdflib_cannot_order_keep_one_order() -> None:
    """rdflib ranks "" and ""^^xsd:string as equal; the writer still gives one byte order."""
    objects = [Literal(""), Literal("", datatype=XSD.string)]
    triples = [(SCHEMA.Claim, SCHEMA.text, o) for o in objects]
    assert trig.serialize([(GRAPH, triples)], PREFIXES) == trig.serialize([(GRAPH, triples[::-1])], PREFIXES)
