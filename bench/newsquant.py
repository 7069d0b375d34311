"""Score claimcheck's figure extractor (and quantulum3, for comparison) on NewsQuant.

    .venv/bin/python bench/newsquant.py            # both systems, table to stdout
    .venv/bin/python bench/newsquant.py --only claimcheck
    .venv/bin/python bench/newsquant.py --errors          # claimcheck's misses, by category
    .venv/bin/python bench/newsquant.py --errors fn:percent --limit 0

NewsQuant (CQE paper, EMNLP 2023) sits in the shared folder beside the repo, with its
own scorer; this script builds the scorer's input, runs each system over every sentence,
writes prediction JSON lines to bench/out/, scores them with score.py and prints a
markdown table (also written to bench/out/newsquant.md). The data is for internal
evaluation only: never copy it into the repo.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import defaultdict
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


def _scorer() -> Any:
    """score.py as a module, so error analysis matches exactly as the scorer does."""
    spec = importlib.util.spec_from_file_location("newsquant_score", NEWSQUANT / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_category(g: Record) -> str:
    """A coarse family for a gold quantity, from its normalised unit."""
    unit = str(g.get("normalized_unit") or "").lower()
    if unit in ("percentage", "percent", "percentage point"):
        return "percent"
    if any(w in unit for w in ("dollar", "euro", "pound", "yen", "yuan", "cent", "pence", "rupee", "franc")):
        return "money"
    if unit in ("", "-", "count") or g.get("unit") in ("", "-"):
        return "count"
    if any(w in unit for w in ("second", "minute", "hour", "day", "week", "month", "year", "decade")):
        return "duration"
    return "measure"


def errors(pred_path: Path, only: str | None, limit: int) -> list[str]:
    """False negatives, false positives, unit and change mismatches, per category."""
    sc = _scorer()
    gold = json.loads(sc.GOLD.read_text())
    preds = {}
    for line in pred_path.read_text().splitlines():
        rec = json.loads(line)
        preds[rec["id"]] = [p for p in rec["figures"] if not sc.is_date(p)]
    found: dict[str, list[str]] = defaultdict(list)
    for i, item in enumerate(gold):
        ps = preds.get(f"nq{i:04d}", [])
        used: set[int] = set()
        for g in item["quantities"]:
            cat = _gold_category(g)
            gtxt = f"{g['value']} {g['unit']!r} ({g['change']})"
            j = next((j for j, p in enumerate(ps) if j not in used and sc.value_ok(p, g)), None)
            if j is None:
                got = "; ".join(f"{p['text']!r}={p['value']} {p['unit']}" for p in ps)
                found[f"fn:{cat}"].append(f"{gtxt}\n    {item['text']}\n    got: {got}")
                continue
            used.add(j)
            p = ps[j]
            if not sc.unit_ok(p.get("unit", ""), g):
                found[f"unit:{cat}"].append(f"{gtxt} <- {p['text']!r} unit {p['unit']!r}\n    {item['text']}")
            want = "range" if "-" in str(g["value"]).lstrip("-") else sc.CHANGE.get(g["change"], "exact")
            if p.get("qualifier") != want:
                found[f"change:{want}"].append(f"{gtxt} <- {p['text']!r} {p['qualifier']}\n    {item['text']}")
        for j, p in enumerate(ps):
            if j not in used:
                found[f"fp:{p['unit'] if p['unit'] in ('count', 'percent') else 'other'}"].append(
                    f"{p['text']!r}={p['value']} {p['unit']} {p['qualifier']}\n    {item['text']}"
                )
    lines = [f"{key:20s} {len(found[key])}" for key in sorted(found)]
    for key in sorted(found):
        if only and not key.startswith(only):
            continue
        lines += ["", f"## {key} ({len(found[key])})"]
        lines += [f"- {e}" for e in (found[key][:limit] if limit else found[key])]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("claimcheck", "quantulum3"), help="run one system")
    parser.add_argument("--errors", nargs="?", const="", metavar="CATEGORY",
                        help="print claimcheck's errors from its last run (a prefix: fn, fp:count, unit, change)")
    parser.add_argument("--limit", type=int, default=15, help="examples per category with --errors (0: all)")
    args = parser.parse_args(argv)
    if not (NEWSQUANT / "score.py").exists():
        print(f"Error: NewsQuant not found at {NEWSQUANT}", file=sys.stderr)
        return 1
    if args.errors is not None:
        pred_path = OUT / "newsquant-claimcheck.jsonl"
        if not pred_path.exists():
            print(f"Error: no predictions at {pred_path}; run --only claimcheck first", file=sys.stderr)
            return 1
        print("\n".join(errors(pred_path, args.errors or None, args.limit)))
        return 0
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
