"""The static comparison site: the KB rendered into `site/` for readers.

Read everything first (`site_data.read_site_data`), render every page in memory
(`render_site`, a dict of relative path -> bytes), then write the whole tree into a
staging folder next to `site/` and swap it into place (`workspace.replace_tree`). A build
that fails leaves the old site untouched; a rebuild replaces the tree as a whole, and the
same KB always gives byte-identical files (sorted data, no timestamps). Links are relative
so the site works from file:// and from any static host; nothing is fetched from a network.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from rdflib import BNode, Dataset, Literal, URIRef

from claimcheck.graph import load_kb, serialize_trig
from claimcheck.site_data import (
    QUALIFIER_LABELS,
    SEVERITIES,
    FigureRow,
    SiteData,
    Slot,
    Source,
    read_site_data,
)
from claimcheck.workspace import Workspace, replace_tree, workspace_lock

STATIC_FILES = ("site.css", "site.js", "search.js")
CHART_WIDTH, CHART_ROW, CHART_LEFT, CHART_RIGHT = 640, 34, 170, 24


@dataclass(frozen=True)
class SiteReport:
    """What a build wrote: the file count and the page count by type."""

    files: int
    pages: dict[str, int] = field(default_factory=dict)
    site_dir: Path | None = None


def build_site(ws: Workspace, progress: Callable[[int, int], None] | None = None) -> SiteReport:
    """Render the workspace's KB into `site/`: staging folder first, then an atomic swap."""
    with workspace_lock(ws):
        dataset = load_kb(ws)
        data = read_site_data(dataset)
        files = render_site(data, dataset)
        staging = Path(tempfile.mkdtemp(prefix=".site.", suffix=".build", dir=ws.home))
        try:
            for done, (rel, payload) in enumerate(sorted(files.items()), 1):
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)
                if progress:
                    progress(done, len(files))
            replace_tree(staging, ws.site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    pages = {
        "facts": len(data.slots),
        "sources": len(data.sources),
        "entities": len(data.entities),
        "flags": len(data.flags),
    }
    return SiteReport(files=len(files), pages=pages, site_dir=ws.site_dir)


# --------------------------------------------------------------------------- rendering


def environment() -> Environment:
    """Jinja with autoescape on for every template: article text is never trusted."""
    env = Environment(
        loader=PackageLoader("claimcheck", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = format_number
    env.filters["interval"] = format_interval
    env.globals.update(qualifier_labels=QUALIFIER_LABELS, severities=SEVERITIES)
    return env


def render_site(data: SiteData, dataset: Dataset) -> dict[str, bytes]:
    """Every file of the site, keyed by its path relative to site/."""
    env = environment()
    out: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(data=data, root=root, path=path, **context)
        out[path] = html.encode("utf-8")

    page("index.html", "index.html", title="The story at a glance")
    page("flags.html", "flags.html", title="All flags")
    page("search.html", "search.html", title="Search")
    for slot in data.slots:
        page(f"facts/{slot.key}.html", "fact.html", title=slot.label, slot=slot, chart=chart(data, slot), jsonld=fact_jsonld(data, slot))
    for source in data.sources:
        page(f"sources/{source.key}.html", "source.html", title=source.title, source=source, paragraphs=article_pieces(source))
    for entity in data.entities:
        page(f"entities/{entity.key}.html", "entity.html", title=entity.label, entity=entity)
    out["search-index.js"] = search_index(data).encode("utf-8")
    static = resources.files("claimcheck") / "templates"
    for name in STATIC_FILES:
        out[f"static/{name}"] = (static / name).read_bytes()
    graphs = [g for g in dataset.graphs() if len(g)]
    out["downloads/kb.trig"] = serialize_trig(graphs).encode("utf-8")
    out["downloads/kb.jsonld"] = kb_jsonld(dataset).encode("utf-8")
    return out


# --------------------------------------------------------------------------- numbers


def format_number(value: float | str | None) -> str:
    """24000.0 -> '24,000'; 1.5 -> '1.5'; ISO dates and text as they are."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return "∞" if value > 0 else "−∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_interval(figure: FigureRow) -> str:
    """The interval a figure asserts, in words a reader can check."""
    bounds = figure.interval
    if bounds is None:
        return "no value asserted" if figure.qualifier == "vague" else "—"
    low, high = bounds
    show = _date_text if figure.kind == "date" else format_number
    if math.isinf(high) and not math.isinf(low):
        return f"at least {show(low)}"
    if math.isinf(low) and not math.isinf(high):
        return f"at most {show(high)}"
    if low == high:
        return show(low)
    return f"{show(low)} to {show(high)}"


def _date_text(ordinal: float) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat()


def nice_ticks(lo: float, hi: float, is_date: bool = False) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) inside [lo, hi]."""
    if is_date:
        return [lo + (hi - lo) * (i + 0.5) / 4 for i in range(4)]
    raw = (hi - lo) / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step) + 1)]


