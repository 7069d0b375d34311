"""The query store: an Oxigraph database under `.claimcheck/store`, rebuilt from kb/.

The KB files stay the record; the store is derived state that queries run against. Each
sync compares the KB files with what the store last loaded (size, mtime, SHA-256) and
reloads only the named graphs of files that changed: one graph per source file,
kb/checks.trig its own, kb/entities.ttl into `graph.ENTITIES_GRAPH`.

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
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from claimcheck.errors import WorkspaceError
from claimcheck.graph import ENTITIES_GRAPH, source_graph_files
from claimcheck.workspace import Workspace, atomic_write_text

STATE_FORMAT = 1
LOCK_WAIT_S = 30.0  # how long a query waits for another process's sync to finish


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


def read_state(ws: Workspace) -> dict[str, dict[str, object]] | None:
    """What the store holds, per KB file; None when unknown (then the store is rebuilt)."""
    try:
        data = json.loads(state_file(ws).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or not isinstance(data.get("files"), dict):
        return None
    return data["files"]


def write_state(ws: Workspace, files: dict[str, dict[str, object]]) -> None:
    atomic_write_text(state_file(ws), json.dumps({"format": STATE_FORMAT, "files": files}, indent=1, sort_keys=True))


def _unchanged(entry: dict[str, object] | None, path: Path) -> tuple[bool, dict[str, object]]:
    """Cheap stat comparison first; hash only when size or mtime moved."""
    stat = path.stat()
    fresh: dict[str, object] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
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
    if {f.key for f in files} != set(state):
        return True
    return not all(_unchanged(state.get(f.key), f.path)[0] for f in files)


def parse_quads(kb_file: KbFile) -> list[Any]:
    import pyoxigraph as ox

    fmt = ox.RdfFormat.TRIG if kb_file.format == "trig" else ox.RdfFormat.TURTLE
    target = ox.NamedNode(kb_file.graph) if kb_file.graph else None
    try:
        quads = list(ox.parse(path=kb_file.path, format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise WorkspaceError(f"{kb_file.path}: cannot load into the query store ({exc})") from exc
    if target is not None:
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
    return quads


def sync(store: object, ws: Workspace, *, rebuilt: bool = False) -> SyncReport:
    """Bring the store in line with kb/: reload changed files' graphs, drop vanished ones.

    Each file's graphs are cleared before its quads go in, and stray graphs no file
    claims are dropped, so a sync interrupted at any point is repaired by the next one.
    """
    import pyoxigraph as ox

    report = SyncReport(rebuilt=rebuilt)
    state = {} if rebuilt else (read_state(ws) or {})
    new_state: dict[str, dict[str, object]] = {}
    fresh_quads: list[Any] = []
    for kb_file in kb_files(ws):
        entry = state.get(kb_file.key)
        same, fresh = _unchanged(entry, kb_file.path)
        if same and entry is not None:
            new_state[kb_file.key] = fresh
            report.unchanged += 1
            continue
        quads = parse_quads(kb_file)
        graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
        if kb_file.graph and kb_file.graph not in graphs:
            graphs.append(kb_file.graph)
        if rebuilt:  # a fresh store: one bulk load at the end, no per-file transactions
            fresh_quads.extend(quads)
        else:
            old_graphs: list[str] = list(entry.get("graphs", [])) if entry else []  # type: ignore[call-overload]
            for name in sorted(set(graphs) | set(old_graphs)):
                store.remove_graph(ox.NamedNode(name))  # type: ignore[attr-defined]
            store.extend(quads)  # type: ignore[attr-defined]
        new_state[kb_file.key] = {**fresh, "sha256": fresh.get("sha256") or file_sha256(kb_file.path), "graphs": graphs}
        report.loaded.append(kb_file.key)
    if fresh_quads:
        store.bulk_extend(fresh_quads)  # type: ignore[attr-defined]
    wanted = {g for entry in new_state.values() for g in entry.get("graphs", [])}  # type: ignore[attr-defined]
    for graph in sorted(g.value for g in store.named_graphs()):  # type: ignore[attr-defined]
        if graph not in wanted:
            store.remove_graph(ox.NamedNode(graph))  # type: ignore[attr-defined]
            report.removed.append(graph)
    store.remove_graph(ox.DefaultGraph())  # type: ignore[attr-defined]  # nothing of ours lives there
    if report.changed or new_state != state:
        store.flush()  # type: ignore[attr-defined]
        write_state(ws, new_state)
    return report


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


def _open_read_write(ws: Workspace) -> tuple[object, bool]:
    """Open (or create) the store; a store without a readable state file is rebuilt."""
    import pyoxigraph as ox

    path = store_dir(ws)
    rebuild = read_state(ws) is None or not path.is_dir()
    if rebuild:
        shutil.rmtree(path, ignore_errors=True)
        state_file(ws).unlink(missing_ok=True)
    try:
        return ox.Store(str(path)), rebuild
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise WorkspaceError(f"the query store {path} is in use by another program") from exc
        # A damaged database is derived state: start over from kb/.
        shutil.rmtree(path, ignore_errors=True)
        state_file(ws).unlink(missing_ok=True)
        return ox.Store(str(path)), True


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
    store, rebuilt = _open_read_write(ws)
    report = sync(store, ws, rebuilt=rebuilt) if sync_kb or rebuilt else SyncReport()
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


# --------------------------------------------------------------------------- serving

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the PyPI `oxigraph` package)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise WorkspaceError("the 'oxigraph' server is not installed (pip install oxigraph)")
    return found


def server_command(ws: Workspace, host: str, port: int, timeout_s: float) -> list[str]:
    """Oxigraph's read-only SPARQL 1.1 Protocol server over the workspace's store."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_binary(), "serve-read-only", "--location", str(store_dir(ws)), "--bind", bind,
        "--union-default-graph", "--timeout-s", str(max(1, math.ceil(timeout_s))),
    ]  # fmt: skip


def serve(ws: Workspace, host: str, port: int, timeout_s: float, *, on_start: Callable[[OpenStore], None]) -> int:
    """Run the server until it exits or this process is interrupted; returns its exit code.

    The lock descriptor is inherited by the server, so no sync can write the store under
    it even if this process dies first. SIGINT/SIGTERM are passed on, then the server is
    killed if it has not stopped within a few seconds.
    """
    with serving_lock(ws) as handle:
        assert handle.lock is not None
        process = subprocess.Popen(server_command(ws, host, port, timeout_s), pass_fds=(handle.lock.fileno(),))
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            on_start(handle)
            return process.wait()
        except KeyboardInterrupt:
            return _stop(process)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                _stop(process)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return 0
