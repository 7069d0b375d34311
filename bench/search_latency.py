"""Latency of `claimcheck search` on a workspace, after the first load (issue 8's target:
under a second). Not a test: a measurement, printed as a small table.

    .venv/bin/python bench/search_latency.py [--home DIR] [--repeat N]

Each repetition does what one `search` command does after the model is in memory: read the
KB from the query store, load the stored claim embeddings, encode the query, rank.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from claimcheck.kbview import KnowledgeBase
from claimcheck.nlp import Models
from claimcheck.search import semantic_search
from claimcheck.workspace import open_workspace

QUERIES = [
    "how many fake accounts were used",
    "how much did the copyright settlement cost",
    "how many exchanges did MiniMax have",
    "what is the company valued at",
    "which companies were accused",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path("."))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ws = open_workspace(args.home)
    models = Models()
    started = time.perf_counter()
    semantic_search(KnowledgeBase(ws), models, QUERIES[0], limit=5)
    first = time.perf_counter() - started
    timings = []
    for _ in range(args.repeat):
        for query in QUERIES:
            started = time.perf_counter()
            hits = semantic_search(KnowledgeBase(ws), models, query, limit=5)
            timings.append(time.perf_counter() - started)
            assert hits, query
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print("| measure | seconds |\n|---|---|")
    print(f"| first search (loads the encoder, builds embeddings if missing) | {first:.2f} |")
    print(f"| later searches, median of {len(timings)} | {statistics.median(timings):.3f} |")
    print(f"| later searches, p95 | {p95:.3f} |")
    print(f"| later searches, max | {timings[-1]:.3f} |")


if __name__ == "__main__":
    main()
