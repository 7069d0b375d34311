"""Two writers on one workspace: the second is refused with a clear message, nothing breaks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.workspace import open_workspace, workspace_lock

runner = CliRunner()


def test_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws", create=True)
    article = tmp_path / "storm.md"
    article.write_text("The storm cut power to about 80,000 homes, the utility said.\n")
    with workspace_lock(ws):
        before = sorted(p.name for p in ws.kb_dir.rglob("*"))
        result = runner.invoke(app, ["ingest", str(article), "--home", str(ws.home)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: the workspace {ws.home} is busy: another claimcheck command is writing it"
    ]
    assert sorted(p.name for p in ws.kb_dir.rglob("*")) == before
    # Once the first writer is done, the same command goes through.
    result = runner.invoke(app, ["ingest", str(article), "--home", str(ws.home)])
    assert result.exit_code == 0, result.output
    assert ws.source_graph_file("storm").exists()
