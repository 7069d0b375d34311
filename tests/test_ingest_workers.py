"""`ingest --workers N`: the same KB as one process, each article's whole job done in a pool of processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import ingest, kbcache
from claimcheck.cli import app
from claimcheck.ingest import build_sources, read_source
from claimcheck.nlp import Models
from claimcheck.workspace import open_workspace

REPO = Path(__file__).resolve().parent.parent
BUNDLED_SOURCES = REPO / "sources"


def test_two_workers_build_what_one_process_does_in_order(models: Models, tmp_path: Path) -> None:
    paths = sorted(BUNDLED_SOURCES.glob("*.md"))[:3]
    docs = [read_source(p) for p in paths]
    one_ws = open_workspace(tmp_path / "one", create=True)
    two_ws = open_workspace(tmp_path / "two", create=True)
    one = list(build_sources(one_ws, docs, models, workers=1))
    unloaded = Models()
    two = list(build_sources(two_ws, docs, unloaded, workers=2))
    assert "nlp" not in vars(unloaded), "with workers, the parent process loads no model"
    assert two == one
    assert [b.split(b"{", 1)[0].strip().rsplit(b"/", 1)[-1] for b in two] == [f"{d.id}>".encode() for d in docs]
    # The workers primed the record cache of every graph they built, as this process does.
    for name in kbcache.READERS:
        primed = {p.name for p in (two_ws.state_dir / "cache").glob(f"{name}-*/*.pickle")}
        assert primed == {f"{kbcache.file_key(data)}.pickle" for data in two}


def test_cli_workers_option_writes_the_same_kb(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for path in sorted(BUNDLED_SOURCES.glob("*.md"))[:2]:
        shutil.copy(path, sources / path.name)
    runner = CliRunner()
    kbs = []
    for workers in ("2", "1"):
        result = runner.invoke(app, ["ingest", str(sources), "--home", str(tmp_path / workers), "--workers", workers])
        assert result.exit_code == 0, result.output
        assert "Ingested 2 new" in result.output
        kb = tmp_path / workers / "kb"
        files = [p for p in sorted(kb.rglob("*")) if p.is_file() and p.name != ".lock"]
        kbs.append({str(p.relative_to(kb)): p.read_bytes() for p in files})
    graphs = [name for name in kbs[0] if name.startswith("sources/")]
    assert graphs == [f"sources/{p.stem}.trig" for p in sorted(sources.glob("*.md"))]
    assert kbs[0] == kbs[1]
    bad = runner.invoke(app, ["ingest", str(sources), "--home", str(tmp_path / "2"), "--workers", "0"])
    assert bad.exit_code != 0


def _spawn_orphan(pids: multiprocessing.queues.Queue[int]) -> None:
    """Start a process that watches this one as a pool worker does, then wait to be killed."""
    watcher = multiprocessing.get_context("fork").Process(target=ingest._exit_with, args=(os.getpid(),))
    watcher.start()
    pids.put(watcher.pid or 0)
    time.sleep(60)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_do_not_outlive_a_killed_ingest() -> None:
    context = multiprocessing.get_context("fork")
    pids: multiprocessing.queues.Queue[int] = context.Queue()
    parent = context.Process(target=_spawn_orphan, args=(pids,))
    parent.start()
    worker = pids.get(timeout=30)
    assert _running(worker)
    os.kill(parent.pid or 0, signal.SIGKILL)
    parent.join()
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker)
