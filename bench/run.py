"""claimcheck's performance benchmarks: one command, real commands, measured in child processes.

    .venv/bin/python bench/run.py                      # 100 and 1,000 articles (make bench)
    .venv/bin/python bench/run.py --sizes 100,1000,10000 --readme

For each size it writes a synthetic corpus (bench/corpus.py), then measures, each step in
its own process: `claimcheck ingest` with 1 and 2 workers against the floor (spaCy and
MiniLM alone on the same texts, bench/probes.py), `check` (and the recall of the planted
disagreements), the saved SPARQL queries (embedded store and rdflib), `site`, and on the
1,000-article KB an incremental add and change. Results go to WORKDIR/results.json and a
markdown table; `--readme` also writes the table into bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, write_corpus
from measure import Measured, measure
from report import markdown, write_readme

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
CLAIMCHECK = str(Path(sys.executable).with_name("claimcheck"))
# Flags that claim sources disagree; those not explained by a plant are false alarms or
# disagreements the generator made by accident (a story's facts colliding with another's).
DISAGREEMENT_KINDS = ("value_conflict", "qualifier_mismatch", "unit_mismatch", "date_conflict", "parts_whole",
                      "arithmetic", "name_variant")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TQDM_DISABLE": "1"}


def machine() -> dict[str, object]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1), "cpu": cpu,
            "python": platform.python_version(), "load_at_start": os.getloadavg()[0]}


def step(name: str, command: list[str], results: dict[str, object]) -> Measured:
    """Run one measured step, print a progress line, keep its numbers under `name`."""
    print(f"  {name} ...", end="", flush=True)
    run = measure(command, env=ENV)
    entry: dict[str, object] = run.summary()
    if not run.ok:
        entry["error"] = _last_line(run.stderr)
    results[name] = entry
    print(f" {run.wall_s:.1f} s, cpu {run.cpu_s:.1f} s, peak {run.tree_peak_mb:.0f} MB"
          + ("" if run.ok else f"  FAILED: {entry['error']}"), flush=True)
    return run


def fresh_workspace(path: Path, corpus_dir: Path) -> Path:
    """An empty workspace whose entity list tracks the corpus's companies."""
    shutil.rmtree(path, ignore_errors=True)
    (path / "kb").mkdir(parents=True)
    shutil.copy(corpus_dir / "entities.ttl", path / "kb" / "entities.ttl")
    return path


