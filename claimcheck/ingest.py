"""Ingest: read articles (Markdown/text with YAML front matter, or HTML) into `SourceDoc`s,
copy them into the workspace and write each one's named graph.

Reading is strict: an unreadable file raises `SourceError` naming the file and the
problem, before anything in the KB is touched.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from claimcheck.errors import ClaimcheckError, SourceError
from claimcheck.models import Extraction, SourceDoc
from claimcheck.workspace import (
    Workspace,
    atomic_copy,
    atomic_write_text,
    install_shipped_files,
    remove_stale_temporaries,
    workspace_lock,
)

if TYPE_CHECKING:
    from claimcheck.nlp import Models

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


def read_manifest(ws: Workspace) -> dict[str, dict[str, str]]:
    if not ws.manifest_file.exists():
        return {}
    try:
        manifest = json.loads(ws.manifest_file.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ClaimcheckError(f"{ws.manifest_file}: unreadable manifest ({exc})") from exc
    return dict(manifest.get("sources", {}))


def write_manifest(ws: Workspace, sources: dict[str, dict[str, str]]) -> None:
    payload = {"format": 1, "sources": {k: sources[k] for k in sorted(sources)}}
    atomic_write_text(ws.manifest_file, json.dumps(payload, indent=2, sort_keys=True) + "\n")


def ingest_paths(
    ws: Workspace,
    paths: Sequence[Path],
    models: Models,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Read every file first, then extract and write only what is new or changed.

    With `workers` > 1 the extraction runs in that many processes; this process stays
    the single writer of the KB.
    """
    from claimcheck.graph import write_source_graph

    report = IngestReport()
    with workspace_lock(ws):
        install_shipped_files(ws)
        remove_stale_temporaries(ws)
        manifest = read_manifest(ws)
        catalog_key = _file_hash(ws.entities_file)
        by_hash = {entry["content_hash"]: sid for sid, entry in manifest.items()}
        pending: list[tuple[Path, SourceDoc, str]] = []
        seen_ids: dict[str, Path] = {}
        for path in collect_paths(paths):
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
            key = _hash_parts(EXTRACTOR_VERSION, catalog_key, _file_hash(path))
            entry = manifest.get(doc.id)
            if entry and entry.get("key") == key and ws.source_graph_file(doc.id).exists():
                report.unchanged.append(doc.id)
                continue
            pending.append((path, doc, key))
            by_hash[doc.content_hash] = doc.id

        extractions = extract_parallel([doc for _, doc, _ in pending], models, ws.entities_file, workers)
        for done, ((path, doc, key), extraction) in enumerate(zip(pending, extractions, strict=True), 1):
            stored = ws.sources_dir / f"{doc.id}{path.suffix.lower()}"
            if path.resolve() != stored.resolve():
                _remove_other_copies(ws, doc.id, keep=stored)
                atomic_copy(path, stored)
            write_source_graph(ws, extraction)
            (report.updated if doc.id in manifest else report.added).append(doc.id)
            manifest[doc.id] = {
                "file": stored.name,
                "content_hash": doc.content_hash,
                "key": key,
            }
            write_manifest(ws, manifest)
            if progress:
                progress(done, len(pending))
    return report


def extract_parallel(
    docs: Sequence[SourceDoc], models: Models, entities_file: Path, workers: int = 1
) -> Iterable[Extraction]:
    """Extractions of `docs` in order; with `workers` > 1, from a pool of processes.

    Each article's extraction is a pure function of its text and the entity list, so
    chunks of articles go to worker processes that load their own models once ('spawn':
    forking a process that already holds torch and spaCy threads is unsafe). Results are
    yielded as chunks finish, so the caller writes while workers still extract.
    """
    from claimcheck.extract import extract_documents

    workers = min(workers, len(docs))
    if workers <= 1:
        return extract_documents(docs, models, entities_file)
    # Several chunks per worker balance uneven articles; large chunks keep per-chunk
    # costs (the entity list is read once per chunk) small.
    size = max(1, min(64, -(-len(docs) // (workers * 4))))
    chunks = [list(docs[i : i + size]) for i in range(0, len(docs), size)]
    return _pooled(chunks, entities_file, workers)


def _pooled(chunks: list[list[SourceDoc]], entities_file: Path, workers: int) -> Iterator[Extraction]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_models) as pool:
        for extractions in pool.map(_extract_chunk, chunks, [entities_file] * len(chunks)):
            yield from extractions


@functools.cache
def _worker_models() -> Models:
    """The models of one worker process, loaded by the pool's initializer and kept."""
    from claimcheck.nlp import Models

    models = Models()
    models.nlp  # noqa: B018 - load now, before the first chunk arrives
    return models


def _extract_chunk(docs: list[SourceDoc], entities_file: Path) -> list[Extraction]:
    from claimcheck.extract import extract_documents

    return extract_documents(docs, _worker_models(), entities_file)


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
