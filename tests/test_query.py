"""SPARQL for editors: the store, safe parameters, saved queries, push, validate, CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import QueryError, WorkspaceError
from claimcheck.graph import (
    CHECKS_GRAPH,
    ENTITIES_GRAPH,
    claim_iri,
    figure_iri,
    mention_iri,
    serialize_trig,
    write_source_graph,
)
from claimcheck.models import Claim, Extraction, Figure, Mention, SourceDoc
from claimcheck.query import (
    bind_values,
    parse_params,
    render,
    run,
    saved_queries,
    saved_query,
    select,
    where_position,
)
from claimcheck.remote import HttpRequest, HttpResponse, push, run_remote
from claimcheck.store import open_store, store_dir
from claimcheck.validate import validate_kb
from claimcheck.vocab import CC, ID, PROV, RDF, SCHEMA, entity_iri, source_iri
from claimcheck.workspace import Workspace, atomic_write_text, open_workspace

BUNDLED_SOURCES = Path(__file__).resolve().parent.parent / "sources"
runner = CliRunner()

WIRE = "Anthropic said MiniMax used over 13 million exchanges.\nAbout 24,000 fraudulent accounts were used, according to Anthropic.\n"
DAILY = "Miniax ran 13 million exchanges, Reuters reported on Monday.\n"


# --------------------------------------------------------------------------- a hand-built KB


def _figure(body: str, text: str, value: float, unit: str, qualifier: str, subject: str, concept: str) -> Figure:
    start = body.index(text)
    return Figure(text=text, start=start, end=start + len(text), value=value, unit=unit, kind="count",
                  qualifier=qualifier, low=value, high=None if qualifier == "lower_bound" else value,
                  concept=concept, subject=subject)  # fmt: skip


def _mention(body: str, text: str, canonical: str, variant: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Mention(text=text, start=start, end=start + len(text), canonical=canonical,
                   entity_id=canonical.lower().replace(" ", "-"), type="ORG", variant=variant,
                   confidence=0.92 if variant else 1.0)  # fmt: skip


def _claim(body: str, sentence: str, figures: tuple[Figure, ...], attribution: str, subjects: tuple[str, ...]) -> Claim:
    start = body.index(sentence)
    return Claim(text=sentence, start=start, end=start + len(sentence), attribution=attribution,
                 attribution_text=f"according to {attribution}", figures=figures, subjects=subjects)  # fmt: skip


def wire_extraction(exchanges: str = "over 13 million exchanges") -> Extraction:
    body = WIRE.replace("over 13 million exchanges", exchanges)
    f1 = _figure(body, exchanges, 13e6, "exchanges", "lower_bound", "MiniMax", "exchanges")
    f2 = _figure(body, "About 24,000 fraudulent accounts", 24000, "accounts", "approx", "Anthropic", "fraudulent accounts")
    first, second = body.splitlines()
    claims = (_claim(body, first, (f1,), "Anthropic", ("Anthropic", "MiniMax")),
              _claim(body, second, (f2,), "Anthropic", ("Anthropic",)))  # fmt: skip
    mentions = (_mention(body, "Anthropic", "Anthropic"), _mention(body, "MiniMax", "MiniMax"),
                _mention(body, "Anthropic", "Anthropic", nth=1))  # fmt: skip
    doc = SourceDoc(id="wire-a", body=body, content_hash="sha256:wire", title="Wire", outlet="Wire Service")
    return Extraction(doc=doc, claims=claims, mentions=mentions, figures=(f1, f2))


def daily_extraction() -> Extraction:
    body = DAILY
    figure = _figure(body, "13 million exchanges", 13e6, "exchanges", "exact", "MiniMax", "exchanges")
    claim = _claim(body, body.strip(), (figure,), "Reuters", ("MiniMax",))
    mentions = (_mention(body, "Miniax", "MiniMax", "misspelling"), _mention(body, "Reuters", "Reuters"))
    doc = SourceDoc(id="daily-b", body=body, content_hash="sha256:daily", title="Daily", outlet="The Daily")
    return Extraction(doc=doc, claims=(claim,), mentions=mentions, figures=(figure,))


def write_checks(ws: Workspace) -> None:
    """A checks graph in the vocabulary's shape: two slots, two flags."""
    wire, daily = wire_extraction(), daily_extraction()
    graph = Graph(identifier=CHECKS_GRAPH)
    exchanges, accounts = ID["slot/minimax-exchanges"], ID["slot/anthropic-accounts"]
    for slot, subject, concept, members in (
        (exchanges, "minimax", "exchanges", [figure_iri("wire-a", wire.figures[0]), figure_iri("daily-b", daily.figures[0])]),
        (accounts, "anthropic", "fraudulent accounts", [figure_iri("wire-a", wire.figures[1])]),
    ):
        graph.add((slot, RDF.type, CC.FactSlot))
        graph.add((slot, CC.slotSubject, entity_iri(subject)))
        graph.add((slot, CC.slotConcept, Literal(concept)))
        graph.add((slot, CC.unitFamily, Literal("count")))
        for member in members:
            graph.add((slot, CC.hasMember, member))
    conflict, variant = ID["flag/conflict"], ID["flag/variant"]
    for flag, kind, severity, message in (
        (conflict, "qualifier_mismatch", "medium", "over 13 million vs 13 million"),
        (variant, "name_variant", "low", "Miniax is a misspelling of MiniMax"),
    ):
        graph.add((flag, RDF.type, CC.Flag))
        graph.add((flag, CC.flagKind, Literal(kind)))
        graph.add((flag, CC.severity, Literal(severity)))
        graph.add((flag, CC.message, Literal(message)))
        graph.add((flag, CC.concernsEntity, entity_iri("minimax")))
    graph.add((conflict, CC.inSlot, exchanges))
    graph.add((conflict, CC.concernsClaim, claim_iri("wire-a", wire.claims[0])))
    graph.add((conflict, CC.concernsClaim, claim_iri("daily-b", daily.claims[0])))
    graph.add((variant, CC.concernsMention, mention_iri("daily-b", daily.mentions[0])))
    atomic_write_text(ws.checks_file, serialize_trig([graph]))


