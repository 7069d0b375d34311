"""Rebuilding the site renders only the pages whose content changed; the rest are the old
files, linked into the new tree (same inode) and byte-identical to a fresh build."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_site import build_demo_kb, demo_extractions, tree_digest

from claimcheck.graph import write_source_graph
from claimcheck.site import RECORD_FILE, build_site
from claimcheck.workspace import Workspace

WHOLE_KB = {"index.html", "flags.html", "search.html", "search-index.js", "downloads/kb.trig", "downloads/kb.jsonld"}


def inodes(ws: Workspace) -> dict[str, int]:
    return {str(p.relative_to(ws.site_dir)): p.stat().st_ino for p in ws.site_dir.rglob("*") if p.is_file()}


def rendered(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Files of the new site that are not the old file: new inodes, or new paths."""
    return {path for path, inode in after.items() if before.get(path) != inode}


def retitle_beta(ws: Workspace, title: str) -> None:
    beta = next(e for e in demo_extractions() if e.doc.id == "beta")
    write_source_graph(ws, dataclasses.replace(beta, doc=dataclasses.replace(beta.doc, title=title)))


def test_a_rebuild_without_changes_renders_nothing(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "ws")
    first = build_site(ws)
    assert first.rendered == first.files and first.reused == 0
    before, digest = inodes(ws), tree_digest(ws.site_dir)
    again = build_site(ws)
    assert (again.rendered, again.reused, again.files) == (0, first.files, first.files)
    assert rendered(before, inodes(ws)) == set()
    assert tree_digest(ws.site_dir) == digest


def test_one_changed_source_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "ws")
    build_site(ws)
    before = inodes(ws)
    retitle_beta(ws, "A second report, corrected")
    report = build_site(ws)
    fact = next(p for p in before if p.startswith("facts/"))
    # Beta's page, the fact its figure is in, the entities it names (spellings by source
    # title), and the pages that list the whole KB. Not alpha's or hostile's pages: the
    # flags they share with beta show beta's outlet, which did not change.
    expected = {"sources/beta.html", fact, "entities/anthropic.html", "entities/minimax.html"} | WHOLE_KB
    assert rendered(before, inodes(ws)) == expected
    assert (report.rendered, report.reused) == (len(expected), report.files - len(expected))
    assert "A second report, corrected" in (ws.site_dir / "sources/beta.html").read_text("utf-8")
    # Byte for byte what a build from scratch gives.
    fresh = build_demo_kb(tmp_path / "fresh")
    retitle_beta(fresh, "A second report, corrected")
    build_site(fresh)
    assert tree_digest(ws.site_dir) == tree_digest(fresh.site_dir)


def test_a_page_edited_by_hand_or_a_lost_record_is_rendered_again(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "ws")
    build_site(ws)
    digest = tree_digest(ws.site_dir)
    page = ws.site_dir / "sources" / "alpha.html"
    page.write_text("edited by hand", "utf-8")
    report = build_site(ws)
    assert report.rendered == 1 and tree_digest(ws.site_dir) == digest
    (ws.state_dir / RECORD_FILE).unlink()
    report = build_site(ws)
    assert report.rendered == report.files and tree_digest(ws.site_dir) == digest


def test_the_jsonld_cache_keeps_only_the_kbs_files(tmp_path: Path) -> None:
    ws = build_demo_kb(tmp_path / "ws")
    build_site(ws)
    cache = ws.state_dir / "site-cache"
    parts = sorted(p.name for p in cache.glob("jsonld-*"))
    assert len(parts) == 5  # checks, entity list, three sources
    build_site(ws)  # kb.jsonld reused whole: its parts are kept all the same
    assert sorted(p.name for p in cache.glob("jsonld-*")) == parts
    retitle_beta(ws, "Retitled")
    build_site(ws)
    after = sorted(p.name for p in cache.glob("jsonld-*"))
    assert len(after) == 5 and len(set(after) - set(parts)) == 1
