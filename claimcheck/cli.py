"""The `claimcheck` command line: thin wrappers that parse options, call one library
function and format its result. Errors become one `Error: ...` line and a non-zero exit.

Nothing heavy is imported at module level, so `claimcheck --help` is instant.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from claimcheck.errors import ClaimcheckError

app = typer.Typer(
    name="claimcheck",
    help="Extract claims and figures from news articles, link them in an RDF knowledge base, "
    "and flag where sources disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HomeOption = Annotated[
    Path,
    typer.Option("--home", help="Workspace folder (with sources/, kb/, site/).", show_default="current folder"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show details, and a traceback on errors.")]


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def reported_errors(verbose: bool = False) -> Iterator[None]:
    """Turn library errors into the one-line `Error:` contract of the CLI."""
    try:
        yield
    except ClaimcheckError as exc:
        if verbose:
            raise
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", code=130)


def echo_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=None if not sys.stdout.isatty() else 2))


def echo_table(title: str | None, columns: list[str], rows: list[list[Any]]) -> None:
    """A rich table on a terminal; tab-separated plain text when piped."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if cell is None else str(cell) for cell in row))
        Console().print(table)
        return
    typer.echo("\t".join(columns))
    for row in rows:
        typer.echo("\t".join("" if cell is None else str(cell).replace("\n", " ") for cell in row))


def _progress(quiet: bool) -> Callable[[str], None] | None:
    """Progress lines on a terminal only: pipes and CI stay quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    return lambda item: typer.echo(f"  {item}", err=True)


# ---------------------------------------------------------------- workspace and ingest


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create the workspace in.")] = Path("."),
) -> None:
    """Create an empty workspace: sources/, kb/ (vocabulary, shapes, entity list, saved queries), site/."""
    from claimcheck.workspace import open_workspace

    with reported_errors():
        ws = open_workspace(directory, create=True)
    typer.echo(f"Workspace ready at {ws.home}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.md, .txt, .html).")],
    home: HomeOption = Path("."),
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read articles into the workspace and write one named graph per source into kb/."""
    from claimcheck.ingest import ingest_paths
    from claimcheck.nlp import Models
    from claimcheck.workspace import open_workspace

    with reported_errors(verbose):
        missing = [p for p in paths if not p.exists()]
        for path in missing:
            typer.echo(f"Error: {path}: no such file or folder", err=True)
        present = [p for p in paths if p.exists()]
        ws = open_workspace(home, create=True)
        report = ingest_paths(ws, present, Models(), progress=_progress(quiet))
    for path, reason in report.failed:
        typer.echo(f"Error: {reason}", err=True)
    for path, owner in report.duplicates:
        typer.echo(f"Skipped: {path}: same text as source '{owner}' (duplicate)", err=True)
    if not quiet:
        typer.echo(
            f"Ingested {len(report.added)} new, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.duplicates)} duplicate, "
            f"{len(report.failed) + len(missing)} failed."
        )
    if report.failed or missing:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files to extract from.")] = None,
    jsonl: Annotated[
        str | None, typer.Option("--jsonl", help='A file of {"id", "text"} lines, or - for standard input.')
    ] = None,
    as_json: JsonOption = False,
    home: HomeOption = Path("."),
    verbose: VerboseOption = False,
) -> None:
    """Extract figures, entities and claims without touching any KB (JSON Lines with --json)."""
    from claimcheck.extract import extract_documents, extraction_json
    from claimcheck.ingest import read_source
    from claimcheck.models import SourceDoc
    from claimcheck.nlp import Models

    if not paths and jsonl is None:
        fail("give article files or --jsonl FILE")
    with reported_errors(verbose):
        docs = [read_source(p) for p in paths or []]
        if jsonl is not None:
            docs.extend(_jsonl_docs(jsonl))
        entities_file = Path(home) / "kb" / "entities.ttl"
        extractions = extract_documents(docs, Models(), entities_file if entities_file.exists() else _shipped_entities())
    for extraction in extractions:
        record = extraction_json(extraction)
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
            continue
        typer.echo(f"# {record['id']}")
        for figure in record["figures"]:
            typer.echo(
                f"  {figure['start']:>6}  {figure['text']!r}: {figure['value']} {figure['unit']} "
                f"({figure['qualifier']}) subject={figure['subject']}"
            )


def _shipped_entities() -> Path:
    from importlib import resources

    return Path(str(resources.files("claimcheck") / "data" / "entities.ttl"))


def _jsonl_docs(jsonl: str) -> list[Any]:
    from claimcheck.errors import SourceError
    from claimcheck.models import SourceDoc

    handle = sys.stdin if jsonl == "-" else None
    try:
        lines = handle.read().splitlines() if handle else Path(jsonl).read_text("utf-8").splitlines()
    except OSError as exc:
        raise SourceError(f"{jsonl}: cannot read ({exc.strerror})") from exc
    docs = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            docs.append(SourceDoc(id=str(record["id"]), body=str(record["text"]), content_hash=""))
        except (ValueError, KeyError, TypeError) as exc:
            raise SourceError(f'{jsonl}:{number}: expected a JSON object with "id" and "text"') from exc
    return docs


# ---------------------------------------------------------------- checks (check.py)

# ---------------------------------------------------------------- site (site.py)

# ---------------------------------------------------------------- SPARQL (query.py)

# ---------------------------------------------------------------- journalist commands (query.py)
