"""kb/manifest.json: the file, content hash and cache key each source was ingested from.

Rewriting the whole manifest after every article made a large first ingest quadratic (92 ms
a write at 10,000 entries). Ingest now records each article in an append-only journal,
`kb/.manifest.journal`, once that article's graph file is in place, and rewrites the
manifest every few seconds and at the end, then empties the journal. A killed ingest
leaves a manifest that is a little behind plus a journal of what it finished since:
`read_manifest` applies the journal, and the next ingest folds it into the manifest. A line
torn by the kill is ignored, so at most the article in flight is extracted again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from claimcheck.errors import ClaimcheckError
from claimcheck.workspace import Workspace, atomic_write_text, remove_file

Entry = dict[str, str]
ENTRY_FIELDS = ("content_hash", "file", "key")
# Between rewrites of the manifest: at least this, and 20 times what the last write took,
# so writing it costs under 5% of an ingest at any size.
FLUSH_INTERVAL_S = 5.0


def journal_file(ws: Workspace) -> Path:
    return ws.kb_dir / ".manifest.journal"


def read_manifest(ws: Workspace) -> dict[str, Entry]:
    """The sources the KB holds: the manifest, with the journal a killed ingest left."""
    sources: dict[str, Entry] = {}
    if ws.manifest_file.exists():
        try:
            manifest = json.loads(ws.manifest_file.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ClaimcheckError(f"{ws.manifest_file}: unreadable manifest ({exc})") from exc
        sources = dict(manifest.get("sources", {}))
    sources.update(_journal_entries(ws))
    return sources


def write_manifest(ws: Workspace, sources: dict[str, Entry]) -> None:
    payload = {"format": 1, "sources": {k: sources[k] for k in sorted(sources)}}
    atomic_write_text(ws.manifest_file, json.dumps(payload, indent=2, sort_keys=True) + "\n")


def _journal_entries(ws: Workspace) -> dict[str, Entry]:
    """Finished articles in the journal; a torn last line, or one whose graph file is gone, is skipped."""
    try:
        lines = journal_file(ws).read_bytes().splitlines()
    except FileNotFoundError:
        return {}
    entries: dict[str, Entry] = {}
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        source_id = record.get("id")
        entry = {name: record.get(name) for name in ENTRY_FIELDS}
        if not isinstance(source_id, str) or not all(isinstance(v, str) for v in entry.values()):
            continue
        if ws.source_graph_file(source_id).exists():
            entries[source_id] = entry  # type: ignore[assignment]
    return entries


class ManifestBook:
    """Records finished articles: a journal line at once, the manifest now and then.

    Use as a context manager while holding the workspace lock; on leaving, the manifest
    holds every recorded article and the journal is gone.
    """

    def __init__(
        self, ws: Workspace, sources: dict[str, Entry], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ws = ws
        self.sources = sources
        self.clock = clock
        self.dirty = False
        self.due = 0.0
        self.fd: int | None = None

    def __enter__(self) -> ManifestBook:
        if journal_file(self.ws).exists():  # left by a killed ingest: fold it in first
            self.sources.update(_journal_entries(self.ws))
            write_manifest(self.ws, self.sources)
            remove_file(journal_file(self.ws))
        self.due = self.clock() + FLUSH_INTERVAL_S
        return self

    def record(self, source_id: str, entry: Entry) -> None:
        """Call once the article's graph file is in place."""
        self.sources[source_id] = entry
        self.dirty = True
        if self.fd is None:
            self.fd = os.open(journal_file(self.ws), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        line = json.dumps({"id": source_id, **entry}, sort_keys=True) + "\n"
        os.write(self.fd, line.encode("utf-8"))  # one write: a kill leaves whole lines and at most one torn one
        if self.clock() >= self.due:
            self.flush()

    def flush(self) -> None:
        started = self.clock()
        write_manifest(self.ws, self.sources)
        self.dirty = False
        if self.fd is not None:
            os.ftruncate(self.fd, 0)  # everything in it is in the manifest now
        finished = self.clock()
        self.due = finished + max(FLUSH_INTERVAL_S, 20 * (finished - started))

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        # Also after an error: what was finished is recorded; the journal goes only once
        # the manifest holds it.
        try:
            if self.dirty:
                self.flush()
        finally:
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None
        remove_file(journal_file(self.ws))
