"""Bad input gets one clear line naming the file, a non-zero exit, and leaves the KB as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

runner = CliRunner()
GOOD = "---\ntitle: Dam repairs\noutlet: Valley News\ndate: 2025-06-02\n---\nThe county said repairs to the dam will cost about $4 million.\n"


def kb_snapshot(home: Path) -> dict[str, bytes]:
    kb = home / "kb"
    return {str(p.relative_to(kb)): p.read_bytes() for p in sorted(kb.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("ws")
    good = home / "incoming" / "dam.md"
    good.parent.mkdir()
    good.write_text(GOOD)
    result = runner.invoke(app, ["ingest", str(good), "--home", str(home)])
    assert result.exit_code == 0, result.output
    return home


BAD_FILES = [
    ("empty.md", b"", "the file is empty"),
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary file, not text"),
    ("invalid.txt", b"Prices rose \xff\xfe\xfa sharply.", "not valid UTF-8 (byte 12)"),
    ("yaml.md", b"---\ntitle: 'unclosed\n---\nBody text here.\n", "malformed YAML front matter at line 3"),
    ("types.md", b"---\ndate: yesterday\n---\nBody text here.\n", "front matter 'date' is not a date: 'yesterday' (use YYYY-MM-DD)"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>", "no article text found in the HTML page"),
    ("report.pdf", b"%PDF-1.7\n", "unsupported file type '.pdf' (use .md, .txt or .html)"),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_one_error_line_and_kb_is_untouched(home: Path, tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    before = kb_snapshot(home)
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["ingest", str(path), "--home", str(home)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {path}: {problem}"]
    assert "Traceback" not in result.output
    assert kb_snapshot(home) == before
    assert not (home / "sources" / name).exists()


def test_huge_file_is_refused(home: Path, tmp_path: Path) -> None:
    before = kb_snapshot(home)
    path = tmp_path / "dump.txt"
    with path.open("w") as handle:
        for _ in range(50 * 1024):
            handle.write("The council met again and 12 members voted. " * 23 + "\n")
    result = runner.invoke(app, ["ingest", str(path), "--home", str(home)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {path}: too large for one article (51.9 MB; the limit is 1 MB)"]
    assert kb_snapshot(home) == before


def test_missing_path(home: Path, tmp_path: Path) -> None:
    before = kb_snapshot(home)
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.md"), "--home", str(home)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'nope.md'}: no such file or folder"]
    assert kb_snapshot(home) == before


def test_duplicate_under_new_name(home: Path, tmp_path: Path) -> None:
    before = kb_snapshot(home)
    copy = tmp_path / "dam-copy.md"
    copy.write_text(GOOD)
    result = runner.invoke(app, ["ingest", str(copy), "--home", str(home)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"Skipped: {copy}: same text as source 'dam' (duplicate)"]
    assert kb_snapshot(home) == before


def test_mixed_folder_ingests_good_reports_bad(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-good.md").write_text(GOOD.replace("$4 million", "$5 million"))
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-good.txt").write_text("Officials said 40 homes were flooded in the valley on Sunday.\n")
    home = tmp_path / "ws"
    result = runner.invoke(app, ["ingest", str(folder), "--home", str(home)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {folder / 'b-empty.txt'}: the file is empty"]
    assert sorted(p.name for p in (home / "kb" / "sources").iterdir()) == ["a-good.trig", "c-good.trig"]
    assert "Ingested 2 new, 0 updated, 0 unchanged, 0 duplicate, 1 failed." in result.stdout


def test_traceback_only_with_verbose(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "manifest.json").write_text("{not json")
    good = tmp_path / "x.md"
    good.write_text(GOOD)
    quiet = runner.invoke(app, ["ingest", str(good), "--home", str(tmp_path)])
    assert quiet.exit_code == 1
    assert quiet.stderr.startswith(f"Error: {tmp_path / 'kb' / 'manifest.json'}: unreadable manifest")
    verbose = runner.invoke(app, ["ingest", str(good), "--home", str(tmp_path), "--verbose"])
    assert verbose.exit_code != 0 and verbose.exception is not None
