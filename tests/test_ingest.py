"""The source reader: front matter, HTML, plain text, encodings, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import SourceError
from claimcheck.ingest import collect_paths, read_source

ARTICLE = """---
title: "Factory fire closes plant"
outlet: The Riverside Herald
author: Ana Ruiz
date: 2025-03-14
url: https://herald.example/fire
---
A fire closed the Dunmore plant on Friday, the company said.
About 300 workers were sent home.
"""


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_front_matter_gives_metadata_and_verbatim_body(tmp_path: Path) -> None:
    doc = read_source(write(tmp_path, "fire-herald.md", ARTICLE))
    assert doc.id == "fire-herald"
    assert (doc.title, doc.outlet, doc.author, doc.date, doc.url) == (
        "Factory fire closes plant",
        "The Riverside Herald",
        "Ana Ruiz",
        "2025-03-14",
        "https://herald.example/fire",
    )
    assert doc.body == ARTICLE.split("---\n", 2)[2]
    assert doc.body.startswith("A fire closed")
    assert doc.content_hash.startswith("sha256:")


def test_plain_text_without_front_matter_is_all_body(tmp_path: Path) -> None:
    text = "Plain report.\nIt says 12 people were hurt.\n"
    doc = read_source(write(tmp_path, "plain.txt", text))
    assert doc.body == text
    assert doc.title is None and doc.media_type == "text/plain"


def test_html_gives_main_text_and_page_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Budget vote | City Times</title>
    <meta name="author" content="Lee Park"><meta property="og:site_name" content="City Times">
    <meta property="article:published_time" content="2024-11-02T09:00:00Z">
    <link rel="canonical" href="https://citytimes.example/budget"></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Council passes $2.1 billion budget</h1>
    <p>The city council on Tuesday approved a budget of $2.1 billion, up 4% from last year,
    after a debate that lasted more than six hours in the packed chamber.</p>
    <p>Council member Dana Ortiz said the plan adds 120 teachers to the city's schools.</p>
    </article><footer>Copyright City Times</footer></body></html>"""
    doc = read_source(write(tmp_path, "budget.html", html))
    assert "approved a budget of $2.1 billion" in doc.body
    assert "Copyright" not in doc.body and "Home" not in doc.body.split("\n")[0]
    assert doc.outlet == "City Times"
    assert doc.author == "Lee Park"
    assert doc.date == "2024-11-02"
    assert doc.url == "https://citytimes.example/budget"
    assert doc.media_type == "text/html"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    text = "Über 40 Menschen — about 40 people — were rescued.\n"
    doc = read_source(write(tmp_path, "rescue.txt", text.encode("utf-16")))
    assert doc.body == text


def test_utf8_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    doc = read_source(write(tmp_path, "crlf.txt", "\ufeffLine one.\r\nLine two.\r\n".encode("utf-8")))
    assert doc.body == "Line one.\nLine two.\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.md", "", "the file is empty"),
        ("blank.md", "  \n\n", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        ("latin1.txt", "caf\xe9 prices rose".encode("latin-1"), "not valid UTF-8 (byte 3)"),
        ("badyaml.md", "---\ntitle: [unclosed\n---\nBody.\n", "malformed YAML front matter"),
        ("baddate.md", "---\ndate: next Tuesday\n---\nBody.\n", "front matter 'date' is not a date: 'next Tuesday' (use YYYY-MM-DD)"),
        ("listtitle.md", "---\ntitle: [a, b]\n---\nBody.\n", "front matter 'title' must be text, not list"),
        ("onlymeta.md", "---\ntitle: Nothing\n---\n\n", "the article has no text"),
        ("notes.pdf", "%PDF-1.4", "unsupported file type '.pdf' (use .md, .txt or .html)"),
        ("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found in the HTML page"),
    ],
)
def test_bad_input_is_refused_with_one_clear_line(tmp_path: Path, name: str, data: str | bytes, message: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(SourceError) as info:
        read_source(path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(f"{path}: {message}")


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "gone.md")


def test_folders_expand_to_sorted_article_files(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.html", "notes.json", ".hidden.md"):
        write(tmp_path, name, "x")
    assert [p.name for p in collect_paths([tmp_path])] == ["a.txt", "b.md", "c.html"]