def hand_built_kb(home: Path) -> Workspace:
    ws = open_workspace(home, create=True)
    write_source_graph(ws, wire_extraction())
    write_source_graph(ws, daily_extraction())
    write_checks(ws)
    return ws


@pytest.fixture()
def ws(tmp_path: Path) -> Workspace:
    return hand_built_kb(tmp_path / "ws")


COUNT_CLAIMS = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://schema.org/Claim> }"


# --------------------------------------------------------------------------- store


def test_store_reloads_only_changed_graphs_and_drops_removed_ones(ws: Workspace) -> None:
    with open_store(ws) as handle:
        assert handle.report.rebuilt and len(handle.report.loaded) == 4  # 2 sources, checks, entities
    with open_store(ws) as handle:
        assert not handle.report.changed and handle.report.unchanged == 4
    write_source_graph(ws, wire_extraction("over 14 million exchanges"))
    with open_store(ws) as handle:
        assert handle.report.loaded == ["kb/sources/wire-a.trig"] and not handle.report.rebuilt
    rows = select(ws, "SELECT ?t WHERE { ?f <https://w3id.org/claimcheck/vocab#surfaceText> ?t FILTER(CONTAINS(?t, 'million')) }")
    assert sorted(r["t"] for r in rows) == ["13 million exchanges", "over 14 million exchanges"]
    ws.source_graph_file("daily-b").unlink()
    with open_store(ws) as handle:
        assert handle.report.removed == [str(ID["graph/source/daily-b"])]
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 2


def test_store_is_rebuilt_when_missing_or_its_record_is_damaged(ws: Workspace) -> None:
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 3
    shutil.rmtree(store_dir(ws))
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 3
    (ws.state_dir / "store-state.json").write_text("{not json")
    with open_store(ws) as handle:
        assert handle.report.rebuilt
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 3
    (store_dir(ws) / "CURRENT").write_text("not a manifest\n")  # the database itself is damaged
    with open_store(ws) as handle:
        assert handle.report.rebuilt and handle.report.reason == "the database was damaged"
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 3


