"""Ingest: read articles (Markdown/text with YAML front matter, or HTML) into `SourceDoc`s,
copy them into the workspace and write each one's named graph.

Reading is strict: an unreadable file raises `SourceError` naming the file and the
problem, before anything in the KB is touched.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from claimcheck.errors import SourceError
from claimcheck.manifest import ManifestBook, read_manifest, write_manifest
from claimcheck.models import SourceDoc
from claimcheck.workspace import (
    Workspace,
    atomic_copy,
    atomic_write_bytes,
    install_shipped_files,
    remove_stale_temporaries,
    workspace_lock,
)

if TYPE_CHECKING:
    from claimcheck.entities import EntityCatalog
    from claimcheck.nlp import Models

__all__ = ["IngestReport", "build_sources", "ingest_paths", "read_manifest", "read_source", "write_manifest"]

TEXT_SUFFIXES = {".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain"}
HTML_SUFFIXES = {".html": "text/html", ".htm": "text/html"}
SUPPORTED_SUFFIXES = {**TEXT_SUFFIXES, **HTML_SUFFIXES}
METADATA_KEYS = ("title", "outlet", "author", "date", "url")
# News articles are kilobytes; a file this large is a dump, not an article, and spaCy
# would need gigabytes for it.
MAX_SOURCE_BYTES = 1_000_000  # also spaCy's default max_length in characters
# Fewer words than this in a page's main text means navigation or an error page, not an article.
MIN_ARTICLE_WORDS = 8
# Bumped whenever extraction changes what it writes, so re-ingest redoes every article.
EXTRACTOR_VERSION = "1"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)
_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def read_source(path: Path, source_id: str | None = None) -> SourceDoc:
    """Read one article; the id defaults to the file stem."""
    source_id = source_id or path.stem
    if not path.exists():
        raise SourceError(f"{path}: no such file")
    if not path.is_file():
        raise SourceError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceError(
            f"{path}: unsupported file type '{suffix or path.name}' (use .md, .txt or .html)"
        )
    if not _SOURCE_ID.match(source_id):
        raise SourceError(f"{path}: the file name must start with a letter or digit and use only letters, digits, '.', '_' or '-'")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            f"{path}: too large for one article ({size / 1e6:.1f} MB; the limit is {MAX_SOURCE_BYTES / 1e6:g} MB)"
        )
    text = decode_text(path.read_bytes(), path)
    if suffix in HTML_SUFFIXES:
        return _read_html(text, path, source_id)
    metadata, body = split_front_matter(text, path)
    if not body.strip():
        raise SourceError(f"{path}: the article has no text")
    return SourceDoc(
        id=source_id,
        body=body,
        content_hash=content_hash(body),
        filename=path.name,
        media_type=SUPPORTED_SUFFIXES[suffix],
        **metadata,
    )


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if not data.strip():
        raise SourceError(f"{path}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{path}: invalid UTF-16 text") from exc
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    return text.replace("\r\n", "\n")


def split_front_matter(text: str, path: Path) -> tuple[dict[str, str], str]:
    """YAML front matter between `---` lines, and the verbatim body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        raw = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise SourceError(f"{path}: malformed YAML front matter{where}") from exc
    if not isinstance(raw, dict):
        raise SourceError(f"{path}: the front matter must be a mapping of keys to values")
    return _clean_metadata(raw, path), text[match.end() :]


def _clean_metadata(raw: dict[str, Any], path: Path) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for key in METADATA_KEYS:
        value = raw.get(key)
        if value is None or value == "":
            continue
        if key == "date":
            metadata[key] = _iso_date(value, path)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            metadata[key] = str(value).strip()
        else:
            raise SourceError(f"{path}: front matter '{key}' must be text, not {type(value).__name__}")
    return metadata


