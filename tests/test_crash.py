"""A SIGKILL at any moment of ingest leaves the KB as it was before or as it is after.

The models load once in this process; each run forks a child that ingests, and the child
is killed after a random delay drawn across the whole length of an ingest.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from rdflib import Dataset

from claimcheck.ingest import ingest_paths, read_manifest
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


def _ingest_child(home: str, paths: list[str], models: Models) -> None:
    ws = open_workspace(home)
    ingest_paths(ws, [Path(p) for p in paths], models)
    os._exit(0)


def assert_kb_whole(ws: Workspace, must_hold: set[str]) -> None:
    manifest = read_manifest(ws)  # parses, or raises
    assert must_hold <= set(manifest)
    for source_id in manifest:
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

    rng = random.Random(20261123)
    outcomes = {"before": 0, "between": 0, "after": 0}
    for run in range(RUNS):
        home = tmp_path / f"run{run}"
        shutil.copytree(base.home, home)
        child = context.Process(target=_ingest_child, args=(str(home), [str(incoming)], models))
        child.start()
        time.sleep(rng.uniform(0, full_run))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        ws = open_workspace(home)
        assert_kb_whole(ws, before)
        held = set(read_manifest(ws))
        outcomes["before" if held == before else "after" if len(held) == len(ARTICLES) else "between"] += 1
        # The next ingest, after a crash, finishes the work.
        ingest_paths(ws, [incoming], models)
        assert set(read_manifest(ws)) == set(ARTICLES)
        shutil.rmtree(home)
    print(f"kill outcomes over {RUNS} runs: {outcomes}, full ingest {full_run:.2f} s")
    assert outcomes["before"] < RUNS, outcomes  # the kills did land inside the ingest
