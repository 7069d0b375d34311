"""The static comparison site: the KB rendered into `site/` for readers.

Read everything first (`site_data.read_workspace`), plan every file of the site with a key
(a hash of everything its bytes depend on: its records, the templates and claimcheck's
code), then write the tree into a staging folder next to `site/` and swap it into place
(`workspace.replace_tree`). A file whose key is the one recorded for the current `site/`
(`.claimcheck/site-pages.json`) is hard-linked from it instead of rendered, so a rebuild
after one article changes renders only the pages that show it. A build that fails leaves
the old site untouched; the same KB always gives byte-identical files (sorted data, no
timestamps). Links are relative so the site works from file:// and from any static host;
nothing is fetched from a network.

Each page template sees only its own record and a `View` of the sources and entity names
it links to, so its key covers all it can print; pages that list everything (home, flags,
search and the downloads) key on the hash of every KB file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from claimcheck import kbcache, site_files
from claimcheck.site_data import (
    QUALIFIER_LABELS,
    SEVERITIES,
    Entity,
    FlagRow,
    SiteData,
    Slot,
    Source,
    read_workspace,
)
from claimcheck.site_pages import (
    View,
    article_html,
    article_pieces,
    chart,
    fact_jsonld,
    format_interval,
    format_number,
    search_index,
)
from claimcheck.workspace import Workspace, atomic_write_text, remove_file, replace_tree, workspace_lock

STATIC_FILES = ("site.css", "site.js", "search.js")
RECORD_FILE = "site-pages.json"
RECORD_VERSION = 1
WRITERS, MAX_PENDING = 4, 256  # writer threads; rendered files waiting for one
FLAG_LINKS, FLAG_TEXT = 20, 800  # a flag's sources and message characters shown outside the flags page


@dataclass(frozen=True)
class SiteReport:
    """What a build wrote: the file count (rendered + reused) and the page count by type."""

    files: int
    pages: dict[str, int] = field(default_factory=dict)
    site_dir: Path | None = None
    rendered: int = 0  # files rendered (or written) by this build
    reused: int = 0  # files unchanged since the last build, linked from it


@dataclass(frozen=True)
class Output:
    """One file of the site: its path under site/, its key, and how to make it."""

    path: str
    key: str
    render: Callable[[], bytes] | None = None  # its bytes (a page: rendered in the main thread)
    stream: Callable[[str], None] | None = None  # or: writes the file at a path (the downloads)


def build_site(ws: Workspace, progress: Callable[[int, int], None] | None = None) -> SiteReport:
    """Render the workspace's KB into `site/`: staging folder first, then an atomic swap."""
    with workspace_lock(ws):
        files = site_files.kb_files(ws)
        cache = site_files.Cache(ws, kbcache.code_version())
        data = read_workspace(ws, files, cache)
        outputs = plan_site(data, files, cache)
        previous = _load_record(ws)
        staging = Path(tempfile.mkdtemp(prefix=".site.", suffix=".build", dir=ws.home))
        try:
            rendered = render_site(outputs, staging, ws.site_dir, previous, progress)
            remove_file(ws.state_dir / RECORD_FILE)  # a crash before the next line: all renders again
            replace_tree(staging, ws.site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _save_record(ws, outputs)
        cache.keep_jsonld(files)
        cache.prune()
    pages = {
        "facts": len(data.slots),
        "sources": len(data.sources),
        "entities": len(data.entities),
        "flags": len(data.flags),
    }
    return SiteReport(
        files=len(outputs), pages=pages, site_dir=ws.site_dir, rendered=rendered, reused=len(outputs) - rendered
    )


def render_site(
    outputs: list[Output],
    staging: Path,
    current: Path | None = None,
    previous: dict[str, list[Any]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every output into `staging`, linking unchanged ones from `current`; the count
    rendered. Pages render in this thread while writer threads create the files (file
    creation, not rendering, is most of a large site's wall time on a slow disk)."""
    previous = previous or {}
    rendered = 0
    folders: set[str] = set()
    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="site-writer") as pool:
        pending: deque[Future[None]] = deque()
        for done, output in enumerate(outputs, 1):
            target = os.path.join(staging, output.path)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            old = os.path.join(current, output.path) if current is not None else None
            if old is None or not _reuse(old, target, output.key, previous.get(output.path)):
                if output.render is not None:
                    pending.append(pool.submit(_write, target, output.render()))
                elif output.stream is not None:
                    pending.append(pool.submit(output.stream, target))
                rendered += 1
            while pending and (len(pending) > MAX_PENDING or pending[0].done()):
                pending.popleft().result()  # a failed write fails the build here
            if progress:
                progress(done, len(outputs))
        for job in pending:
            job.result()
    return rendered


def _reuse(old: str, target: str, key: str, recorded: list[Any] | None) -> bool:
    """Link the current file into the new tree if it is the one built for this very key."""
    if not recorded or recorded[0] != key:
        return False
    try:
        stat = os.stat(old)
    except OSError:
        return False
    if [stat.st_size, stat.st_mtime_ns, stat.st_ino] != recorded[1:]:
        return False  # changed by hand, or not the file the record describes
    try:
        os.link(old, target)
    except OSError:
        shutil.copy2(old, target)
    return True


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _load_record(ws: Workspace) -> dict[str, list[Any]]:
    try:
        record = json.loads((ws.state_dir / RECORD_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
        return {}
    pages = record.get("pages")
    return pages if isinstance(pages, dict) else {}


def _save_record(ws: Workspace, outputs: list[Output]) -> None:
    """Each file's key and identity (size, mtime, inode), read back from the swapped-in site."""
    pages: dict[str, list[Any]] = {}
    site = str(ws.site_dir)
    for output in outputs:
        with contextlib.suppress(OSError):
            stat = os.stat(os.path.join(site, output.path))
            pages[output.path] = [output.key, stat.st_size, stat.st_mtime_ns, stat.st_ino]
    record = {"version": RECORD_VERSION, "pages": pages}
    atomic_write_text(ws.state_dir / RECORD_FILE, json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n")


# --------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class SlotLink:
    """A fact as an entity page lists it."""

    key: str
    label: str
    texts: tuple[str, ...]


class FlagItems:
    """Each flag's list item, rendered once per link depth and reused by every page showing
    it; `digest` is what it prints. Outside the flags page a flag shows at most
    `FLAG_LINKS` sources and `FLAG_TEXT` characters of its message, then links to the flags
    page: a flag naming every source of the KB would otherwise be printed whole on every
    source page, and the site would grow with the square of the KB."""

    def __init__(self, env: Environment, data: SiteData) -> None:
        self._env, self._data = env, data
        self._html: dict[tuple[str, str, bool], Markup] = {}
        self._digests: dict[str, str] = {}

    def __call__(self, flag: FlagRow, root: str, full: bool = False) -> Markup:
        html = self._html.get((flag.iri, root, full))
        if html is None:
            macro = self._env.get_template("_macros.html").module.flag_item  # type: ignore[attr-defined]
            keys = flag.source_keys if full else flag.source_keys[:FLAG_LINKS]
            message = flag.message if full else shorten(flag.message, FLAG_TEXT)
            html = self._html[(flag.iri, root, full)] = macro(self._data, flag, root, message, keys, len(flag.source_keys) - len(keys))
        return html

    def digest(self, flag: FlagRow) -> str:
        found = self._digests.get(flag.iri)
        if found is None:
            names = [(k, self._data.source(k).outlet or self._data.source(k).title) for k in flag.source_keys]
            labels = [(k, self._data.entity_labels.get(k)) for k in flag.entity_keys]
            found = self._digests[flag.iri] = hashlib.sha256(repr((flag, names, labels)).encode()).hexdigest()
        return found


def plan_site(data: SiteData, files: list[site_files.KbFile] | None = None, cache: site_files.Cache | None = None) -> list[Output]:
    """Every file of the site with its key, in path order; nothing is rendered yet."""
    env = environment()
    flag_items = env.globals["flag_html"] = FlagItems(env, data)
    version = f"{kbcache.code_version()}-{templates_version()}"
    everything = f"{version}-{site_files.fingerprint(files or [])}"
    refs = {s.key: s.ref for s in reversed(data.sources)}
    outputs: list[Output] = []

    def view(source_keys: Iterable[str], entity_keys: Iterable[str] = ()) -> View:
        return View(
            {k: refs[k] for k in sorted(set(source_keys))},
            {k: data.entity_labels[k] for k in sorted(set(entity_keys)) if k in data.entity_labels},
        )

    def page(path: str, template: str, key: str, extra: Callable[[], dict[str, Any]] | None = None, **context: Any) -> None:
        def render() -> bytes:
            more = extra() if extra else {}
            return env.get_template(template).render(root="../" * path.count("/"), path=path, **context, **more).encode("utf-8")

        outputs.append(Output(path, key, render))

    def keyed(path: str, *deps: Any, flags: Iterable[FlagRow] = ()) -> str:
        """The hash of what a file shows: its own records, and the flags by their digests."""
        digests = [flag_items.digest(f) for f in flags]
        return hashlib.sha256(f"{version}\0{path}\0{deps!r}\0{digests}".encode()).hexdigest()

    for name, title in (("index.html", "The story at a glance"), ("flags.html", "All flags"), ("search.html", "Search")):
        page(name, name, keyed(name, everything), data=data, title=title)
    outputs.append(Output("search-index.js", keyed("search-index.js", everything), lambda: search_index(data).encode("utf-8")))
    for slot in data.slots:
        v = view((m.source_key for m in slot.members), [*slot.subject_keys, *(k for m in slot.members for k in m.about)])
        path = f"facts/{slot.key}.html"
        page(path, "fact.html", keyed(path, _own(slot), v, flags=slot.flags),
             partial(_fact_extra, v, slot), data=v, title=slot.label, slot=slot)  # fmt: skip
    for source in data.sources:
        path = f"sources/{source.key}.html"
        own = (source.file_digest, [f.slot_key for f in source.figures], [c.slot_key for c in source.claims])
        page(path, "source.html", keyed(path, own if source.file_digest else _own(source), flags=source.flags),
             partial(_source_extra, source), data=view(()), title=source.title, source=source)  # fmt: skip
    slots_by_key = {slot.key: slot for slot in data.slots}
    order = {slot.key: i for i, slot in enumerate(data.slots)}
    for entity in data.entities:
        links = tuple(_slot_link(slots_by_key[k]) for k in sorted(entity.slot_keys, key=order.__getitem__))
        v = view(entity.spellings)
        path = f"entities/{entity.key}.html"
        page(path, "entity.html", keyed(path, _own(entity), links, v, flags=entity.flags),
             data=v, title=entity.label, entity=entity, slots=links)  # fmt: skip
    static = resources.files("claimcheck") / "templates"
    for name in STATIC_FILES:
        payload = (static / name).read_bytes()
        outputs.append(Output(f"static/{name}", keyed(name, payload), partial(bytes, payload)))
    if files is not None and cache is not None:
        outputs.append(Output("downloads/kb.trig", keyed("kb.trig", everything), stream=partial(site_files.write_trig, files)))
        outputs.append(Output("downloads/kb.jsonld", keyed("kb.jsonld", everything), stream=partial(site_files.write_jsonld, cache, files)))
    return sorted(outputs, key=lambda o: o.path)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "…"


def _fact_extra(view: View, slot: Slot) -> dict[str, Any]:
    return {"chart": chart(view, slot), "jsonld": fact_jsonld(view, slot)}


def _source_extra(source: Source) -> dict[str, Any]:
    return {"paragraphs": article_html(article_pieces(source))}


def _own(record: Slot | Source | Entity) -> dict[str, Any]:
    """A page's record without its flags: those enter its key by digest (`FlagItems`)."""
    return {k: v for k, v in record.__dict__.items() if k != "flags"}


def _slot_link(slot: Slot) -> SlotLink:
    return SlotLink(slot.key, slot.label, tuple(m.text for m in slot.members))


def render_pages(data: SiteData) -> dict[str, bytes]:
    """Every page of the site in memory (no downloads): for tests and previews."""
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as folder:
        outputs = plan_site(data)
        render_site(outputs, Path(folder))
        for output in outputs:
            out[output.path] = Path(folder, output.path).read_bytes()
    return out


# --------------------------------------------------------------------------- rendering


@cache
def templates_version() -> str:
    """Pages change when a template does: their hash is part of every page's key."""
    digest = hashlib.sha256()
    folder = resources.files("claimcheck") / "templates"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode("utf-8") + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


def environment() -> Environment:
    """Jinja with autoescape on for every template: article text is never trusted."""
    env = Environment(
        loader=PackageLoader("claimcheck", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["num"] = format_number
    env.filters["interval"] = format_interval
    env.globals.update(qualifier_labels=QUALIFIER_LABELS, severities=SEVERITIES)
    return env
