"""`ingest --workers N`: the same KB as one process, extracted in a pool of processes."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.ingest import extract_parallel, read_source
from claimcheck.nlp import Models

REPO = Path(__file__).resolve().parent.parent
BUNDLED_SOURCES = REPO / "sources"


def test_two_workers_extract_what_one_process_does_in_order(models: Models, tmp_path: Path) -> None:
    paths = sorted(BUNDLED_SOURCES.glob("*.md"))[:3]
    docs = [read_source(p) for p in paths]
    entities = REPO / "claimcheck" / "data" / "entities.ttl"
    one = list(extract_parallel(docs, models, entities, workers=1))
    two = list(extract_parallel(docs, Models(), entities, workers=2))  # the parent's models stay unloaded
    assert [e.doc.id for e in two] == [d.id for d in docs]
    assert two == one
    assert any(e.figures for e in two)


def test_cli_workers_option_writes_the_same_kb(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for path in sorted(BUNDLED_SOURCES.glob("*.md"))[:2]:
        shutil.copy(path, sources / path.name)
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(sources), "--home", str(tmp_path / "ws"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "Ingested 2 new" in result.output
    graphs = sorted((tmp_path / "ws" / "kb" / "sources").glob("*.trig"))
    assert [g.stem for g in graphs] == sorted(p.stem for p in sources.glob("*.md"))
    bad = runner.invoke(app, ["ingest", str(sources), "--home", str(tmp_path / "ws"), "--workers", "0"])
    assert bad.exit_code != 0