def _compact(value: float) -> str:
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:.3g}"


# --------------------------------------------------------------------------- chart


@dataclass(frozen=True)
class ChartRow:
    label: str
    y: float
    x1: float
    x2: float
    open_left: bool
    open_right: bool
    point: bool
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    rows: list[ChartRow]
    ticks: list[tuple[float, str]]
    description: str


def chart(data: SiteData, slot: Slot) -> Chart | None:
    """Each source's interval on one axis, drawn at build time as SVG geometry."""
    members = [m for m in slot.members if m.interval is not None]
    if not members:
        return None
    ends = [b for m in members for b in m.interval or () if math.isfinite(b)]
    lo, hi = min(ends), max(ends)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    span = hi - lo
    lo, hi = lo - span * 0.08, hi + span * 0.08
    inner = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    is_date = all(m.kind == "date" for m in members)

    def x(value: float) -> float:
        value = min(max(value, lo), hi)
        return round(CHART_LEFT + (value - lo) / (hi - lo) * inner, 2)

    rows = []
    for index, member in enumerate(members):
        low, high = member.interval or (lo, hi)
        text = format_interval(member)
        source = data.source(member.source_key)
        name = source.outlet or source.title
        rows.append(
            ChartRow(
                label=f"{index + 1}. {name[:20]}{'…' if len(name) > 20 else ''}",
                y=24 + index * CHART_ROW,
                x1=x(low),
                x2=x(high),
                open_left=math.isinf(low),
                open_right=math.isinf(high),
                point=low == high,
                text=f"{name}: “{member.text}” ({member.qualifier_label}), {text}",
            )
        )
    ticks = [(x(v), _date_text(v) if is_date else _compact(v)) for v in nice_ticks(lo, hi, is_date)]
    description = "Interval each source asserts. " + "; ".join(r.text for r in rows) + "."
    return Chart(CHART_WIDTH, 24 + len(rows) * CHART_ROW + 28, CHART_LEFT, rows, ticks, description)


# --------------------------------------------------------------------------- article text


@dataclass
class Piece:
    """A run of article text, or a highlight (claim, figure, mention) holding pieces."""

    start: int
    end: int
    kind: str = "text"
    text: str = ""
    anchor: str | None = None
    href: str | None = None
    title: str = ""
    variant: str | None = None
    children: list[Piece] = field(default_factory=list)


_RANK = {"claim": 0, "figure": 1, "mention": 2}


def article_pieces(source: Source) -> list[Piece]:
    """The body as paragraphs of nested highlights; crossing spans are clipped to nest."""
    body = source.body
    spans: list[Piece] = []
    for claim in source.claims:
        # Claims are not links: the figures inside them link to their fact page.
        spans.append(Piece(claim.start, claim.end, "claim", anchor=claim.anchor, title="claim"))
    for figure in source.figures:
        href = f"../facts/{figure.slot_key}.html" if figure.slot_key else None
        title = f"{figure.qualifier_label}: {format_interval(figure)} {figure.unit}".strip()
        spans.append(Piece(figure.start, figure.end, "figure", anchor=figure.anchor, href=href, title=title))
    for mention in source.mentions:
        title = f"{mention.variant_label} of {mention.entity_key}" if mention.variant_label else mention.entity_key
        spans.append(
            Piece(mention.start, mention.end, "mention", anchor=mention.anchor, href=f"../entities/{mention.entity_key}.html",
                  title=title, variant=mention.variant)
        )  # fmt: skip
    spans = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    spans.sort(key=lambda s: (s.start, -s.end, _RANK[s.kind]))
    paragraphs: list[Piece] = []
    offset = 0
    for line in body.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip():
            paragraphs.append(_nest(body, start, end, spans))
    return paragraphs


def _nest(body: str, start: int, end: int, spans: list[Piece]) -> Piece:
    root = Piece(start, end, "paragraph")
    stack = [root]
    seen: set[str] = set()
    for span in spans:
        s, e = max(span.start, start), min(span.end, end)
        if s >= e:
            continue
        while s >= stack[-1].end:
            stack.pop()
        parent = stack[-1]
        e = min(e, parent.end)
        linked = any(p.href for p in stack)
        node = Piece(
            s, e, span.kind, anchor=span.anchor if span.anchor not in seen else None,
            href=None if linked else span.href, title=span.title, variant=span.variant,
        )  # fmt: skip
        seen.add(span.anchor or "")
        parent.children.append(node)
        stack.append(node)
    _fill(body, root)
    return root


