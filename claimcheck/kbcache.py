"""Records read from each source graph, cached by the graph file's bytes.

`check` and `site` read every source graph of the KB into plain records. Parsing TriG
with rdflib costs about 25 ms an article, so a 10,000-article KB would spend minutes
re-reading files that did not change. Each reader's records are pickled under
`.claimcheck/cache/<reader>-<code hash>/` keyed by the SHA-256 of the graph file: a
changed file, changed claimcheck code or a lost cache means re-reading
that file, never a stale answer. `ingest` primes the cache from the graph it has just
built (`prime`), so the first `check` after a large ingest parses nothing.

The KB files stay the record: the cache is derived data, safe to delete at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import WorkspaceError

if TYPE_CHECKING:
    from rdflib import Graph

    from claimcheck.workspace import Workspace

# Reader name -> "module:function"; each function maps one source graph to picklable records.
READERS = {
    "check": "claimcheck.checks_rdf:read_source",
    "site": "claimcheck.site_data:read_source",
}


@cache
def reader(name: str) -> Callable[[Graph], Any]:
    module_name, function = READERS[name].split(":")
    return getattr(importlib.import_module(module_name), function)  # type: ignore[no-any-return]


@cache
def code_version() -> str:
    """The cache folders change whenever claimcheck's code does: a reader's records are
    built from classes of several modules, and a stale pickle must never be read."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cache_dir(ws: Workspace, name: str) -> Path:
    return ws.state_dir / "cache" / f"{name}-{code_version()}"


def file_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_sources(ws: Workspace, name: str, files: Iterable[Path]) -> list[Any]:
    """The records of every file, from the cache where it holds them, else by parsing.
    Entries of files no longer in the KB, and of older claimcheck code, are dropped."""
    folder = cache_dir(ws, name)
    records = []
    live = set()
    for path in files:
        data = path.read_bytes()
        entry = folder / f"{file_key(data)}.pickle"
        live.add(entry.name)
        found = load_entry(entry)
        if found is None:
            found = reader(name)(_parse(path, data))
            store_entry(entry, found)
        records.append(found)
    _prune(ws, name, live)
    return records


def _prune(ws: Workspace, name: str, live: set[str]) -> None:
    current = cache_dir(ws, name)
    for folder in current.parent.glob(f"{name}-*"):
        if folder.is_dir():
            for entry in folder.iterdir():
                if folder != current or entry.name not in live:
                    with contextlib.suppress(OSError):
                        entry.unlink()
            if folder != current:
                with contextlib.suppress(OSError):
                    folder.rmdir()


def prime(ws: Workspace, graph: Graph, data: bytes, names: Iterable[str] = tuple(READERS)) -> dict[str, Any]:
    """Cache every reader's records of a graph that was just written as `data`; return them."""
    records = {}
    for name in names:
        entry = cache_dir(ws, name) / f"{file_key(data)}.pickle"
        found = load_entry(entry)
        if found is None:
            found = reader(name)(graph)
            store_entry(entry, found)
        records[name] = found
    return records


def _parse(path: Path, data: bytes) -> Graph:
    from rdflib import Dataset, Graph

    dataset = Dataset()
    try:
        dataset.parse(data=data.decode("utf-8"), format="trig")
    except Exception as exc:  # rdflib raises many types; report the file, keep the cause
        raise WorkspaceError(f"{path}: cannot parse the KB file ({type(exc).__name__}: {exc})") from exc
    named = [g for g in dataset.graphs() if len(g)]
    if len(named) == 1:
        return named[0]
    merged = Graph()
    for g in named:
        for triple in g:
            merged.add(triple)
    return merged


def load_entry(entry: Path) -> Any | None:
    """A cached object, or None when it is missing or unreadable (then it is recomputed)."""
    try:
        with entry.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a torn or foreign pickle raises many types: read the graph again
        return None


def store_entry(entry: Path, records: Any) -> None:
    """Write-then-rename without fsync: a lost entry only costs a re-read."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(records, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
