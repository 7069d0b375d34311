"""What the pages print beyond their records: numbers in words, the SVG chart, the article
with its highlights, schema.org JSON-LD and the search index.

Each function looks at one page's records (and, for the whole-KB ones, `SiteData`), never
at the whole KB per page: the site's cost grows with the KB, not with its square.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from claimcheck.site_data import FigureRow, SiteData, Slot, Source, SourceRef

CHART_WIDTH, CHART_ROW, CHART_LEFT, CHART_RIGHT = 640, 34, 170, 24


@dataclass(frozen=True)
class View:
    """What a page may look up beyond its own record: the sources and entity names it shows."""

    sources: dict[str, SourceRef]
    entity_labels: dict[str, str]

    def source(self, key: str) -> SourceRef:
        return self.sources[key]


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


def chart(data: View, slot: Slot) -> Chart | None:
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


def article_html(paragraphs: list[Piece]) -> list[Markup]:
    """Each paragraph's highlights as HTML. Written here rather than by a recursive Jinja
    macro, which cost half the site's build time at 10,000 articles; every piece of text
    and every attribute is escaped, as autoescape would."""
    html = []
    for paragraph in paragraphs:
        out: list[str] = []
        for child in paragraph.children:
            _piece_html(child, out)
        html.append(Markup("".join(out)))
    return html


def _piece_html(piece: Piece, out: list[str]) -> None:
    if piece.kind == "text":
        out.append(escape(piece.text))
        return
    tag = "a" if piece.href else ("mark" if piece.kind == "figure" else "span")
    out.append(f'<{tag} class="hl hl-{escape(piece.kind)}')
    if piece.variant:
        out.append(f" variant variant-{escape(piece.variant)}")
    out.append('"')
    if piece.anchor:
        out.append(f' id="{escape(piece.anchor)}"')
    if piece.href:
        out.append(f' href="{escape(piece.href)}"')
    out.append(f' title="{escape(piece.title)}">')
    for child in piece.children:
        _piece_html(child, out)
    if piece.variant == "misspelling":
        out.append('<span class="sr-only"> (misspelling)</span>')
    out.append(f"</{tag}>")


# --------------------------------------------------------------------------- JSON-LD, search


def script_json(payload: Any) -> Markup:
    """JSON safe inside <script>: <, > and & as \\u escapes, so no text can close the tag.
    Compact, so that json's C encoder writes it (an indented dump is pure Python)."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return Markup(text)


def fact_jsonld(data: View, slot: Slot) -> Markup:
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
