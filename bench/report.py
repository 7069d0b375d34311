"""The benchmark results as markdown tables, and their place in bench/README.md."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

BEGIN = "<!-- bench:results:begin (written by bench/run.py --readme) -->"
END = "<!-- bench:results:end -->"
FLOOR_PARTS = ("spacy_load", "encoder_load", "pipe", "encode")


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        (f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory, Python {m['python']}; "
         f"load average {m['load_at_start']:.1f} at start. Date: {results['date']}. "
         f"Command: `{results['command'].strip()}`."),
        "",
        ("**Ingest** (whole `claimcheck ingest` command, model loading included) against the floor "
         "(the same texts through spaCy's own `nlp.pipe`, plus MiniLM encoding the KB's claim sentences, "
         "models loaded in the same process):"),
        "",
        "| articles | words | run | wall s | CPU s | articles/s | words/s | peak MB | ingest / floor (wall, CPU) |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    sizes = results["sizes"]
    for size, r in sizes.items():
        floor = r.get("floor_detail")
        f_wall = f_cpu = None
        if floor:
            f_wall = sum(floor[f"{k}_s"] for k in FLOOR_PARTS)
            f_cpu = sum(floor[f"{k}_cpu_s"] for k in FLOOR_PARTS)
            lines.append(_row(size, r["words"], "floor: load + nlp.pipe + encode "
                              f"{floor['claims']} claims", f_wall, f_cpu, r["floor"]))
            lines.append(_row(size, r["words"], "floor: nlp.pipe alone", floor["pipe_s"], floor["pipe_cpu_s"], None))
        for key in sorted(k for k in r if k.startswith("ingest_w") and not k.endswith("_same_kb")):
            run = r[key]
            label = f"claimcheck ingest --workers {key[len('ingest_w'):]}"
            if f"{key}_same_kb" in r:
                label += " (same KB bytes)" if r[f"{key}_same_kb"] else " (KB DIFFERS)"
            ratio = (f"{run['wall_s'] / f_wall:.2f}x, {run['cpu_s'] / f_cpu:.2f}x" if f_wall and f_cpu and
                     "error" not in run else "")
            lines.append(_row(size, r["words"], label, run["wall_s"], run["cpu_s"], run, ratio))
    lines += _marginal(sizes)
    lines += ["", "**Check** (`claimcheck check`, models loaded included) and recall of the planted disagreements:", "",
              "| articles | figures | wall s | ms / figure | peak MB | flags | recall: qualifier | value | total | misspelling | all |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |"]
    for size, r in sizes.items():
        if "check" not in r:
            continue
        run, rec = r["check"], r.get("recall", {})
        if "error" in run:
            lines.append(f"| {size} | {r['figures']} | failed: {run['error']} | | | | | | | | |")
            continue
        cells = [_recall(rec.get(k)) for k in ("qualifier", "value", "total", "misspelling", "all")]
        lines.append(f"| {size} | {r['figures']} | {run['wall_s']:.1f} | {1000 * run['wall_s'] / max(1, r['figures']):.1f} "
                     f"| {run['tree_peak_mb']:.0f} | {rec.get('all', {}).get('flags', '')} | " + " | ".join(cells) + " |")
    lines += _sparql(sizes) + _site(sizes) + _incremental(sizes)
    return "\n".join(lines) + "\n"


def _marginal(sizes: dict[str, Any]) -> list[str]:
    """Between two sizes, fixed costs (process start, model loading) cancel out."""
    done = [(int(k), r) for k, r in sizes.items() if r.get("floor_detail") and "error" not in r.get("ingest_w1", {})]
    lines = []
    for (n1, a), (n2, b) in itertools.pairwise(done):
        floor = sum(b["floor_detail"][f"{k}_s"] - a["floor_detail"][f"{k}_s"] for k in ("pipe", "encode"))
        floor_cpu = sum(b["floor_detail"][f"{k}_cpu_s"] - a["floor_detail"][f"{k}_cpu_s"] for k in ("pipe", "encode"))
        spacy = b["floor_detail"]["pipe_s"] - a["floor_detail"]["pipe_s"]
        for key in sorted(k for k in b if k.startswith("ingest_w") and not k.endswith("_same_kb") and k in a):
            if "error" in a[key] or "error" in b[key]:
                continue
            wall = b[key]["wall_s"] - a[key]["wall_s"]
            cpu = b[key]["cpu_s"] - a[key]["cpu_s"]
            if min(wall, cpu, floor, floor_cpu, spacy) <= 0:
                continue  # too small a difference to say anything
            lines.append(f"| {n1}->{n2} | +{b['words'] - a['words']} | marginal: ingest --workers {key[8:]} vs "
                         f"nlp.pipe + encode (vs nlp.pipe alone) | {wall:.1f} | {cpu:.1f} | "
                         f"{(n2 - n1) / wall:.2f} | {(b['words'] - a['words']) / wall:.0f} | | "
                         f"{wall / floor:.2f}x, {cpu / floor_cpu:.2f}x ({wall / spacy:.2f}x) |")
    return lines


def _row(size: str, words: int, label: str, wall: float, cpu: float, run: dict[str, Any] | None,
         ratio: str = "") -> str:
    if run and "error" in run:
        return f"| {size} | {words} | {label} | failed: {run['error']} | | | | | |"
    peak = f"{run['tree_peak_mb']:.0f}" if run else ""
    return (f"| {size} | {words} | {label} | {wall:.1f} | {cpu:.1f} | {int(size) / wall:.2f} | "
            f"{words / wall:.0f} | {peak} | {ratio} |")


def _recall(row: dict[str, int] | None) -> str:
    if not row or not row.get("planted"):
        return "-"
    return f"{row['found']}/{row['planted']} ({100 * row['found'] / row['planted']:.0f}%)"


def _sparql(sizes: dict[str, Any]) -> list[str]:
    lines = ["", ("**SPARQL**, saved queries, p50 / p95 in ms. *command*: `query.run` as `claimcheck sparql --name` "
                  "calls it (opens the embedded Oxigraph store, checks it is in sync, queries, closes); *open store*: "
                  "the query alone on an open store; *rdflib*: rdflib's in-memory Dataset of the same KB:"), "",
             "| articles | query | embedded, command | embedded, open store | rdflib in-memory | rows |",
             "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for size, r in sizes.items():
        emb = r.get("sparql_embedded", {}).get("detail")
        rdf = r.get("sparql_rdflib", {}).get("detail")
        if not emb:
            error = r.get("sparql_embedded", {}).get("error", "not run")
            lines.append(f"| {size} | failed: {error} | | | | |")
            continue
        lines.append(f"| {size} | (first sync of the store / rdflib parse of the KB, s) | {emb['store_sync_s']:.1f} "
                     f"| | {rdf['load_s']:.1f} |  |" if rdf else f"| {size} | (first sync of the store, s) | "
                     f"{emb['store_sync_s']:.1f} | | not run | |")
        for name, q in emb["queries"].items():
            other = rdf["queries"].get(name) if rdf else None
            lines.append(f"| {size} | {name} | {_pp(q['command'])} | {_pp(q['open_store'])} | "
                         f"{_pp(other) if other else '-'} | {q['command'].get('rows', '')} |")
        peaks = ", ".join(f"{k}: {r[k]['tree_peak_mb']:.0f} MB" for k in ("sparql_embedded", "sparql_rdflib") if k in r)
        lines.append(f"| {size} | (peak memory) | {peaks} | | | |")
    return lines


def _pp(q: dict[str, Any]) -> str:
    if "error" in q:
        return f"error: {q['error'][:80]}"
    return f"{q['p50_ms']:.0f} / {q['p95_ms']:.0f}" + ("" if q["runs"] > 1 else " (1 run)")


def _site(sizes: dict[str, Any]) -> list[str]:
    lines = ["", "**Site** (`claimcheck site`, full build):", "", "| articles | files | wall s | CPU s | peak MB |",
             "| ---: | ---: | ---: | ---: | ---: |"]
    for size, r in sizes.items():
        run = r.get("site")
        if run:
            lines.append(f"| {size} | {r.get('site_files', '')} | " + (
                f"failed: {run['error']} | | |" if "error" in run else
                f"{run['wall_s']:.1f} | {run['cpu_s']:.1f} | {run['tree_peak_mb']:.0f} |"))
    return lines


def _incremental(sizes: dict[str, Any]) -> list[str]:
    lines = []
    for size, r in sizes.items():
        inc = r.get("incremental")
        if not inc:
            continue
        lines += ["", (f"**Incremental** on the {size}-article KB: one article added, then one figure changed in "
                       "another; each followed by ingest, check and site:"), "",
                  "| change | ingest s | ingest says | check s | site s | site files changed |",
                  "| --- | ---: | --- | ---: | ---: | ---: |"]
        for what, step in inc.items():
            cells = [_wall(step.get(f"{what}: {s}")) for s in ("ingest", "check", "site")]
            lines.append(f"| {what} | {cells[0]} | {step.get('ingest_report', '')} | {cells[1]} | {cells[2]} | "
                         f"{step.get('site_files_changed', '')} |")
    return lines


def _wall(run: dict[str, Any] | None) -> str:
    if not run:
        return ""
    return f"failed: {run['error']}" if "error" in run else f"{run['wall_s']:.1f}"


def write_readme(path: Path, table: str) -> None:
    """Replace the results section of bench/README.md, leaving every other section alone."""
    text = path.read_text("utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{table}{END}"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + "## Results\n\n" + block + "\n"
    path.write_text(text, "utf-8")
