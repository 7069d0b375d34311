"""The manifest is rewritten now and then, with a journal of finished articles in between."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.manifest import FLUSH_INTERVAL_S, ManifestBook, journal_file, read_manifest
from claimcheck.workspace import Workspace, open_workspace


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def entry(n: int) -> dict[str, str]:
    return {"file": f"a{n}.md", "content_hash": f"sha256:{n}", "key": f"k{n}"}


def finished(ws: Workspace, n: int) -> None:
    """What ingest does before recording an article: its graph file is in place."""
    ws.source_graph_file(f"a{n}").write_text("<g> { <s> <p> <o> . }\n")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path, create=True)


def test_manifest_is_written_every_few_seconds_and_at_the_end(ws: Workspace) -> None:
    clock = Clock()
    with ManifestBook(ws, {}, clock=clock) as book:
        for n in range(3):
            finished(ws, n)
            book.record(f"a{n}", entry(n))
        assert not ws.manifest_file.exists(), "not rewritten after every article"
        assert len(journal_file(ws).read_text().splitlines()) == 3
        assert read_manifest(ws) == {f"a{n}": entry(n) for n in range(3)}
        clock.now += FLUSH_INTERVAL_S
        finished(ws, 3)
        book.record("a3", entry(3))
        assert set(json.loads(ws.manifest_file.read_text())["sources"]) == {"a0", "a1", "a2", "a3"}
        assert journal_file(ws).read_text() == ""
        finished(ws, 4)
        book.record("a4", entry(4))
    assert json.loads(ws.manifest_file.read_text())["sources"] == {f"a{n}": entry(n) for n in range(5)}
    assert not journal_file(ws).exists()


def test_a_killed_ingests_journal_is_read_and_folded_in(ws: Workspace) -> None:
    for n in range(3):
        finished(ws, n)
    lines = [json.dumps({"id": f"a{n}", **entry(n)}) for n in range(3)]
    lines[1] = json.dumps({"id": "gone", **entry(9)})  # its graph file was never written
    journal_file(ws).write_text("\n".join(lines) + '\n{"id": "a2", "fi')  # torn by the kill
    assert read_manifest(ws) == {"a0": entry(0), "a2": entry(2)}
    with ManifestBook(ws, {}) as book:
        assert not journal_file(ws).exists()
        assert set(json.loads(ws.manifest_file.read_text())["sources"]) == {"a0", "a2"}
        assert book.sources == {"a0": entry(0), "a2": entry(2)}


def test_an_error_still_records_what_was_finished(ws: Workspace) -> None:
    with pytest.raises(RuntimeError), ManifestBook(ws, {}) as book:
        finished(ws, 0)
        book.record("a0", entry(0))
        raise RuntimeError("extraction failed")
    assert json.loads(ws.manifest_file.read_text())["sources"] == {"a0": entry(0)}
    assert not journal_file(ws).exists()
