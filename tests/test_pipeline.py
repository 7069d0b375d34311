"""End to end on the bundled story: ingest into a workspace, the KB's shape, the extract contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.graph import load_kb
from claimcheck.ingest import ingest_paths
from claimcheck.nlp import Models
from claimcheck.workspace import Workspace, open_workspace

BUNDLED_SOURCES = Path(__file__).resolve().parent.parent / "sources"

runner = CliRunner()


def kb_bytes(ws: Workspace) -> dict[str, bytes]:
    return {str(p.relative_to(ws.kb_dir)): p.read_bytes() for p in sorted(ws.kb_dir.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def bundled_ws(tmp_path_factory: pytest.TempPathFactory, models: Models) -> Workspace:
    home = tmp_path_factory.mktemp("bundled")
    ws = open_workspace(home, create=True)
    report = ingest_paths(ws, [BUNDLED_SOURCES], models)
    assert report.ok and len(report.added) == 5
    return ws


def test_reingest_changes_nothing(bundled_ws: Workspace, models: Models) -> None:
    before = kb_bytes(bundled_ws)
    report = ingest_paths(bundled_ws, [bundled_ws.sources_dir], models)
    assert sorted(report.unchanged) == sorted(p.stem for p in BUNDLED_SOURCES.glob("*.md"))
    assert not report.added and not report.updated
    assert kb_bytes(bundled_ws) == before


def test_fresh_ingest_is_byte_identical(bundled_ws: Workspace, models: Models, tmp_path: Path) -> None:
    ws = open_workspace(tmp_path, create=True)
    ingest_paths(ws, sorted(BUNDLED_SOURCES.glob("*.md"), reverse=True), models)
    assert kb_bytes(ws) == kb_bytes(bundled_ws)


QUOTES = """
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX cc: <https://w3id.org/claimcheck/vocab#>
SELECT ?thing ?body ?exact ?start ?end WHERE {
  ?thing prov:wasQuotedFrom ?source ; cc:textSpan ?span .
  ?source schema:text ?body .
  ?span oa:hasSource ?source ; oa:hasSelector ?q, ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}"""


def test_every_claim_has_a_source_and_exact_selector(bundled_ws: Workspace) -> None:
    kb = load_kb(bundled_ws)
    kb.default_union = True
    rows = list(kb.query(QUOTES))
    claims = set(kb.query("SELECT ?c WHERE { ?c a <https://schema.org/Claim> }"))
    assert len(claims) > 20
    quoted = {row.thing for row in rows}
    assert {c for (c,) in claims} <= quoted
    for row in rows:
        assert str(row.body)[row.start.toPython() : row.end.toPython()] == str(row.exact)


def test_changed_article_replaces_its_graph(bundled_ws: Workspace, models: Models, tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws", create=True)
    source = tmp_path / "harbor.md"
    source.write_text("---\noutlet: Port Post\n---\nHarbor Corp said about 2,400 jobs would go.\n")
    ingest_paths(ws, [source], models)
    first = ws.source_graph_file("harbor").read_text()
    source.write_text("---\noutlet: Port Post\n---\nHarbor Corp said about 3,100 jobs would go.\n")
    report = ingest_paths(ws, [source], models)
    assert report.updated == ["harbor"]
    second = ws.source_graph_file("harbor").read_text()
    assert "3100" in second and "2400" not in second and first != second
    assert (ws.sources_dir / "harbor.md").read_text().endswith("3,100 jobs would go.\n")


def test_duplicate_under_new_name_is_reported_not_ingested(bundled_ws: Workspace, models: Models, tmp_path: Path) -> None:
    copy = tmp_path / "copy-of-article.md"
    shutil.copy(next(BUNDLED_SOURCES.glob("*.md")), copy)
    before = kb_bytes(bundled_ws)
    report = ingest_paths(bundled_ws, [copy], models)
    assert report.duplicates == [(str(copy), next(BUNDLED_SOURCES.glob("*.md")).stem)]
    assert kb_bytes(bundled_ws) == before


def figures_by_text(records: list[dict]) -> dict[str, dict]:
    return {f["text"]: f for record in records for f in record["figures"]}


def test_extract_json_contract_on_bundled_articles() -> None:
    result = runner.invoke(app, ["extract", "--json", *map(str, sorted(BUNDLED_SOURCES.glob("*.md")))])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == sorted(p.stem for p in BUNDLED_SOURCES.glob("*.md"))
    for record in records:
        assert set(record) >= {"id", "figures", "entities", "claims"}
        body = (BUNDLED_SOURCES / f"{record['id']}.md").read_text().split("---\n", 2)[2]
        for item in record["figures"] + record["entities"] + record["claims"]:
            assert body[item["start"] : item["end"]] == item["text"]
        for figure in record["figures"]:
            assert figure["qualifier"] in {"exact", "approx", "lower_bound", "upper_bound", "range", "vague"}
    figures = figures_by_text(records)
    minimax = figures["over 13 million exchanges"]
    assert (minimax["value"], minimax["unit"], minimax["qualifier"], minimax["subject"]) == (
        13_000_000, "exchanges", "lower_bound", "MiniMax")
    settlement = figures["$1.5 billion"]
    assert (settlement["value"], settlement["unit"], settlement["qualifier"]) == (1_500_000_000, "USD", "exact")


def test_extract_jsonl_reads_ids_and_texts(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": "s1", "text": "Shares fell 17% after the report."}\n{"id": "s2", "text": "No numbers here."}\n')
    result = runner.invoke(app, ["extract", "--json", "--jsonl", str(lines)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["s1", "s2"]
    assert [(f["value"], f["unit"]) for f in records[0]["figures"]] == [(17, "percent")]
    assert records[1]["figures"] == []


def test_extract_jsonl_bad_line_is_one_error_line(tmp_path: Path) -> None:
    lines = tmp_path / "bad.jsonl"
    lines.write_text('{"id": "s1"}\n')
    result = runner.invoke(app, ["extract", "--json", "--jsonl", str(lines)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f'Error: {lines}:1: expected a JSON object with "id" and "text"'
