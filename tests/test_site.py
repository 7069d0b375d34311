"""The static site: pages, links, escaping, JSON-LD, search index, determinism, swap.

The KB is made by hand from `Extraction` records (the real source-graph shape) plus a small
checks graph written the way the checks describe slots and flags in kb/vocab.ttl.
`build_demo_kb` is shared with tests/test_site_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import Dataset, Graph, Literal
from typer.testing import CliRunner

from claimcheck import site as site_module
from claimcheck.cli import app
from claimcheck.graph import (
    CHECKS_GRAPH,
    claim_iri,
    figure_iri,
    load_kb,
    mention_iri,
    serialize_trig,
    write_source_graph,
)
from claimcheck.models import Claim, Extraction, Figure, Mention, SourceDoc
from claimcheck.site import build_site, render_pages
from claimcheck.site_data import read_site_data, read_source
from claimcheck.site_pages import Piece, article_pieces, nice_ticks
from claimcheck.vocab import CC, ID, RDF, RDFS, entity_iri, source_iri
from claimcheck.workspace import Workspace, atomic_write_text, open_workspace

HOSTILE_TITLE = '<script>alert("title")</script> "onerror=alert(1) </textarea>'
HOSTILE_BODY = (
    'Intro <img src=x onerror="window.__pwned=1"> and </textarea><script>window.__pwned=2</script>.\n'
    "The hackers used 20,000 accounts, said Miniax.\n"
)
ALPHA_BODY = (
    "Labs accused\n"
    "Anthropic said DeepSeek, Moonshot AI and MiniMax used more than 24,000 fraudulent accounts.\n"
    "MiniMax accounted for over 13 million exchanges.\n"
)
BETA_BODY = "Anthropic says about 24,000 fraudulent accounts were used by Miniax and others.\n"


def _figure(body: str, text: str, value: float, qualifier: str, unit: str = "accounts", subject: str | None = None) -> Figure:
    start = body.index(text)
    low, high = (value, None) if qualifier == "lower_bound" else (value, value)
    return Figure(
        text=text, start=start, end=start + len(text), value=value, unit=unit, kind="count", qualifier=qualifier,
        low=low, high=high, concept="fraudulent accounts" if unit == "accounts" else unit, subject=subject,
        precision=1000.0,
    )  # fmt: skip


def _mention(body: str, text: str, canonical: str, variant: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    key = re.sub(r"[^a-z0-9]+", "-", canonical.lower()).strip("-")
    return Mention(text=text, start=start, end=start + len(text), canonical=canonical, entity_id=key, type="ORG",
                   variant=variant, confidence=0.9 if variant else 1.0)  # fmt: skip


def _claim(body: str, sentence: str, figures: tuple[Figure, ...], subjects: tuple[str, ...] = ()) -> Claim:
    start = body.index(sentence)
    return Claim(text=sentence, start=start, end=start + len(sentence), attribution="Anthropic",
                 attribution_text="Anthropic said", figures=figures, subjects=subjects)  # fmt: skip


def demo_extractions() -> list[Extraction]:
    a1 = _figure(ALPHA_BODY, "more than 24,000 fraudulent accounts", 24000.0, "lower_bound")
    a2 = _figure(ALPHA_BODY, "over 13 million exchanges", 13e6, "lower_bound", unit="exchanges", subject="MiniMax")
    alpha = Extraction(
        doc=SourceDoc(id="alpha", body=ALPHA_BODY, content_hash="a", title="Labs accused of distillation",
                      outlet="Daily Alpha", author="A. Writer", date="2026-02-24", url="https://example.org/alpha"),
        claims=(
            _claim(ALPHA_BODY, "Anthropic said DeepSeek, Moonshot AI and MiniMax used more than 24,000 fraudulent accounts.",
                   (a1,), ("Anthropic", "DeepSeek", "Moonshot AI", "MiniMax")),
            _claim(ALPHA_BODY, "MiniMax accounted for over 13 million exchanges.", (a2,), ("MiniMax",)),
        ),
        mentions=(
            _mention(ALPHA_BODY, "Anthropic", "Anthropic"), _mention(ALPHA_BODY, "DeepSeek", "DeepSeek"),
            _mention(ALPHA_BODY, "Moonshot AI", "Moonshot AI"), _mention(ALPHA_BODY, "MiniMax", "MiniMax"),
            _mention(ALPHA_BODY, "MiniMax", "MiniMax", nth=1),
        ),
        figures=(a1, a2),
    )  # fmt: skip
    b1 = _figure(BETA_BODY, "about 24,000 fraudulent accounts", 24000.0, "approx")
    beta = Extraction(
        doc=SourceDoc(id="beta", body=BETA_BODY, content_hash="b", title="A second report", outlet="Paper Beta",
                      date="2026-02-25", url="javascript:alert(1)"),
        claims=(_claim(BETA_BODY, BETA_BODY.strip(), (b1,), ("Anthropic", "MiniMax")),),
        mentions=(_mention(BETA_BODY, "Anthropic", "Anthropic"), _mention(BETA_BODY, "Miniax", "MiniMax", "misspelling")),
        figures=(b1,),
    )  # fmt: skip
    h1 = _figure(HOSTILE_BODY, "20,000 accounts", 20000.0, "exact")
    hostile = Extraction(
        doc=SourceDoc(id="hostile", body=HOSTILE_BODY, content_hash="h", title=HOSTILE_TITLE, outlet='Evil "Outlet"'),
        claims=(_claim(HOSTILE_BODY, "The hackers used 20,000 accounts, said Miniax.", (h1,), ("MiniMax",)),),
        mentions=(_mention(HOSTILE_BODY, "Miniax", "MiniMax", "misspelling"),),
        figures=(h1,),
    )  # fmt: skip
    return [alpha, beta, hostile]


def checks_graph(extractions: list[Extraction]) -> Graph:
    """A slot over the three account figures, a conflict, a spelling flag and a parts-whole."""
    graph = Graph(identifier=CHECKS_GRAPH)
    slot = ID["slot/accounts"]
    add = graph.add
    add((slot, RDF.type, CC.FactSlot))
    add((slot, RDFS.label, Literal("Fraudulent accounts")))
    add((slot, CC.slotConcept, Literal("fraudulent accounts")))
    add((slot, CC.unitFamily, Literal("count")))
    add((slot, CC.slotSubject, entity_iri("minimax")))
    members = []
    for extraction in extractions:
        figure = extraction.figures[-1] if extraction.doc.id != "alpha" else extraction.figures[0]
        node = figure_iri(extraction.doc.id, figure)
        members.append(node)
        add((slot, CC.hasMember, node))
    flags = {
        "conflict": ("value_conflict", "high", "'20,000 accounts' cannot be 'more than 24,000' </script><b>x</b> & co"),
        "sum": ("parts_whole", "medium", "150,000 + 3,400,000 + 13,000,000 = 16,550,000 vs 16 million: within rounding."),
        "spelling": ("name_variant", "low", "spells MiniMax as 'Miniax'"),
    }
    for key, (kind, severity, message) in flags.items():
        flag = ID[f"flag/{key}"]
        add((flag, RDF.type, CC.Flag))
        add((flag, CC.flagKind, Literal(kind)))
        add((flag, CC.severity, Literal(severity)))
        add((flag, CC.message, Literal(message)))
        if key != "spelling":
            add((flag, CC.inSlot, slot))
    for node in members[1:]:
        add((ID["flag/conflict"], CC.concernsFigure, node))
    alpha = extractions[0]
    add((ID["flag/conflict"], CC.concernsClaim, claim_iri("alpha", alpha.claims[0])))
    beta = extractions[1]
    add((ID["flag/spelling"], CC.concernsMention, mention_iri("beta", beta.mentions[1])))
    add((ID["flag/spelling"], CC.concernsSource, source_iri("beta")))
    add((ID["flag/spelling"], CC.concernsEntity, entity_iri("minimax")))
    return graph


def build_demo_kb(home: Path, with_checks: bool = True) -> Workspace:
    ws = open_workspace(home, create=True)
    extractions = demo_extractions()
    for extraction in extractions:
        write_source_graph(ws, extraction)
    if with_checks:
        atomic_write_text(ws.checks_file, serialize_trig([checks_graph(extractions)]))
    return ws


@pytest.fixture
def built(tmp_path: Path) -> Workspace:
    ws = build_demo_kb(tmp_path / "ws")
    build_site(ws)
    return ws


def read(ws: Workspace, rel: str) -> str:
    return (ws.site_dir / rel).read_text("utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- pages


def test_cli_builds_every_page_type(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "ws")
    result = CliRunner().invoke(app, ["site", "--home", str(ws.home)])
    assert result.exit_code == 0, result.output
    assert "1 fact pages, 3 source pages" in result.output
    names = {str(p.relative_to(ws.site_dir)) for p in ws.site_dir.rglob("*.html")}
    assert {"index.html", "flags.html", "search.html", "sources/alpha.html", "sources/hostile.html",
            "entities/minimax.html", "entities/anthropic.html"} <= names  # fmt: skip
    assert any(n.startswith("facts/fraudulent-accounts-") for n in names)
    quiet = CliRunner().invoke(app, ["site", "--home", str(ws.home), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_cli_reports_a_missing_workspace_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["site", "--home", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: no workspace at {tmp_path / 'nope'}: the folder does not exist"]


def test_home_lists_counts_sources_and_most_disputed_facts(built: Workspace) -> None:
    html = read(built, "index.html")
    assert re.search(r"<dt>Sources</dt><dd>3</dd>", html)
    assert re.search(r"<dt>Flags</dt><dd>3</dd>", html)
    assert "Daily Alpha" in html and "2026-02-24" in html
    assert 'class="badge sev-high"' in html and ">High</span>" in html  # text, not colour alone
    assert html.index("Fraudulent accounts") < html.index('id="sources"')


def test_fact_page_has_table_chart_flags_arithmetic_and_jsonld(built: Workspace) -> None:
    fact = next((built.site_dir / "facts").glob("*.html"))
    html = fact.read_text("utf-8")
    for title in ("Labs accused of distillation", "A second report", "&lt;script&gt;alert("):
        assert title in html
    assert "at least 24,000" in html and "approximately" in html
    assert "<svg" in html and "<title id=\"chart-title\">" in html and "<desc id=\"chart-desc\">" in html
    assert "16,550,000" in html.split('id="arith"')[1]  # the parts-whole arithmetic
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    assert "<" not in blocks[0] and ">" not in blocks[0] and "&" not in blocks[0]
    payload = json.loads(blocks[0])
    types = sorted({item["@type"] for item in payload["@graph"]})
    assert types == ["Claim", "ClaimReview"]
    review = next(i for i in payload["@graph"] if i["@type"] == "ClaimReview")
    assert "</script><b>x</b> & co" in review["reviewBody"]


def test_source_page_highlights_figures_and_links_them_to_their_fact(built: Workspace) -> None:
    html = read(built, "sources/alpha.html")
    fact = next((built.site_dir / "facts").glob("*.html")).name
    assert re.search(rf'<a class="hl hl-figure" id="f-[0-9a-f]+" href="../facts/{fact}"[^>]*>more than 24,000 fraudulent accounts</a>', html)
    # The figure that is in no slot is still highlighted, without a link.
    assert re.search(r'<mark class="hl hl-figure" id="f-[0-9a-f]+"[^>]*>over 13 million exchanges</mark>', html)
    assert 'href="https://example.org/alpha"' in html
    beta = read(built, "sources/beta.html")
    assert "spells MiniMax as &#39;Miniax&#39;" in beta
    assert "javascript:" not in beta  # a non-web URL is never a link


def test_entity_page_lists_spellings_by_source_and_facts(built: Workspace) -> None:
    html = read(built, "entities/minimax.html")
    assert "<q>Miniax</q>" in html and "misspelling" in html
    assert "A second report" in html and "Daily Alpha" in html
    assert "facts/fraudulent-accounts-" in html


def test_flags_page_lists_every_flag_and_filters_only_with_js(built: Workspace) -> None:
    html = read(built, "flags.html")
    assert len(re.findall(r'<li class="flag" ', html)) == 3
    assert re.search(r'<form id="flag-filter" class="filters" hidden', html)
    assert 'data-kind="parts_whole"' in html and 'data-severity="low"' in html


def test_hostile_article_is_text_everywhere(built: Workspace) -> None:
    for page in built.site_dir.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "</textarea>" not in html and "<img src=x" not in html, page
        for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL):
            attrs, body = script
            assert 'src="' in attrs or "ld+json" in attrs, (page, attrs)
            assert "<" not in body
    source = read(built, "sources/hostile.html")
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in source
    assert "&lt;/textarea&gt;" in source


def test_search_index_is_a_script_global_with_claims_entities_and_sources(built: Workspace) -> None:
    text = read(built, "search-index.js")
    prefix = "window.CLAIMCHECK_SEARCH_INDEX = "
    assert text.startswith(prefix) and text.endswith(";\n")
    assert "<" not in text
    rows = json.loads(text[len(prefix) : -2])
    kinds = {row[0] for row in rows}
    assert kinds == {"source", "claim", "entity", "fact"}
    minimax = next(row for row in rows if row[0] == "entity" and row[1] == "MiniMax")
    assert "Miniax" in minimax[2] and minimax[3] == "entities/minimax.html"


def quads_of(dataset: Dataset) -> set[tuple[object, ...]]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads((None, None, None, None)) if g is not None}


def test_downloads_hold_the_whole_kb_as_trig_and_jsonld(built: Workspace) -> None:
    kb = quads_of(load_kb(built))
    assert len(kb) > 300
    trig = Dataset()
    trig.parse(built.site_dir / "downloads" / "kb.trig", format="trig")
    assert quads_of(trig) == kb
    jsonld = Dataset()
    jsonld.parse(built.site_dir / "downloads" / "kb.jsonld", format="json-ld")
    assert quads_of(jsonld) == kb
    assert (ID["flag/conflict"], CC.severity, Literal("high")) in jsonld.graph(CHECKS_GRAPH)
    # kb.trig is the KB files' own bytes: every source graph file appears in it verbatim.
    text = read(built, "downloads/kb.trig")
    for path in sorted(built.source_graphs_dir.glob("*.trig")):
        assert path.read_text("utf-8") in text


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")


def walk_links(site_dir: Path) -> int:
    """Every relative link of every page resolves to a file, and its #fragment to an id."""
    parsed: dict[Path, _Links] = {}
    for page in site_dir.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        parsed[page] = parser
    checked = 0
    for page, parser in parsed.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not link.startswith("/"), (page, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (page, link)
            assert site_dir.resolve() in target.parents, (page, link)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed[target].ids, (page, link)
            checked += 1
    return checked


def test_every_internal_link_resolves(built: Workspace) -> None:
    assert walk_links(built.site_dir) > 50


# --------------------------------------------------------------------------- build


def test_same_kb_gives_byte_identical_site(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "one")
    build_site(ws)
    first = tree_digest(ws.site_dir)
    build_site(ws)
    assert tree_digest(ws.site_dir) == first
    other = build_demo_kb(tmp_path / "two")
    build_site(other)
    assert tree_digest(other.site_dir) == first
    assert not [p for p in ws.home.iterdir() if p.name.startswith(".site")]


def test_failed_build_keeps_the_old_site(built: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(built.site_dir)

    def broken(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(site_module, "render_site", broken)
    with pytest.raises(RuntimeError):
        build_site(built)
    assert tree_digest(built.site_dir) == before
    assert not [p for p in built.home.iterdir() if p.name.startswith(".site")]


def test_without_checks_the_site_builds_and_every_figure_is_on_its_source_page(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "ws", with_checks=False)
    build_site(ws)
    assert not (ws.site_dir / "facts").exists()
    assert "No fact comparisons yet" in read(ws, "index.html")
    for extraction in demo_extractions():
        html = read(ws, f"sources/{extraction.doc.id}.html")
        assert len(re.findall(r'class="hl hl-figure" id="f-', html)) == len(extraction.figures)
    assert walk_links(ws.site_dir) > 20


def test_article_pieces_print_every_character_once_and_nest() -> None:
    from claimcheck.graph import source_graph

    data = read_site_data([read_source(source_graph(extraction)) for extraction in demo_extractions()])
    for source in data.sources:
        lines = [line for line in source.body.split("\n") if line.strip()]

        def text(piece: Piece) -> str:
            return piece.text if piece.kind == "text" else "".join(text(c) for c in piece.children)

        paragraphs = article_pieces(source)
        assert [text(p) for p in paragraphs] == lines
    pages = render_pages(data)
    assert pages == render_pages(data)
    assert "sources/alpha.html" in pages and not any(p.startswith("facts/") for p in pages)


def test_nice_ticks_are_round_numbers() -> None:
    assert nice_ticks(19_000, 25_500) == [20_000, 22_000, 24_000]
    assert nice_ticks(2.4, 3.6) == [2.5, 3.0, 3.5]


def test_a_long_flag_is_shortened_outside_the_flags_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A flag naming many sources is on each of their pages: there it shows a few sources
    and the start of its message, and links to the whole flag on the flags page."""
    monkeypatch.setattr(site_module, "FLAG_LINKS", 1)
    monkeypatch.setattr(site_module, "FLAG_TEXT", 30)
    ws = build_demo_kb(tmp_path / "ws")
    build_site(ws)
    conflict = "&#39;20,000 accounts&#39; cannot be &#39;more than 24,000&#39; &lt;/script&gt;&lt;b&gt;x&lt;/b&gt; &amp; co"
    fact = next((ws.site_dir / "facts").glob("*.html")).read_text("utf-8")
    item = re.search(r'<li class="flag" id="(flag-[0-9a-f]+)" data-kind="value_conflict".*?</li>', fact, re.DOTALL)
    assert item is not None
    assert conflict not in item.group(0) and "&#39;20,000 accounts&#39; cannot be…" in item.group(0)
    assert f'<a href="../flags.html#{item.group(1)}">Full text</a>' in item.group(0)
    assert f'<a href="../flags.html#{item.group(1)}">and 2 more sources</a>' in item.group(0)
    flags = read(ws, "flags.html")
    assert conflict in flags and "more sources" not in flags and "Full text" not in flags
    assert walk_links(ws.site_dir) > 50
