"""A workspace: a folder with `sources/`, `kb/` and `site/`.

Owns the layout, atomic file writes and the lock that keeps two ingests apart. Every
write goes to a temporary file in the same folder and is renamed into place, so a crash
leaves each file either as it was or as it is after, never half-written.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from claimcheck.errors import WorkspaceError

# Files a workspace's kb/ needs, shipped in the package's data folder.
SHIPPED_KB_FILES = ("vocab.ttl", "shapes.ttl", "entities.ttl")


@dataclass(frozen=True)
class Workspace:
    home: Path

    @property
    def sources_dir(self) -> Path:
        return self.home / "sources"

    @property
    def kb_dir(self) -> Path:
        return self.home / "kb"

    @property
    def source_graphs_dir(self) -> Path:
        return self.kb_dir / "sources"

    @property
    def site_dir(self) -> Path:
        return self.home / "site"

    @property
    def entities_file(self) -> Path:
        return self.kb_dir / "entities.ttl"

    @property
    def checks_file(self) -> Path:
        return self.kb_dir / "checks.trig"

    @property
    def manifest_file(self) -> Path:
        return self.kb_dir / "manifest.json"

    @property
    def queries_dir(self) -> Path:
        return self.kb_dir / "queries"

    @property
    def state_dir(self) -> Path:
        """Derived, rebuildable state (the query store); git-ignored."""
        return self.home / ".claimcheck"

    def source_graph_file(self, source_id: str) -> Path:
        return self.source_graphs_dir / f"{source_id}.trig"


def open_workspace(home: Path | str, *, create: bool = False) -> Workspace:
    """The workspace at `home`; with `create`, lay out its folders and shipped files."""
    ws = Workspace(Path(home).resolve())
    if create:
        for folder in (ws.sources_dir, ws.source_graphs_dir, ws.queries_dir, ws.site_dir):
            folder.mkdir(parents=True, exist_ok=True)
        install_shipped_files(ws)
    elif not ws.home.is_dir():
        raise WorkspaceError(f"no workspace at {home}: the folder does not exist")
    elif not ws.kb_dir.is_dir():
        raise WorkspaceError(
            f"no workspace at {home}: it has no kb/ folder (run 'claimcheck init' or 'claimcheck ingest')"
        )
    return ws


def install_shipped_files(ws: Workspace) -> None:
    """Copy the vocabulary, shapes, entity list and saved queries a workspace needs.

    Existing files are kept except the vocabulary and shapes, which belong to the code;
    the entity list and queries are the editors' and never overwritten.
    """
    data = resources.files("claimcheck") / "data"
    for name in SHIPPED_KB_FILES:
        target = ws.kb_dir / name
        shipped = (data / name).read_bytes()
        owned_by_code = name != "entities.ttl"
        if not target.exists() or (owned_by_code and target.read_bytes() != shipped):
            atomic_write_bytes(target, shipped)
    queries = data / "queries"
    if queries.is_dir():
        for query in sorted(queries.iterdir(), key=lambda q: q.name):
            target = ws.queries_dir / query.name
            if query.name.endswith(".rq") and not target.exists():
                atomic_write_bytes(target, query.read_bytes())


def _file_mode() -> int:
    """The mode `open()` would give a new file: 0666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temporary file and rename; skip if unchanged.

    Returns whether the file changed, so callers can tell what a run touched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        if path.read_bytes() == data:
            return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())  # mkstemp's 0600 would hide KB and site files from a web server
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return True


def atomic_write_text(path: Path, text: str) -> bool:
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_copy(src: Path, dst: Path) -> bool:
    return atomic_write_bytes(dst, src.read_bytes())


def remove_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        _fsync_dir(path.parent)


def replace_tree(staging: Path, target: Path) -> None:
    """Swap a freshly built folder into place (the site), keeping the old one on failure."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale_temporaries(ws: Workspace) -> None:
    """Temporary files a killed writer left behind; call only while holding the lock."""
    for folder in (ws.kb_dir, ws.source_graphs_dir, ws.sources_dir):
        if folder.is_dir():
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def workspace_lock(ws: Workspace) -> Iterator[None]:
    """Exclusive lock for commands that write the KB; a second writer is refused."""
    ws.kb_dir.mkdir(parents=True, exist_ok=True)
    lock_path = ws.kb_dir / ".lock"
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise WorkspaceError(
                    f"the workspace {ws.home} is busy: another claimcheck command is writing it"
                ) from exc
            raise
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
