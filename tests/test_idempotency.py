"""Ingest, check and site are safe to re-run: a second run changes no byte of kb/ or site/."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import ingest
from claimcheck.check import run_checks
from claimcheck.ingest import ingest_paths
from claimcheck.nlp import Models
from claimcheck.site import build_site
from claimcheck.workspace import open_workspace

BUNDLED_SOURCES = Path(__file__).resolve().parent.parent / "sources"


def snapshot(home: Path) -> dict[str, bytes]:
    files = [p for folder in ("kb", "site") for p in sorted((home / folder).rglob("*")) if p.is_file()]
    return {str(p.relative_to(home)): p.read_bytes() for p in files if p.name != ".lock"}


def test_rerunning_ingest_check_and_site_changes_nothing(
    tmp_path: Path, models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_workspace(tmp_path, create=True)
    articles = sorted(BUNDLED_SOURCES.glob("*.md"))[:3]
    ingest_paths(ws, articles, models)
    first_flags = run_checks(ws, models)
    build_site(ws)
    before = snapshot(tmp_path)
    assert any(name.startswith("site/facts/") for name in before)
    assert "kb/checks.trig" in before

    def no_parsing(*args: object) -> None:
        raise AssertionError("an unchanged article was parsed")

    monkeypatch.setattr(ingest, "read_source", no_parsing)
    unloaded = Models()
    report = ingest_paths(ws, [ws.sources_dir], unloaded)
    assert len(report.unchanged) == 3 and not report.added and not report.updated
    assert "nlp" not in vars(unloaded), "nothing changed: spaCy is not even loaded"
    monkeypatch.undo()
    assert run_checks(ws, models) == first_flags
    build_site(ws)
    assert snapshot(tmp_path) == before