def _iso_date(value: object, path: Path) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        try:
            if len(text) == 10:
                dt.date.fromisoformat(text)
            elif len(text) == 7 and not 1 <= int(text[5:]) <= 12:
                raise ValueError
        except ValueError:
            pass
        else:
            return text
    raise SourceError(f"{path}: front matter 'date' is not a date: {text!r} (use YYYY-MM-DD)")


def _read_html(html: str, path: Path, source_id: str) -> SourceDoc:
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise SourceError(f"{path}: no article text found in the HTML page")
    body += "\n"

    def meta(name: str) -> str | None:
        value = getattr(document, name, None)
        return str(value).strip() if value else None

    date = meta("date")
    return SourceDoc(
        id=source_id,
        body=body,
        content_hash=content_hash(body),
        filename=path.name,
        title=meta("title"),
        outlet=meta("sitename"),
        author=meta("author"),
        date=date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else None,
        url=meta("url"),
        media_type="text/html",
    )


def content_hash(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their article files, sorted so runs are repeatable."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


# --------------------------------------------------------------------------- ingest


@dataclass
class IngestReport:
    """What one ingest did, per file: the CLI prints it, tests assert on it."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, existing id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(
    ws: Workspace,
    paths: Sequence[Path],
    models: Models,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Read every file first, then extract and write only what is new or changed.

    Each article's whole job (extract, build its graph, serialise it, prime the record
    cache) runs in this process or, with `workers` > 1, in a pool of processes; this
    process stays the single writer of the KB: the article's copy, its graph file, then
    its manifest entry, in that order, so a kill at any moment leaves a whole KB.
    """
    report = IngestReport()
    with workspace_lock(ws):
        install_shipped_files(ws)
        remove_stale_temporaries(ws)
        manifest = read_manifest(ws)
        known = set(manifest)
        pending = _plan(ws, paths, manifest, report)
        with ManifestBook(ws, manifest) as book:
            built = build_sources(ws, [doc for _, doc, _ in pending], models, workers)
            for done, ((path, doc, key), data) in enumerate(zip(pending, built, strict=True), 1):
                stored = ws.sources_dir / f"{doc.id}{path.suffix.lower()}"
                if path.resolve() != stored.resolve():
                    _remove_other_copies(ws, doc.id, keep=stored)
                    atomic_copy(path, stored)
                atomic_write_bytes(ws.source_graph_file(doc.id), data)
                (report.updated if doc.id in known else report.added).append(doc.id)
                book.record(doc.id, {"file": stored.name, "content_hash": doc.content_hash, "key": key})
                if progress:
                    progress(done, len(pending))
    return report


def _plan(
    ws: Workspace, paths: Sequence[Path], manifest: dict[str, dict[str, str]], report: IngestReport
) -> list[tuple[Path, SourceDoc, str]]:
    """The files to (re-)ingest, each read and with its cache key; the others go into `report`.

    A file whose bytes, entity list and extractor version match its manifest entry is
    unchanged and is only hashed, not parsed.
    """
    catalog_key = _file_hash(ws.entities_file)
    by_hash = {entry["content_hash"]: sid for sid, entry in manifest.items()}
    pending: list[tuple[Path, SourceDoc, str]] = []
    seen_ids: dict[str, Path] = {}
    for path in collect_paths(paths):
        entry = manifest.get(path.stem)
        key = _hash_parts(EXTRACTOR_VERSION, catalog_key, _file_hash(path)) if entry else None
        if (
            entry is not None
            and entry.get("key") == key
            and seen_ids.get(path.stem, path) == path
            and path.suffix.lower() in SUPPORTED_SUFFIXES
            and ws.source_graph_file(path.stem).exists()
        ):
            seen_ids[path.stem] = path
            report.unchanged.append(path.stem)
            continue
        try:
            doc = read_source(path)
        except SourceError as exc:
            report.failed.append((str(path), str(exc)))
            continue
        if doc.id in seen_ids and seen_ids[doc.id] != path:
            report.failed.append((str(path), f"{path}: source id '{doc.id}' is also used by {seen_ids[doc.id]}"))
            continue
        seen_ids[doc.id] = path
        owner = by_hash.get(doc.content_hash)
        if owner is not None and owner != doc.id:
            report.duplicates.append((str(path), owner))
            continue
        pending.append((path, doc, key or _hash_parts(EXTRACTOR_VERSION, catalog_key, _file_hash(path))))
        by_hash[doc.content_hash] = doc.id
    return pending


def build_sources(ws: Workspace, docs: Sequence[SourceDoc], models: Models, workers: int = 1) -> Iterator[bytes]:
    """The graph file of each of `docs`, in order; with `workers` > 1, from a pool of processes.

    Each article's graph is a pure function of its text and the entity list, so chunks of
    articles go to worker processes that load their own models once ('spawn': forking a
    process that already holds torch and spaCy threads is unsafe). Results come back as
    chunks finish, so the caller writes while workers still extract.
    """
    workers = min(workers, len(docs))
    if workers <= 1:
        return _build_all(ws, docs, models)
    # Several chunks per worker even out uneven articles and keep the tail short.
    size = max(1, min(32, -(-len(docs) // (workers * 8))))
    chunks = [list(docs[i : i + size]) for i in range(0, len(docs), size)]
    return _pooled(ws, chunks, workers)


def _build_all(ws: Workspace, docs: Sequence[SourceDoc], models: Models) -> Iterator[bytes]:
    from claimcheck.entities import load_catalog

    if docs:  # else load neither the models nor the entity list
        yield from _build(ws, docs, models, load_catalog(ws.entities_file))


def _build(ws: Workspace, docs: Sequence[SourceDoc], models: Models, catalog: EntityCatalog) -> Iterator[bytes]:
    """Extract, build the graph, serialise it and prime the record cache and the vectors the
    checks compare, article by article (so the next `check` and `site` parse and encode nothing)."""
    from claimcheck import kbcache
    from claimcheck.check import source_vectors
    from claimcheck.extract import iter_extractions
    from claimcheck.graph import source_file

    for extraction in iter_extractions(docs, models, catalog):
        graph, data = source_file(extraction)
        records = kbcache.prime(ws, graph, data)
        source_vectors(ws, models, records["check"])
        yield data


def _pooled(ws: Workspace, chunks: list[list[SourceDoc]], workers: int) -> Iterator[bytes]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        for built in pool.map(_build_chunk, [ws] * len(chunks), chunks):
            yield from built


def _build_chunk(ws: Workspace, docs: list[SourceDoc]) -> list[bytes]:
    """One worker's job: a chunk of articles, with the models and entity list it keeps."""
    catalog = _worker_catalog(ws.entities_file, _file_hash(ws.entities_file))
    return list(_build(ws, docs, _worker_models(), catalog))


def _start_worker(parent: int) -> None:
    """A worker's initializer: follow the parent if it dies (a killed ingest must not leave
    workers behind, each holding the models), and load the models before the first chunk."""
    threading.Thread(target=_exit_with, args=(parent,), name="exit-with-parent", daemon=True).start()
    _worker_models()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


@functools.cache
def _worker_models() -> Models:
    """The models of one worker process, loaded by its initializer and kept."""
    from claimcheck.nlp import Models

    models = Models()
    models.nlp  # noqa: B018 - load now, before the first chunk arrives
    return models


@functools.lru_cache(maxsize=1)
def _worker_catalog(entities_file: Path, file_hash: str) -> EntityCatalog:
    """The entity list of one worker process, read again only if the file changed."""
    from claimcheck.entities import load_catalog

    return load_catalog(entities_file)


def _remove_other_copies(ws: Workspace, source_id: str, keep: Path) -> None:
    for suffix in SUPPORTED_SUFFIXES:
        other = ws.sources_dir / f"{source_id}{suffix}"
        if other != keep and other.exists():
            other.unlink()


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "-"


def _hash_parts(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
