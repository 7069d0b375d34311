"""The query store: an Oxigraph database under `.claimcheck/store`, rebuilt from kb/.

The KB files stay the record; the store is derived state that queries run against. Each
sync compares the KB files with what the store last loaded (size, mtime, SHA-256) and
reloads only the named graphs of files that changed: one graph per source file,
kb/checks.trig its own, kb/entities.ttl into `graph.ENTITIES_GRAPH`.

Two ways to load. A fresh database gets everything in one pass of Oxigraph's bulk loader,
which writes finished files and needs no flush. Changes go in as transactions (remove the
file's graphs, add its quads), flushed once at the end so the next open replays no log.
Transactions cost about four times as much per quad and leave the database to compact
later, so when the changed files hold a large share of the KB, or the database has grown
well past its size after its last fresh load, the sync starts over with a fresh one.

Locking, because RocksDB allows one writer and read-only opens beside a writer are
undefined: a sync holds `store.lock` exclusively; `claimcheck serve` holds it shared for
the server's lifetime (the server inherits the descriptor). A query that cannot get the
exclusive lock because the store is being served opens it read-only, without syncing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from claimcheck.errors import WorkspaceError
from claimcheck.graph import ENTITIES_GRAPH, source_graph_files
from claimcheck.workspace import Workspace, atomic_write_text

STATE_FORMAT = 1
LOCK_WAIT_S = 30.0  # how long a query waits for another process's sync to finish
REBUILD_SHARE = 0.25  # start over when the changed files hold this share of the KB's bytes,
REBUILD_MIN_BYTES = 16 << 20  # and at least this many (small KBs stay incremental),
STORE_GROWTH = 4.0  # or when the database has grown to this many times its size when fresh


def store_dir(ws: Workspace) -> Path:
    return ws.state_dir / "store"


def state_file(ws: Workspace) -> Path:
    return ws.state_dir / "store-state.json"


def lock_file(ws: Workspace) -> Path:
    return ws.state_dir / "store.lock"


@dataclass(frozen=True)
class KbFile:
    """A KB file and the graph its triples go to (None: the graphs named in the TriG)."""

    path: Path
    key: str  # path relative to the workspace, the key in the state file
    format: str  # "trig" or "turtle"
    graph: str | None = None


@dataclass
class SyncReport:
    loaded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    rebuilt: bool = False
    reason: str = ""  # why it was rebuilt

    @property
    def changed(self) -> bool:
        return bool(self.loaded or self.removed)


@dataclass
class OpenStore:
    """A store handle for one command; `stale` when it could not be synced (being served)."""

    store: object  # pyoxigraph.Store; typed loosely so importing this module stays cheap
    stale: bool = False
    report: SyncReport = field(default_factory=SyncReport)
    lock: IO[bytes] | None = None


def kb_files(ws: Workspace) -> list[KbFile]:
    """Every KB file that becomes part of the store, in a stable order."""
    files = [
        KbFile(path, str(path.relative_to(ws.home)), "trig") for path in source_graph_files(ws)
    ]
    if ws.checks_file.exists():
        files.append(KbFile(ws.checks_file, str(ws.checks_file.relative_to(ws.home)), "trig"))
    if ws.entities_file.exists():
        files.append(
            KbFile(ws.entities_file, str(ws.entities_file.relative_to(ws.home)), "turtle", str(ENTITIES_GRAPH))
        )
    return files


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class State:
    """What the store holds, per KB file, and the database's size after its last fresh load."""

    files: dict[str, dict[str, Any]]
    fresh_bytes: int = 0


