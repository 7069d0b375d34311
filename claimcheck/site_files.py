"""The KB's files as the site sees them: their hashes, what was read from them, downloads.

Every file the site reads is hashed once per build (`kb_files`). Pages that show the whole
KB key on the hash of all of them (`fingerprint`). What the site reads from kb/checks.trig
and kb/entities.ttl, and each file's part of `kb.jsonld`, is kept in
`.claimcheck/site-cache/` by the file's hash and claimcheck's code version, so a rebuild
reads and converts only the files that changed; the cache is derived data, safe to delete.

Downloads: re-serialising the whole KB through rdflib took minutes at 10,000 articles. A KB
file is already deterministic TriG without blank nodes, and concatenated TriG documents
are one valid TriG document, so `kb.trig` is the checks, the entity list (Turtle, written
as its named graph) and every source graph, byte for byte. `kb.jsonld` is expanded JSON-LD,
one `{"@id": graph, "@graph": [...]}` per named graph in the same order, each file's part
written by Oxigraph. Both are streamed to disk, never held whole in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from claimcheck import kbcache
from claimcheck.errors import WorkspaceError
from claimcheck.vocab import PREFIXES

if TYPE_CHECKING:
    from claimcheck.workspace import Workspace

T = TypeVar("T")
CACHE_FOLDER = "site-cache"


@dataclass(frozen=True)
class KbFile:
    """One file of the KB: where, the SHA-256 of its bytes, and whether it is the Turtle entity list."""

    path: Path
    digest: str
    turtle: bool = False


def kb_files(ws: Workspace) -> list[KbFile]:
    """The KB's files in download order: checks, entity list, then source graphs by name
    (the order of their graph names, as one serialisation of the whole KB has them)."""
    from claimcheck.graph import source_graph_files

    paths = [p for p in (ws.checks_file, ws.entities_file) if p.exists()] + source_graph_files(ws)
    with ThreadPoolExecutor(max_workers=4) as pool:  # reading and hashing release the GIL
        digests = list(pool.map(_digest, paths))
    return [KbFile(path, digest, turtle=path == ws.entities_file) for path, digest in zip(paths, digests, strict=True)]


def fingerprint(files: Iterable[KbFile]) -> str:
    """One hash over the KB's file names and contents: pages that show everything key on it."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.path.name}\0{file.digest}\0{file.turtle}\n".encode())
    return digest.hexdigest()


class Cache:
    """Values derived from one KB file, kept by the file's hash; `prune` drops the rest."""

    def __init__(self, ws: Workspace, version: str) -> None:
        self.folder = ws.state_dir / CACHE_FOLDER
        self.version = version
        self.used: set[str] = set()

    def name(self, kind: str, file: KbFile, suffix: str) -> str:
        name = f"{kind}-{self.version}-{file.digest}.{suffix}"
        self.used.add(name)
        return name

    def value(self, kind: str, file: KbFile, make: Callable[[], T]) -> T:
        """A picklable value read from `file`, from the cache when it holds it."""
        entry = self.folder / self.name(kind, file, "pickle")
        found = kbcache.load_entry(entry)
        if found is None:
            found = make()
            kbcache.store_entry(entry, found)
        return found  # type: ignore[no-any-return]

    def jsonld(self, file: KbFile) -> bytes:
        """One file's graphs as JSON-LD objects, without the enclosing array's brackets."""

        def convert() -> bytes:
            import pyoxigraph

            text = (pyoxigraph.serialize(quads(file), format=pyoxigraph.RdfFormat.JSON_LD) or b"").strip()
            if not (text.startswith(b"[") and text.endswith(b"]")):
                raise WorkspaceError(f"{file.path}: Oxigraph wrote JSON-LD that is not an array")
            return text[1:-1].strip()

        return self.value("jsonld", file, convert)

    def keep_jsonld(self, files: Iterable[KbFile]) -> None:
        """Keep every file's JSON-LD part even when this build reuses kb.jsonld whole."""
        for file in files:
            self.name("jsonld", file, "pickle")

    def prune(self) -> None:
        """Drop entries no step of this build used: files gone from the KB, older code."""
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in self.used:
                    with contextlib.suppress(OSError):
                        entry.unlink()


def quads(file: KbFile, predicates: Iterable[str] | None = None) -> Iterator[Any]:
    """A file's quads through Oxigraph's parser, streamed (the entity list's triples in its
    named graph), optionally only those with the given predicates."""
    import pyoxigraph

    from claimcheck.graph import ENTITIES_GRAPH

    fmt = pyoxigraph.RdfFormat.TURTLE if file.turtle else pyoxigraph.RdfFormat.TRIG
    wanted = None if predicates is None else {pyoxigraph.NamedNode(p) for p in predicates}
    graph = pyoxigraph.NamedNode(str(ENTITIES_GRAPH))
    try:
        for quad in pyoxigraph.parse(path=file.path, format=fmt):
            if wanted is None or quad.predicate in wanted:
                yield pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, graph) if file.turtle else quad
    except (SyntaxError, ValueError, OSError) as exc:
        what = "the entity list" if file.turtle else "the KB file"
        raise WorkspaceError(f"{file.path}: cannot parse {what} ({type(exc).__name__}: {exc})") from exc


def write_trig(files: Iterable[KbFile], target: str) -> None:
    """The whole KB as one TriG document: the files' bytes, the entity list as a named graph."""
    import pyoxigraph

    prefixes = {name: str(namespace) for name, namespace in PREFIXES.items()}
    with open(target, "wb") as out:
        for file in files:
            if file.turtle:
                data = pyoxigraph.serialize(quads(file), format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes) or b""
            else:
                data = file.path.read_bytes()
            out.write(data)
            if data and not data.endswith(b"\n"):
                out.write(b"\n")


def write_jsonld(cache: Cache, files: Iterable[KbFile], target: str) -> None:
    """The whole KB as expanded JSON-LD: an array of named graphs, streamed part by part."""
    with open(target, "wb") as out:
        out.write(b"[")
        first = True
        for file in files:
            chunk = cache.jsonld(file)
            if chunk:
                out.write(b"\n" if first else b",\n")
                out.write(chunk)
                first = False
        out.write(b"\n]\n")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
