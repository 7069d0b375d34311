"""The per-file record cache: hits by content, misses on change, old entries dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import kbcache
from claimcheck.checks_rdf import SourceFacts
from claimcheck.graph import source_graph_files, write_source_graph
from claimcheck.models import Extraction, SourceDoc
from claimcheck.workspace import Workspace, open_workspace


def article(ws: Workspace, sid: str, body: str) -> None:
    write_source_graph(ws, Extraction(doc=SourceDoc(id=sid, body=body, content_hash=sid), claims=(), mentions=(), figures=()))


@pytest.fixture()
def ws(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path, create=True)


def test_records_are_read_once_per_content(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    article(ws, "a", "Harlow Plastics employs 2,300 workers.")
    article(ws, "b", "Brightwater Mills employs 900 workers.")
    first: list[list[SourceFacts]] = kbcache.read_sources(ws, "check", source_graph_files(ws))
    assert [f[0].body for f in first] == ["Harlow Plastics employs 2,300 workers.", "Brightwater Mills employs 900 workers."]
    parsed: list[Path] = []
    real_parse = kbcache._parse
    monkeypatch.setattr(kbcache, "_parse", lambda path, data: parsed.append(path) or real_parse(path, data))
    assert kbcache.read_sources(ws, "check", source_graph_files(ws)) == first and parsed == []
    article(ws, "b", "Brightwater Mills employs 950 workers.")
    again = kbcache.read_sources(ws, "check", source_graph_files(ws))
    assert [p.name for p in parsed] == ["b.trig"] and again[1][0].body.endswith("950 workers.")
    entries = sorted(p.name for p in kbcache.cache_dir(ws, "check").iterdir())
    assert len(entries) == 2, "the entry of b's old graph is dropped"


def test_a_torn_entry_is_read_again(ws: Workspace) -> None:
    article(ws, "a", "Harlow Plastics employs 2,300 workers.")
    kbcache.read_sources(ws, "check", source_graph_files(ws))
    (entry,) = kbcache.cache_dir(ws, "check").iterdir()
    entry.write_bytes(b"not a pickle")
    (facts,) = kbcache.read_sources(ws, "check", source_graph_files(ws))
    assert facts[0].id == "a"
