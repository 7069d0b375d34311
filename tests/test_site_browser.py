"""The built site driven in real headless Chromium (Debian's `chromium`), from file://.

A reader's path: home -> a fact page -> a source page with the highlighted figure ->
search. A hostile article must execute nothing. Screenshots of each page type are kept in
test-artifacts/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_site import build_demo_kb, walk_links

from claimcheck.site import build_site
from claimcheck.workspace import Workspace, open_workspace

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make browser installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = build_demo_kb(tmp_path_factory.mktemp("site") / "ws")
    build_site(ws)
    return ws


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    context.close()


def url(ws: Workspace, rel: str) -> str:
    return (ws.site_dir / rel).as_uri()


def shoot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_reader_goes_from_home_to_a_fact_to_the_highlighted_figure(demo: Workspace, page: object) -> None:
    page.goto(url(demo, "index.html"))
    assert page.locator("h1").inner_text() == "The story at a glance"
    shoot(page, "home")
    page.locator(".facts-table a").first.click()
    assert "/facts/" in page.url
    rows = page.locator("table.compare tbody tr")
    assert rows.count() == 3
    table = page.locator("table.compare").inner_text()
    for title in ("Labs accused of distillation", "A second report", '<script>alert("title")</script>'):
        assert title in table
    assert page.locator("svg[role=img] title").first.text_content().startswith("Interval each source asserts")
    shoot(page, "fact")
    page.locator("table.compare a", has_text="Labs accused of distillation").click()
    assert "/sources/alpha.html#f-" in page.url
    figure = page.locator("a.hl-figure", has_text="more than 24,000 fraudulent accounts")
    assert figure.is_visible()
    assert figure.evaluate("el => getComputedStyle(el).fontWeight") == "700"  # not colour alone
    shoot(page, "source")
    assert page.errors == []


def test_search_finds_a_misspelt_name_offline(demo: Workspace, page: object) -> None:
    page.goto(url(demo, "index.html"))
    page.fill("#site-search", "miniax")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search.html?q=miniax")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert "MiniMax" in page.locator("#search-results").inner_text()
    page.fill("#q", "fraudulent accounts alpha")
    assert "Labs accused of distillation" in page.locator("#search-results").inner_text()
    page.fill("#q", "miniax")
    shoot(page, "search")
    page.locator("#search-results a", has_text="MiniMax").first.click()
    assert page.url.endswith("/entities/minimax.html")
    assert "Miniax" in page.locator("table").inner_text()
    shoot(page, "entity")


def test_flag_filters_work_with_js_and_everything_is_listed_without(demo: Workspace, page: object, browser: object) -> None:
    page.goto(url(demo, "flags.html"))
    assert page.locator("li.flag:visible").count() == 3
    shoot(page, "flags")
    page.locator("input[name=severity][value=high]").uncheck()
    assert page.locator("li.flag:visible").count() == 2
    assert page.locator("#flag-count").inner_text() == "Showing 2 of 3 flags."
    page.locator("input[name=kind][value=name_variant]").uncheck()
    assert page.locator("li.flag:visible").count() == 1
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        static = context.new_page()
        static.goto(url(demo, "flags.html"))
        assert static.locator("li.flag:visible").count() == 3
        assert not static.locator("#flag-filter").is_visible()
    finally:
        context.close()


def test_hostile_article_executes_nothing_on_any_page(demo: Workspace, page: object) -> None:
    for html in sorted(demo.site_dir.rglob("*.html")):
        page.goto(html.as_uri())
        assert page.evaluate("typeof window.__pwned") == "undefined", html
        assert page.locator("img").count() == 0, html
        assert page.locator("b", has_text="x").count() == 0, html
    page.goto(url(demo, "sources/hostile.html"))
    assert page.locator("h1").inner_text() == '<script>alert("title")</script> "onerror=alert(1) </textarea>'
    assert "<script>window.__pwned=2</script>" in page.locator("article").inner_text()
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]


def test_phone_width_does_not_scroll_sideways(demo: Workspace, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        phone = context.new_page()
        for rel in ("index.html", "sources/alpha.html", "flags.html"):
            phone.goto(url(demo, rel))
            assert phone.evaluate("document.documentElement.scrollWidth") <= 391, rel
        phone.goto(url(demo, "sources/alpha.html"))
        shoot(phone, "source-phone")
    finally:
        context.close()


def test_bundled_corpus_site_in_the_browser(tmp_path: Path, models: object, browser: object) -> None:
    """The real story end to end: ingest, the checks when they exist, site, links, screenshots."""
    from claimcheck.ingest import ingest_paths

    sources = Path(__file__).resolve().parent.parent / "sources"
    ws = open_workspace(tmp_path / "ws", create=True)
    ingest_paths(ws, [sources], models)  # type: ignore[arg-type]
    has_checks = importlib.util.find_spec("claimcheck.check") is not None
    if has_checks:  # the checks module landed: its flags must show on the site
        from claimcheck.check import run_checks

        assert run_checks(ws, models)  # type: ignore[arg-type]
        assert ws.checks_file.exists()
    report = build_site(ws)
    assert report.pages["sources"] == 5
    assert walk_links(ws.site_dir) > 100
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(url(ws, "sources/stole-ai-fake-accounts-summary.html"))
        assert page.locator(".hl-figure", has_text="24,000 fake accounts").count() >= 1
        assert page.locator(".variant-misspelling", has_text="Miniax").count() >= 1
        shoot(page, "real-source")
        page.goto(url(ws, "index.html"))
        shoot(page, "real-home")
        if has_checks:
            page.locator(".facts-table a").first.click()
            assert page.locator("table.compare tbody tr").count() >= 2
            assert page.locator("svg[role=img] g.row").count() >= 2
            shoot(page, "real-fact")
            page.goto(url(ws, "flags.html"))
            shoot(page, "real-flags")
    finally:
        context.close()
