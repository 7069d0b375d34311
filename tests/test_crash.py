"""A SIGKILL at any moment of ingest leaves a whole KB, and the next ingest finishes the work.

The models load once in this process; each run forks a child that ingests, and the child
is killed after a random delay drawn across the whole length of an ingest. The manifest is
rewritten only now and then, with a journal of finished articles in between: after a kill,
the articles the journal holds are kept, not extracted again.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from rdflib import Dataset

from claimcheck import manifest
from claimcheck.ingest import ingest_paths, read_manifest
from claimcheck.manifest import journal_file
from claimcheck.nlp import Models
from claimcheck.workspace import Workspace, open_workspace

RUNS = 50
TOWNS = ["Ardent", "Belmont", "Corran", "Dunmore", "Elgin", "Farrow", "Galen", "Harlow", "Islay", "Jura"]
ARTICLES = {
    f"quake-{town.lower()}": (
        f"Officials in {town} said the quake killed at least {i + 3} people and damaged about "
        f"{(i + 1) * 100} homes on Tuesday. Repairs could cost ${i + 2} million, the mayor said.\n"
    )
    for i, town in enumerate(TOWNS)
}


def _ingest_child(home: str, paths: list[str], models: Models, flush_often: bool = False) -> None:
    if flush_often:  # every other run also rewrites the manifest (and empties the journal) mid-way
        manifest.FLUSH_INTERVAL_S = 0.0
    ws = open_workspace(home)
    ingest_paths(ws, [Path(p) for p in paths], models)
    os._exit(0)


def kb_bytes(ws: Workspace) -> dict[str, bytes]:
    files = [p for p in sorted(ws.kb_dir.rglob("*")) if p.is_file() and p.name != ".lock"]
    return {str(p.relative_to(ws.home)): p.read_bytes() for p in files}


def assert_kb_whole(ws: Workspace, must_hold: set[str]) -> None:
    sources = read_manifest(ws)  # parses, or raises
    assert must_hold <= set(sources)
    on_disk = json.loads(ws.manifest_file.read_text())["sources"]  # the manifest alone, too
    assert set(on_disk) <= set(sources)
    for source_id in sources:
        graph_file = ws.source_graph_file(source_id)
        assert graph_file.exists(), f"{source_id} lost its graph"
    for graph_file in ws.source_graphs_dir.glob("*.trig"):
        dataset = Dataset()
        dataset.parse(graph_file, format="trig")  # every file parses: none is half-written
        assert len(dataset) > 0
        assert (ws.sources_dir / f"{graph_file.stem}.md").exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_points_never_damages_the_kb(tmp_path: Path, models: Models) -> None:
    assert models.nlp is not None  # load before forking, so children start at once
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    for name, text in ARTICLES.items():
        (incoming / f"{name}.md").write_text(text)
    base = open_workspace(tmp_path / "base", create=True)
    first = sorted(incoming.glob("*.md"))[:2]
    ingest_paths(base, first, models)
    before = {p.stem for p in first}

    context = multiprocessing.get_context("fork")
    timing = tmp_path / "timing"
    shutil.copytree(base.home, timing)
    started = time.perf_counter()
    child = context.Process(target=_ingest_child, args=(str(timing), [str(incoming)], models))
    child.start()
    child.join()
    full_run = time.perf_counter() - started
    assert child.exitcode == 0
    uninterrupted = kb_bytes(open_workspace(timing))

    rng = random.Random(20261123)
    outcomes = {"before": 0, "between": 0, "after": 0}
    for run in range(RUNS):
        home = tmp_path / f"run{run}"
        shutil.copytree(base.home, home)
        child = context.Process(target=_ingest_child, args=(str(home), [str(incoming)], models, run % 2 == 1))
        child.start()
        time.sleep(rng.uniform(0, full_run))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        ws = open_workspace(home)
        assert_kb_whole(ws, before)
        held = set(read_manifest(ws))
        outcomes["before" if held == before else "after" if len(held) == len(ARTICLES) else "between"] += 1
        # The next ingest, after a crash, finishes the work, and only the unfinished work.
        report = ingest_paths(ws, [incoming], models)
        assert set(report.unchanged) == held
        assert set(report.added + report.updated) == set(ARTICLES) - held
        assert not journal_file(ws).exists()
        assert kb_bytes(ws) == uninterrupted
        shutil.rmtree(home)
    print(f"kill outcomes over {RUNS} runs: {outcomes}, full ingest {full_run:.2f} s")
    assert outcomes["before"] < RUNS, outcomes  # the kills did land inside the ingest
