"""Score claimcheck's figure extractor (and quantulum3, for comparison) on NewsQuant.

    .venv/bin/python bench/newsquant.py            # both systems, table to stdout
    .venv/bin/python bench/newsquant.py --only claimcheck

NewsQuant (CQE paper, EMNLP 2023) sits in the shared folder beside the repo, with its
own scorer; this script builds the scorer's input, runs each system over every sentence,
writes prediction JSON lines to bench/out/, scores them with score.py and prints a
markdown table (also written to bench/out/newsquant.md). The data is for internal
evaluation only: never copy it into the repo.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
NEWSQUANT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "newsquant"
OUT = REPO / "bench" / "out"
PUBLISHED = {"CQE (published)": ("92.0", "85.6", "88.1"), "quantulum3 (published)": ("73.0", "47.2", "-")}

Record = dict[str, Any]


def load_input() -> list[Record]:
    """The scorer's own input: {"id", "text"} per sentence, in its order."""
    out = subprocess.run(
        [sys.executable, str(NEWSQUANT / "score.py"), "input"], check=True, capture_output=True, text=True
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def claimcheck_figures(items: list[Record]) -> Iterable[Record]:
    """claimcheck's extractor through its Python API, one figure object per prediction."""
    from claimcheck.figures import find_figures
    from claimcheck.nlp import Models

    nlp = Models().nlp
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items), strict=True):
        figures = [
            {key: getattr(f, key) for key in ("value", "unit", "qualifier", "low", "high", "concept", "text", "start", "end")}
            for f in find_figures(doc)
        ]
        yield {"id": item["id"], "figures": figures}


def quantulum_figures(items: list[Record]) -> Iterable[Record]:
    """quantulum3 0.10 (rule-based, classifier off) mapped to the same figure objects."""
    import quantulum3.classifier
    from quantulum3 import parser

    quantulum3.classifier.USE_CLF = False
    for item in items:
        figures = []
        for q in parser.parse(item["text"], classifier_path=None):
            unit = q.unit.name if q.unit.name != "dimensionless" else ""
            low = high = q.value
            qualifier = "exact"
            if q.uncertainty:
                low, high = q.value - q.uncertainty, q.value + q.uncertainty
            figures.append(
                {"value": q.value, "unit": unit, "qualifier": qualifier, "low": low, "high": high,
                 "concept": None, "text": q.surface, "start": q.span[0], "end": q.span[1]}
            )  # fmt: skip
        yield {"id": item["id"], "figures": figures}


def score(pred_path: Path) -> dict[str, str]:
    """F1 per row of score.py's output: {"value": "93.1", ...}."""
    out = subprocess.run(
        [sys.executable, str(NEWSQUANT / "score.py"), "score", str(pred_path)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    f1 = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("value", "value+unit", "value+change"):
            f1[parts[0]] = parts[-1]
    return f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("claimcheck", "quantulum3"), help="run one system")
    args = parser.parse_args(argv)
    if not (NEWSQUANT / "score.py").exists():
        print(f"Error: NewsQuant not found at {NEWSQUANT}", file=sys.stderr)
        return 1
    items = load_input()
    OUT.mkdir(parents=True, exist_ok=True)
    systems: dict[str, Callable[[list[Record]], Iterable[Record]]] = {
        "claimcheck": claimcheck_figures,
        "quantulum3": quantulum_figures,
    }
    rows = []
    for name, run in systems.items():
        if args.only and name != args.only:
            continue
        pred_path = OUT / f"newsquant-{name}.jsonl"
        with pred_path.open("w") as fh:
            for rec in run(items):
                fh.write(json.dumps(rec, sort_keys=True) + "\n")
        f1 = score(pred_path)
        rows.append((name, f1.get("value", "-"), f1.get("value+unit", "-"), f1.get("value+change", "-")))
    rows += [(name, *vals) for name, vals in PUBLISHED.items()]
    table = [
        f"NewsQuant ({len(items)} sentences), F1 from score.py",
        "",
        "| system | value | value+unit | value+change |",
        "|---|---|---|---|",
        *(f"| {name} | {v} | {u} | {c} |" for name, v, u, c in rows),
    ]
    text = "\n".join(table) + "\n"
    (OUT / "newsquant.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