def bench_size(size: int, args: argparse.Namespace, work: Path) -> dict[str, object]:
    print(f"{size} articles", flush=True)
    corpus_dir = work / f"corpus-{size}"
    key: dict[str, Any] = write_corpus(corpus_dir, size, args.seed)
    out: dict[str, object] = {"articles": key["articles"], "words": key["words"], "planted": len(key["planted"])}
    sources = str(corpus_dir / "sources")
    heavy = size <= args.heavy_max  # the 1-worker baseline, the floor and rdflib: hours at 10,000
    first = args.workers[0] if heavy else max(args.workers)
    ws = fresh_workspace(work / f"ws-{size}-w{first}", corpus_dir)
    ingest = step(f"ingest_w{first}", [CLAIMCHECK, "ingest", sources, "--home", str(ws), "-q", "--workers", str(first)], out)
    if not ingest.ok:
        return out
    if heavy:
        floor = step("floor", [PYTHON, str(BENCH / "probes.py"), "floor", str(ws)], out)
        if floor.ok:
            out["floor_detail"] = json.loads(floor.stdout)
    for workers in args.workers[1:] if heavy else ():
        other = fresh_workspace(work / f"ws-{size}-w{workers}", corpus_dir)
        step(f"ingest_w{workers}", [CLAIMCHECK, "ingest", sources, "--home", str(other), "-q", "--workers",
                                    str(workers)], out)
        out[f"ingest_w{workers}_same_kb"] = _tree_digest(other / "kb" / "sources") == _tree_digest(ws / "kb" / "sources")
        shutil.rmtree(other, ignore_errors=True)
    out["figures"] = _count_figures(ws)
    check = step("check", [CLAIMCHECK, "check", "--home", str(ws), "--json"], out)
    if check.ok:
        out["recall"] = recall(key["planted"], json.loads(check.stdout or "[]"))  # type: ignore[arg-type]
    entity = _an_entity(key)
    probes = [("sparql_embedded", "sparql-embedded", args.repeats)]
    if not args.no_rdflib and heavy:
        probes.append(("sparql_rdflib", "sparql-rdflib", max(3, args.repeats // 4)))
    for name, probe, repeats in probes:
        run = step(name, [PYTHON, str(BENCH / "probes.py"), probe, str(ws), "--repeats", str(repeats),
                          "--entity", entity], out)
        if run.ok:
            out[name]["detail"] = json.loads(run.stdout)  # type: ignore[index]
    step("site", [CLAIMCHECK, "site", "--home", str(ws), "-q"], out)
    out["site_files"] = sum(1 for p in (ws / "site").rglob("*") if p.is_file())
    if size == args.incremental:
        out["incremental"] = incremental(size, args.seed, ws, corpus_dir)
    return out


def incremental(size: int, seed: int, ws: Path, corpus_dir: Path) -> dict[str, object]:
    """Add one article, then change one, each followed by ingest, check and site."""
    out: dict[str, object] = {}
    sources = corpus_dir / "sources"
    articles, _ = generate(size + 1, seed)
    extra = articles[-1]
    changed = next(a for a in articles if a.story == extra.story and a.id != extra.id) if any(
        a.story == extra.story and a.id != extra.id for a in articles) else articles[0]
    for what, edit in (("add", lambda: (sources / f"{extra.id}.md").write_text(extra.text, "utf-8")),
                       ("change", lambda: _change_a_figure(sources / f"{changed.id}.md"))):
        edit()
        before = _site_digests(ws / "site")
        result: dict[str, object] = {}
        run = step(f"{what}: ingest", [CLAIMCHECK, "ingest", str(sources), "--home", str(ws)], result)
        result["ingest_report"] = run.stdout.strip()
        step(f"{what}: check", [CLAIMCHECK, "check", "--home", str(ws), "--json"], result)
        step(f"{what}: site", [CLAIMCHECK, "site", "--home", str(ws), "-q"], result)
        after = _site_digests(ws / "site")
        result["site_files_changed"] = sum(1 for p in after if before.get(p) != after[p]) + sum(
            1 for p in before if p not in after)
        out[what] = result
    return out


def _change_a_figure(path: Path) -> None:
    """A correction in the lead: the first digit of the first figure goes up by one."""
    text = path.read_text("utf-8")
    at = text.index("\n---\n") + 5
    match = re.compile(r"\d").search(text, at)
    assert match, path
    digit = str((int(match.group()) % 9) + 1)
    path.write_text(text[: match.start()] + digit + text[match.end() :], "utf-8")


def recall(planted: list[dict[str, Any]], flags: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Planted disagreements found: a flag of an accepted kind naming the planted words.

    The flag must cite the planted article *and* the planted figure (its number) or the
    misspelled name: a flag that merely lists every article of the story does not count.
    """
    cited: dict[str, list[tuple[int, str, str]]] = {}
    for index, flag in enumerate(flags):
        for claim in flag.get("claims", []):
            cited.setdefault(str(claim["source"]), []).append((index, str(flag["kind"]), str(claim["text"])))
    out: dict[str, dict[str, int]] = {}
    explained: set[int] = set()
    for plant in planted:
        row = out.setdefault(str(plant["kind"]), {"planted": 0, "found": 0})
        row["planted"] += 1
        number = re.search(r"\d[\d,.]*\d|\d", str(plant["stated"]))
        words = str(plant["stated"]) if plant["kind"] == "misspelling" or not number else number.group()
        hits = {i for i, kind, text in cited.get(str(plant["source"]), []) if kind in plant["accepts"] and words in text}
        row["found"] += bool(hits)
        explained |= hits
    disagreements = [i for i, f in enumerate(flags) if f["kind"] in DISAGREEMENT_KINDS]
    out["all"] = {"planted": sum(r["planted"] for r in out.values()), "found": sum(r["found"] for r in out.values()),
                  "flags": len(flags), "disagreement_flags": len(disagreements),
                  "unexplained": sum(1 for i in disagreements if i not in explained)}
    return out


def _count_figures(ws: Path) -> int:
    needle = b"cc:figureKind"
    return sum(p.read_bytes().count(needle) for p in (ws / "kb" / "sources").glob("*.trig"))


def _an_entity(key: dict[str, object]) -> str:
    planted = key["planted"]
    return str(planted[0]["subject"]) if planted else "Anthropic"  # type: ignore[index]


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _site_digests(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def _shown_args(argv: list[str]) -> str:
    """The command line for the README, without this machine's folders."""
    shown = list(argv)
    for i, arg in enumerate(shown):
        if arg == "--workdir" and i + 1 < len(shown):
            shown[i + 1] = "DIR"
        elif arg.startswith("--workdir="):
            shown[i] = "--workdir=DIR"
    return " ".join(shown)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "failed"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes, comma-separated (10000 takes hours)")
    parser.add_argument("--workers", default="1,2", help="ingest worker counts to compare; the first is the baseline")
    parser.add_argument("--incremental", type=int, default=1000, help="the size whose KB gets the incremental steps")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=20, help="runs per SPARQL query for p50/p95")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib in-memory comparison")
    parser.add_argument("--heavy-max", type=int, default=1000,
                        help="largest size that also gets the 1-worker ingest, the floor and rdflib (larger: workers only)")
    parser.add_argument("--workdir", type=Path, help="where corpora and workspaces go (default: a temporary folder)")
    parser.add_argument("--readme", action="store_true", help="write the results table into bench/README.md")
    args = parser.parse_args(argv)
    args.workers = [int(w) for w in args.workers.split(",")]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {
        "machine": machine(),
        "command": "python bench/run.py " + _shown_args(argv if argv is not None else sys.argv[1:]),
        "date": dt.date.today().isoformat(),
        "sizes": {},
    }
    for size in (int(s) for s in args.sizes.split(",")):
        results["sizes"][str(size)] = bench_size(size, args, work)  # type: ignore[index]
        (work / "results.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    table = markdown(results)
    print(table)
    print(f"results: {work / 'results.json'}")
    if args.readme:
        write_readme(BENCH / "README.md", table)


if __name__ == "__main__":
    main()