def _fill(body: str, node: Piece) -> None:
    """Text runs between the children, so templates print every character exactly once."""
    filled: list[Piece] = []
    cursor = node.start
    for child in node.children:
        if child.start > cursor:
            filled.append(Piece(cursor, child.start, text=body[cursor : child.start]))
        _fill(body, child)
        filled.append(child)
        cursor = child.end
    if cursor < node.end:
        filled.append(Piece(cursor, node.end, text=body[cursor : node.end]))
    node.children = filled


# --------------------------------------------------------------------------- JSON-LD, search


def script_json(payload: Any) -> Markup:
    """JSON safe inside <script>: <, > and & as \\u escapes, so no text can close the tag."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def fact_jsonld(data: SiteData, slot: Slot) -> Markup:
    """schema.org Claim per statement and ClaimReview where a flag rates it."""
    items: list[dict[str, Any]] = []
    reviewed = {r["claim"] for r in slot.reviews}
    claims_in_slot: dict[str, FigureRow] = {}
    for member in slot.members:
        claims_in_slot.setdefault(member.claim_iri or member.iri, member)
    for claim_iri, member in sorted(claims_in_slot.items()):
        source = data.source(member.source_key)
        article: dict[str, Any] = {"@type": "NewsArticle", "@id": source.iri, "headline": source.title}
        if source.outlet:
            article["publisher"] = {"@type": "Organization", "name": source.outlet}
        if source.date:
            article["datePublished"] = source.date
        if source.url:
            article["url"] = source.url
        about = [{"@type": "Thing", "name": data.entity_labels.get(k, k)} for k in member.about]
        items.append({"@type": "Claim", "@id": claim_iri, "text": member.sentence, "appearance": article, "about": about})
        for flag in slot.flags:
            concerned = set(flag.claim_iris) | set(flag.figure_iris)
            if claim_iri in reviewed or not ({claim_iri, member.iri} & concerned):
                continue
            items.append({
                "@type": "ClaimReview", "@id": f"{flag.iri}#review-{member.anchor}", "itemReviewed": {"@id": claim_iri},
                "claimReviewed": member.sentence, "reviewBody": flag.message,
                "reviewRating": {"@type": "Rating", "alternateName": f"{flag.severity}: {flag.kind_label}"},
                "author": {"@type": "Organization", "name": "claimcheck"},
            })  # fmt: skip
    for review in slot.reviews:
        items.append({
            "@type": "ClaimReview", "@id": review["iri"], "itemReviewed": {"@id": review["claim"]},
            "reviewBody": review["body"], "reviewRating": {"@type": "Rating", "alternateName": review["rating"]},
        })  # fmt: skip
    return script_json({"@context": "https://schema.org", "@graph": items})


def search_index(data: SiteData) -> str:
    """Rows [type, title, text, url] as a global, so search works from file:// too."""
    rows: list[list[str]] = []
    for source in data.sources:
        meta = " · ".join(x for x in (source.outlet, source.author, source.date) if x)
        rows.append(["source", source.title, meta, f"sources/{source.key}.html"])
        where = " · ".join(x for x in (source.title, source.outlet) if x)
        for claim in source.claims:
            rows.append(["claim", claim.text, where, f"sources/{source.key}.html#{claim.anchor}"])
    for entity in data.entities:
        names = {entity.label, *entity.alt_labels, *(t for s in entity.spellings.values() for t, _, _ in s)}
        rows.append(["entity", entity.label, ", ".join(sorted(names)), f"entities/{entity.key}.html"])
    for slot in data.slots:
        values = ", ".join(sorted({m.text for m in slot.members}))
        rows.append(["fact", slot.label, values, f"facts/{slot.key}.html"])
    payload = script_json(rows)
    return f"window.CLAIMCHECK_SEARCH_INDEX = {payload};\n"


def kb_jsonld(dataset: Dataset) -> str:
    """The whole KB as expanded JSON-LD, named graphs kept, every list sorted."""
    graphs = []
    for graph in sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier)):
        nodes: dict[str, dict[str, list[dict[str, str]]]] = {}
        for s, p, o in graph:
            node = nodes.setdefault(_jsonld_id(s), {})
            key = "@type" if p == URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") else str(p)
            node.setdefault(key, []).append(_jsonld_term(o, key == "@type"))  # type: ignore[arg-type]
        ordered = []
        for node_id in sorted(nodes):
            entry: dict[str, Any] = {"@id": node_id}
            for key in sorted(nodes[node_id]):
                values = nodes[node_id][key]
                entry[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            ordered.append(entry)
        graphs.append({"@id": str(graph.identifier), "@graph": ordered})
    return json.dumps(graphs, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _jsonld_id(term: Any) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _jsonld_term(term: Any, is_type: bool) -> Any:
    if is_type:
        return _jsonld_id(term)
    if isinstance(term, Literal):
        value: dict[str, str] = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype is not None:
            value["@type"] = str(term.datatype)
        return value
    return {"@id": _jsonld_id(term)}