def test_store_starts_over_when_much_changed_or_the_database_grew(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.store as store

    monkeypatch.setattr(store, "REBUILD_MIN_BYTES", 0)  # the hand-built KB is tiny
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 3
    ws.source_graph_file("daily-b").unlink()
    write_source_graph(ws, wire_extraction("over 14 million exchanges"))  # most of the KB's bytes
    with open_store(ws) as handle:
        assert handle.report.rebuilt and handle.report.reason == "many changes"
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 2
    monkeypatch.setattr(store, "REBUILD_SHARE", 1.0)
    monkeypatch.setattr(store, "STORE_GROWTH", 0.5)
    write_source_graph(ws, daily_extraction())
    with open_store(ws) as handle:
        assert handle.report.rebuilt and handle.report.reason == "the database has grown"
    monkeypatch.setattr(store, "STORE_GROWTH", 4.0)
    write_source_graph(ws, wire_extraction("over 15 million exchanges"))
    with open_store(ws) as handle:  # a small change goes in as a transaction
        assert handle.report.loaded == ["kb/sources/wire-a.trig"] and not handle.report.rebuilt
    rows = select(ws, "SELECT ?t WHERE { ?f <https://w3id.org/claimcheck/vocab#surfaceText> ?t FILTER(CONTAINS(?t, 'million')) }")
    assert sorted(r["t"] for r in rows) == ["13 million exchanges", "over 15 million exchanges"]


def test_default_graph_is_the_union_and_graph_patterns_work(ws: Workspace) -> None:
    rows = select(ws, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [str(r["g"]) for r in rows] == sorted(
        [str(CHECKS_GRAPH), str(ENTITIES_GRAPH), str(ID["graph/source/daily-b"]), str(ID["graph/source/wire-a"])]
    )
    # A flag (checks graph) joins a claim (source graph) without naming graphs.
    rows = select(ws, "SELECT ?text WHERE { ?f <https://w3id.org/claimcheck/vocab#concernsClaim>/<https://schema.org/text> ?text }")
    assert len(rows) == 2


def test_select_binds_safely_and_returns_python_values(ws: Workspace) -> None:
    query = """PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?id ?source WHERE { ?source schema:identifier ?id }"""
    assert select(ws, query, {"id": "daily-b"}) == [{"id": "daily-b", "source": source_iri("daily-b")}]
    assert select(ws, query, {"source": URIRef(source_iri("wire-a"))})[0]["id"] == "wire-a"
    hostile = 'daily-b" } } DELETE WHERE { ?s ?p ?o } #\n'
    assert select(ws, query, {"id": hostile}) == []
    assert select(ws, COUNT_CLAIMS)[0]["n"] == 3
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        select(ws, query, {"nope": "x"})


def test_values_go_into_the_where_group_whatever_precedes_it() -> None:
    ask = 'PREFIX ex: <http://e/x> # a comment with { braces\nASK { ?a ex:p "{" }'
    assert bind_values(ask, {"a": "v"}).endswith('ASK { VALUES (?a) { ("v") }  ?a ex:p "{" }')
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[: where_position(construct)] == "CONSTRUCT { ?s ?p ?o } WHERE {"
    short = "CONSTRUCT WHERE { ?s ?p ?o }"
    assert where_position(short) == short.index("{") + 1
    tricky = "SELECT (STR('}') AS ?x) ?select WHERE { }"
    assert where_position(tricky) == tricky.rindex("{") + 1
    with pytest.raises(QueryError, match="no WHERE clause"):
        bind_values("DESCRIBE <http://e/x>", {"a": "v"})
    assert parse_params(["entity=MiniMax", "?node=<http://e/x>"]) == {"entity": "MiniMax", "node": URIRef("http://e/x")}


def test_syntax_errors_give_the_position_in_the_text_as_written(ws: Workspace) -> None:
    bad = "SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(?x = ) }"
    messages = []
    for bindings in (None, {"x": "y"}):  # the VALUES block must not shift the position
        with pytest.raises(QueryError, match=r"^SPARQL syntax error at line 3, column \d+: expected one of") as error:
            run(ws, bad, bindings)
        messages.append(str(error.value))
    assert messages[0] == messages[1]


# --------------------------------------------------------------------------- saved queries


def rows_of(ws: Workspace, name: str, **params: str) -> list[dict[str, object]]:
    query = next(q for q in saved_queries(ws) if q.name == name)
    query.check(params)
    return select(ws, query.text, params)


def test_every_saved_query_has_a_header_and_answers_on_the_hand_built_kb(ws: Workspace) -> None:
    params = {"claims-about": {"entity": "minimax"}}
    names = [q.name for q in saved_queries(ws)]
    assert {"flags", "slot-figures", "single-source", "claims-about", "spelling-variants", "sources-by-origin",
            "corroboration"} <= set(names)  # fmt: skip
    for query in saved_queries(ws):
        assert query.text.startswith("# ") and query.summary, query.name
        assert rows_of(ws, query.name, **params.get(query.name, {})), f"{query.name} returned no rows"


def test_saved_queries_return_the_facts_of_the_hand_built_kb(ws: Workspace) -> None:
    variants = rows_of(ws, "spelling-variants")
    assert [(r["source"], r["variant"], r["preferred"], r["kind"]) for r in variants] == [
        ("daily-b", "Miniax", "MiniMax", "misspelling")
    ]
    flags = rows_of(ws, "flags")
    assert [r["kind"] for r in flags] == ["qualifier_mismatch", "qualifier_mismatch", "name_variant"]
    assert {r["source"] for r in flags[:2]} == {"wire-a", "daily-b"} and flags[2]["quote"] == "Miniax"
    side_by_side = {r["concept"]: r for r in rows_of(ws, "slot-figures")}
    assert side_by_side["exchanges"]["figures"] == "daily-b: 13 million exchanges | wire-a: over 13 million exchanges"
    single = rows_of(ws, "single-source")
    assert [(r["subject"], r["source"], r["figure"]) for r in single] == [
        ("Anthropic", "wire-a", "About 24,000 fraudulent accounts")
    ]
    assert rows_of(ws, "single-source", entity="MINIMAX") == []
    corroboration = {r["concept"]: (r["sources"], r["outlets"], r["origins"], r["citing"]) for r in rows_of(ws, "corroboration")}
    assert corroboration == {"exchanges": (2, 2, 2, "Anthropic, Reuters"), "fraudulent accounts": (1, 1, 1, "Anthropic")}
    about = rows_of(ws, "claims-about", entity="miniax")  # a spelling seen in a source finds the entity
    assert [(r["source"], r["start"]) for r in about] == [("daily-b", 0), ("wire-a", 0)]
    cited = rows_of(ws, "sources-by-origin", origin="reuters")
    assert [(r["cited"], r["source"], r["outlet"], r["claims"]) for r in cited] == [("Reuters", "daily-b", "The Daily", 1)]


def test_an_unedited_copy_of_an_earlier_shipped_query_runs_the_current_one(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    import claimcheck.query as query

    old = b"# Spelling variants, as an earlier version shipped them.\nSELECT ?x WHERE { ?x ?p ?o }\n"
    monkeypatch.setattr(query, "SUPERSEDED", frozenset({hashlib.sha256(old).hexdigest()}))
    path = ws.queries_dir / "spelling-variants.rq"
    path.write_bytes(old)
    assert saved_query(ws, "spelling-variants").text.startswith("# Spelling variants by source")
    edited = old.replace(b"?x ?p ?o", b"?x a ?o")  # an editor's version is the editor's
    path.write_bytes(edited)
    assert saved_query(ws, "spelling-variants").text == edited.decode()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory, models: object) -> Workspace:
    from claimcheck.ingest import ingest_paths

    ws = open_workspace(tmp_path_factory.mktemp("bundled"), create=True)
    assert ingest_paths(ws, [BUNDLED_SOURCES], models).ok  # type: ignore[arg-type]
    return ws


def test_saved_queries_on_the_bundled_corpus(bundled: Workspace) -> None:
    variants = {(r["source"], r["variant"]): r["kind"] for r in rows_of(bundled, "spelling-variants")}
    assert variants[("stole-ai-fake-accounts-summary", "Miniax")] == "misspelling"
    assert any(variant == "Deepseek" for _, variant in variants)
    about = rows_of(bundled, "claims-about", entity="MiniMax")
    assert {r["source"] for r in about} >= {"cybernews-anthropic-distillation", "stole-ai-fake-accounts-summary"}
    assert any("Minimax" in str(r["text"]) for r in about)  # found through the entity, not the spelling
    cited = {r["source"] for r in rows_of(bundled, "sources-by-origin", origin="anthropic")}
    assert len(cited) >= 4
    assert validate_kb(bundled) == []


# --------------------------------------------------------------------------- validate


def test_validate_reports_a_claim_stripped_of_its_source(ws: Workspace) -> None:
    assert validate_kb(ws) == []
    path = ws.source_graph_file("daily-b")
    text = path.read_text("utf-8")
    claim = claim_iri("daily-b", daily_extraction().claims[0])
    stripped = Graph()
    stripped.parse(data=text, format="trig")
    dataset_text = text
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=dataset_text, format="trig")
    graph = dataset.graph(ID["graph/source/daily-b"])
    graph.remove((claim, PROV.wasQuotedFrom, None))
    graph.remove((claim, SCHEMA.appearance, None))
    atomic_write_text(path, dataset.serialize(format="trig"))
    short = f"id:claim/{str(claim).rsplit('/', 1)[-1]}"
    assert validate_kb(ws) == [
        f"{short}: every claim must name the one article it was quoted from (prov:wasQuotedFrom)",
        f"{short}: has no source (prov:wasQuotedFrom)",
    ]
    result = runner.invoke(app, ["validate", "--home", str(ws.home)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {short}: every claim must name the one article it was quoted from (prov:wasQuotedFrom)",
        f"Error: {short}: has no source (prov:wasQuotedFrom)",
    ]


def test_validate_catches_a_quote_that_no_longer_matches_the_text(ws: Workspace) -> None:
    path = ws.source_graph_file("daily-b")
    path.write_text(path.read_text("utf-8").replace('oa:exact "Reuters"', 'oa:exact "Reutres"'), "utf-8")
    problems = validate_kb(ws)
    assert len(problems) == 1 and "quote 'Reutres' differs from the source text at 33..40: 'Reuters'" in problems[0]
    assert runner.invoke(app, ["validate", "--home", str(hand_built_kb(ws.home.parent / "ok").home)]).exit_code == 0


# --------------------------------------------------------------------------- push and remote queries (fake transport)


class FakeStore:
    """A Graph Store that records requests; `fail_on` makes one graph's PUT fail."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.requests: list[HttpRequest] = []
        self.fail_on = fail_on

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        if self.fail_on and self.fail_on in request.url:
            return HttpResponse(500, {}, b"disk full\nmore")
        return HttpResponse(204, {})


def test_push_sends_only_changed_graphs_and_deletes_removed_ones(ws: Workspace) -> None:
    endpoint = "http://kb.example/query"
    fake = FakeStore()
    report = push(ws, endpoint, transport=fake)
    assert len(report.sent) == 4 and {r.method for r in fake.requests} == {"PUT"}
    assert all(r.url.startswith("http://kb.example/store?graph=https%3A%2F%2Fw3id.org") for r in fake.requests)
    wire = next(r for r in fake.requests if "wire-a" in r.url)
    assert wire.headers["Content-Type"] == "application/n-triples" and b"over 13 million exchanges" in (wire.body or b"")
    fake.requests.clear()
    assert push(ws, endpoint, transport=fake).sent == [] and fake.requests == []
    write_source_graph(ws, wire_extraction("over 14 million exchanges"))
    ws.source_graph_file("daily-b").unlink()
    report = push(ws, endpoint, transport=fake)
    assert report.sent == [str(ID["graph/source/wire-a"])] and report.deleted == [str(ID["graph/source/daily-b"])]
    assert [r.method for r in fake.requests] == ["PUT", "DELETE"]


def test_a_failed_push_names_the_graph_and_resends_only_what_did_not_arrive(ws: Workspace) -> None:
    with pytest.raises(QueryError, match=r"PUT .*wire-a failed \(HTTP 500\): disk full$"):
        push(ws, "http://kb.example/query", transport=FakeStore(fail_on="wire-a"))
    fake = FakeStore()
    assert push(ws, "http://kb.example/query", transport=fake).sent == [str(ID["graph/source/wire-a"])]
    with pytest.raises(QueryError, match="give --graph-store"):
        push(ws, "http://kb.example/sparql", transport=fake)


def test_remote_query_posts_bound_values_and_parses_json(ws: Workspace) -> None:
    sent: list[HttpRequest] = []
    body = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "3",
            "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}  # fmt: skip

    def transport(request: HttpRequest) -> HttpResponse:
        sent.append(request)
        return HttpResponse(200, {"content-type": "application/sparql-results+json"}, json.dumps(body).encode())

    answer = run_remote("http://kb.example/query", "SELECT ?n WHERE { ?s ?p ?n }", {"n": 'x"y'}, transport=transport)
    assert render(answer, "csv") == "n\r\n3\r\n"
    assert sent[0].method == "POST" and sent[0].headers["Content-Type"].startswith("application/sparql-query")
    assert sent[0].body == b'SELECT ?n WHERE { VALUES (?n) { ("x\\"y") }  ?s ?p ?n }'
    def refused(request: HttpRequest) -> HttpResponse:
        return HttpResponse(400, {}, b"Parser error at 1:3")

    with pytest.raises(QueryError, match=r"refused the query \(HTTP 400\): Parser error at 1:3"):
        run_remote("http://kb.example/query", "SELECT * {}", transport=refused)
    # Oxigraph has already sent "200 OK" when its timeout stops a query, so it cuts the body short.
    cut = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'

    def cancelled(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"content-type": "application/sparql-results+json"}, cut)

    with pytest.raises(QueryError, match=r"^http://kb.example/query stopped the query at its timeout$"):
        run_remote("http://kb.example/query", "SELECT * {}", transport=cancelled)


# --------------------------------------------------------------------------- CLI


def test_cli_lists_saved_queries_with_their_first_comment_line(ws: Workspace) -> None:
    result = runner.invoke(app, ["sparql", "--list", "--home", str(ws.home)])
    assert result.exit_code == 0
    lines = dict(line.split("\t", 1) for line in result.stdout.splitlines()[1:])
    assert lines["spelling-variants"].startswith("Spelling variants by source")
    assert lines["claims-about"].endswith("\tentity") and lines["single-source"].endswith("\tentity?")


def test_cli_formats_for_tools_and_people(ws: Workspace) -> None:
    home = ["--home", str(ws.home)]
    csv_out = runner.invoke(app, ["sparql", "--name", "spelling-variants", "--format", "csv", *home]).stdout
    assert csv_out.splitlines() == ["source,variant,preferred,kind,mentions,confidence", "daily-b,Miniax,MiniMax,misspelling,1,0.92"]
    tsv_out = runner.invoke(app, ["sparql", "-n", "spelling-variants", "--format", "tsv", *home]).stdout
    assert tsv_out.splitlines()[1].startswith('"daily-b"\t"Miniax"\t"MiniMax"\t"misspelling"\t"1"^^<')
    result = runner.invoke(app, ["sparql", "-n", "claims-about", "-p", "entity=MiniMax", "--format", "json", *home])
    payload = json.loads(result.stdout)
    assert [b["source"]["value"] for b in payload["results"]["bindings"]] == ["daily-b", "wire-a"]
    table = runner.invoke(app, ["sparql", COUNT_CLAIMS, *home]).stdout
    assert table.splitlines() == ["n", "3"]
    assert runner.invoke(app, ["sparql", "ASK { ?s a <https://schema.org/Claim> }", *home]).stdout == "yes\n"
    query_file = ws.home / "q.rq"
    query_file.write_text("SELECT ?id WHERE { ?s <https://schema.org/identifier> ?id } ORDER BY ?id")
    assert runner.invoke(app, ["sparql", "-f", str(query_file), *home]).stdout.split() == ["id", "daily-b", "wire-a"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?x WHERE { ?x ?p }"], "Error: SPARQL syntax error at line 1, column 26: expected one of"),
        (["--name", "nope"], "Error: no saved query 'nope' (see 'claimcheck sparql --list'; have: claims-about,"),
        (["--name", "claims-about"], "Error: query 'claims-about' needs --param entity=VALUE (an entity name"),
        (["-n", "flags", "-p", "x=1"], "Error: query 'flags' has no parameter 'x' (it takes: no parameters)"),
        (["-n", "flags", "--format", "xml"], "Error: unknown format 'xml': use table, csv, tsv or json"),
        (["-n", "flags", "-p", "oops"], "Error: invalid --param 'oops': expected NAME=VALUE"),
        ([], "Error: give exactly one of: a QUERY argument, -f FILE or --name NAME"),
    ],
)
def test_cli_errors_are_one_line(ws: Workspace, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["sparql", *args, "--home", str(ws.home)])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(message)


def test_cli_without_a_workspace(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sparql", COUNT_CLAIMS, "--home", str(tmp_path / "none")])
    assert result.exit_code == 1 and result.stderr.startswith("Error: no workspace at")
    with pytest.raises(WorkspaceError):
        open_workspace(tmp_path / "none")