def read_state(ws: Workspace) -> State | None:
    """What the store holds; None when unknown (then the store is rebuilt)."""
    try:
        data = json.loads(state_file(ws).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or not isinstance(data.get("files"), dict):
        return None
    fresh_bytes = data.get("fresh_bytes", 0)
    return State(data["files"], fresh_bytes if isinstance(fresh_bytes, int) else 0)


def write_state(ws: Workspace, state: State) -> None:
    payload = {"format": STATE_FORMAT, "files": state.files, "fresh_bytes": state.fresh_bytes}
    atomic_write_text(state_file(ws), json.dumps(payload, indent=1, sort_keys=True))


def database_bytes(ws: Workspace) -> int:
    total = 0
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(store_dir(ws)):
            with contextlib.suppress(FileNotFoundError):
                total += entry.stat().st_size if entry.is_file() else 0
    return total


def _unchanged(entry: dict[str, Any] | None, path: Path) -> tuple[bool, dict[str, Any]]:
    """Cheap stat comparison first; hash only when size or mtime moved."""
    stat = path.stat()
    fresh: dict[str, Any] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if entry and entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
        return True, {**entry, **fresh}
    fresh["sha256"] = file_sha256(path)
    if entry and entry.get("sha256") == fresh["sha256"]:
        return True, {**entry, **fresh}
    return False, fresh


def pending_changes(ws: Workspace) -> bool:
    """Whether the KB differs from what the store last loaded (without opening it)."""
    state = read_state(ws)
    if state is None or not store_dir(ws).is_dir():
        return True
    files = kb_files(ws)
    if {f.key for f in files} != set(state.files):
        return True
    return not all(_unchanged(state.files.get(f.key), f.path)[0] for f in files)


def iter_quads(kb_file: KbFile) -> Iterator[Any]:
    """The file's quads in their named graphs; triples outside any graph are not ours."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.TRIG if kb_file.format == "trig" else ox.RdfFormat.TURTLE
    try:
        if kb_file.graph is not None:
            target = ox.NamedNode(kb_file.graph)
            for quad in ox.parse(path=kb_file.path, format=fmt, without_named_graphs=True):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, target)
            return
        for quad in ox.parse(path=kb_file.path, format=fmt):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad
    except (SyntaxError, ValueError, OSError) as exc:
        raise WorkspaceError(f"{kb_file.path}: cannot load into the query store ({exc})") from exc


def parse_quads(kb_file: KbFile) -> list[Any]:
    return list(iter_quads(kb_file))


def _graph_names(kb_file: KbFile, quads: list[Any]) -> list[str]:
    return sorted({q.graph_name.value for q in quads} | ({kb_file.graph} if kb_file.graph else set()))


def sync(ws: Workspace) -> tuple[object, SyncReport]:
    """The store opened read-write and brought in line with kb/ (see the module docstring).

    Each file's graphs are cleared before its quads go in, stray graphs no file claims are
    dropped, and the state file is written last, so a sync interrupted at any point is
    repaired by the next one.
    """
    import pyoxigraph as ox

    state = read_state(ws) if store_dir(ws).is_dir() else None
    if state is None:
        return _rebuild(ws, "no record of what the store holds")
    files = kb_files(ws)
    entries: dict[str, dict[str, Any]] = {}
    changed: list[tuple[KbFile, dict[str, Any]]] = []
    for kb_file in files:
        entry = state.files.get(kb_file.key)
        same, fresh = _unchanged(entry, kb_file.path)
        if same and entry is not None:
            entries[kb_file.key] = fresh
        else:
            changed.append((kb_file, fresh))
    gone = sorted(set(state.files) - {f.key for f in files})
    total = sum(int(entry["size"]) for entry in entries.values()) + sum(int(fresh["size"]) for _, fresh in changed)
    moved = sum(int(fresh["size"]) for _, fresh in changed) + sum(int(state.files[key].get("size", 0)) for key in gone)
    if moved >= max(REBUILD_MIN_BYTES, REBUILD_SHARE * total):
        return _rebuild(ws, "many changes")
    if (changed or gone) and state.fresh_bytes and database_bytes(ws) > STORE_GROWTH * state.fresh_bytes:
        return _rebuild(ws, "the database has grown")
    store = _open(ws)
    if store is None:
        return _rebuild(ws, "the database was damaged")
    if not changed and not gone:
        if entries != state.files:  # touched but unchanged files: remember their new mtimes
            write_state(ws, State(entries, state.fresh_bytes))
        return store, SyncReport(unchanged=len(entries))
    report = SyncReport(unchanged=len(entries))
    for kb_file, fresh in changed:
        quads = parse_quads(kb_file)
        graphs = _graph_names(kb_file, quads)
        old = state.files.get(kb_file.key, {}).get("graphs", [])
        for name in sorted(set(graphs) | set(old)):
            store.remove_graph(ox.NamedNode(name))  # type: ignore[attr-defined]
        store.extend(quads)  # type: ignore[attr-defined]
        entries[kb_file.key] = {**fresh, "sha256": fresh.get("sha256") or file_sha256(kb_file.path), "graphs": graphs}
        report.loaded.append(kb_file.key)
    wanted = {g for entry in entries.values() for g in entry.get("graphs", [])}
    for graph in sorted(g.value for g in store.named_graphs()):  # type: ignore[attr-defined]
        if graph not in wanted:
            store.remove_graph(ox.NamedNode(graph))  # type: ignore[attr-defined]
            report.removed.append(graph)
    store.flush()  # type: ignore[attr-defined]  # so the next open has no log to replay
    write_state(ws, State(entries, state.fresh_bytes))
    return store, report


def _rebuild(ws: Workspace, why: str) -> tuple[object, SyncReport]:
    """A fresh database with every KB file in one bulk load (no transactions, no flush)."""
    files = kb_files(ws)
    shutil.rmtree(store_dir(ws), ignore_errors=True)
    state_file(ws).unlink(missing_ok=True)
    store = _open(ws)
    if store is None:
        raise WorkspaceError(f"cannot create the query store in {store_dir(ws)}")
    entries: dict[str, dict[str, Any]] = {}

    def quads() -> Iterator[Any]:
        for kb_file in files:
            graphs: set[str] = {kb_file.graph} if kb_file.graph else set()
            for quad in iter_quads(kb_file):
                graphs.add(quad.graph_name.value)
                yield quad
            stat = kb_file.path.stat()
            entries[kb_file.key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                                    "sha256": file_sha256(kb_file.path), "graphs": sorted(graphs)}  # fmt: skip

    store.bulk_extend(quads())  # type: ignore[attr-defined]
    write_state(ws, State(entries, database_bytes(ws)))
    return store, SyncReport(loaded=[f.key for f in files], rebuilt=True, reason=why)


@contextlib.contextmanager
def _locked(ws: Workspace, mode: int, *, wait_s: float) -> Iterator[IO[bytes] | None]:
    """Yield the locked handle, or None if the lock is not free within `wait_s`."""
    ws.state_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_file(ws), "a+b") as handle:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    yield None
                    return
                time.sleep(0.05)
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _open(ws: Workspace) -> object | None:
    """Open (or create) the database read-write; None if it is damaged (then it is removed:
    kb/ is the record, so the caller loads a fresh one)."""
    import pyoxigraph as ox

    path = store_dir(ws)
    try:
        return ox.Store(str(path))
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
        if "lock" in str(exc).lower():
            raise WorkspaceError(f"the query store {path} is in use by another program") from exc
        shutil.rmtree(path, ignore_errors=True)
        state_file(ws).unlink(missing_ok=True)
        return None


@contextlib.contextmanager
def open_store(ws: Workspace, *, sync_kb: bool = True) -> Iterator[OpenStore]:
    """The workspace's store, synced with kb/ unless it is being served.

    Closed on exit (the handle is dropped), so a server can open the same location next.
    Callers must not keep query results beyond the block.
    """
    with _locked(ws, fcntl.LOCK_EX, wait_s=0) as exclusive:
        if exclusive is not None:
            opened = _read_write(ws, sync_kb)
            try:
                yield opened
            finally:
                opened.store = None  # drops the last reference: RocksDB closes now
            return
    # Someone holds the lock: a server (shared) or another sync (exclusive, brief).
    with _locked(ws, fcntl.LOCK_SH, wait_s=LOCK_WAIT_S) as shared:
        if shared is None:
            raise WorkspaceError(f"the query store of {ws.home} is busy: another claimcheck command is updating it")
        opened = _read_only(ws)
        try:
            yield opened
        finally:
            opened.store = None


def _read_write(ws: Workspace, sync_kb: bool) -> OpenStore:
    if not sync_kb and read_state(ws) is not None and store_dir(ws).is_dir():
        store = _open(ws)
        if store is not None:
            return OpenStore(store)
    store, report = sync(ws)
    return OpenStore(store, report=report)


def _read_only(ws: Workspace) -> OpenStore:
    import pyoxigraph as ox

    if not store_dir(ws).is_dir() or read_state(ws) is None:
        raise WorkspaceError(f"the query store of {ws.home} is being built by another command; try again")
    try:
        store = ox.Store.read_only(str(store_dir(ws)))
    except (OSError, RuntimeError) as exc:
        raise WorkspaceError(f"cannot open the query store read-only ({exc})") from exc
    return OpenStore(store, stale=pending_changes(ws))


@contextlib.contextmanager
def serving_lock(ws: Workspace) -> Iterator[OpenStore]:
    """Sync and close the store, then hold the lock shared while a server reads it.

    The yielded handle has no store (the server opens it); `lock` is the descriptor to
    pass to the server process so the lock outlives this one. When another server
    already holds it shared, the store is served as it is (`stale` if kb/ moved on).
    """
    with _locked(ws, fcntl.LOCK_EX, wait_s=0) as exclusive:
        if exclusive is not None:
            opened = _read_write(ws, True)
            opened.store = None
            fcntl.flock(exclusive.fileno(), fcntl.LOCK_SH)  # downgrade: readers welcome, writers not
            opened.lock = exclusive
            yield opened
            return
    with _locked(ws, fcntl.LOCK_SH, wait_s=LOCK_WAIT_S) as shared:
        if shared is None:
            raise WorkspaceError(f"the query store of {ws.home} is busy: another claimcheck command is updating it")
        opened = _read_only(ws)
        opened.store = None
        opened.lock = shared
        yield opened


def remove_store(ws: Workspace) -> None:
    """Drop the derived store (the next query rebuilds it); refused while it is in use."""
    with _locked(ws, fcntl.LOCK_EX, wait_s=0) as exclusive:
        if exclusive is None:
            raise WorkspaceError("the query store is in use (being served or synced)")
        shutil.rmtree(store_dir(ws), ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(state_file(ws))
