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


@contextmanager
def _progress_bar(description: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal's stderr, drawn only once there is work; nothing in
    pipes, CI or with --quiet. The callback takes (done, total)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    bars: list[tuple[Progress, Any]] = []

    def update(done: int, total: int) -> None:
        if not bars:
            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            bars.append((bar, bar.add_task(description, total=total)))
        bar, task = bars[0]
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        for bar, _ in bars:
            bar.stop()


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
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes extracting articles in parallel (each loads the models).")
    ] = 1,
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
        with _progress_bar("Ingesting", quiet) as progress:
            report = ingest_paths(ws, present, Models(), progress=progress, workers=workers)
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

KindOption = Annotated[
    str | None, typer.Option("--kind", help="Only flags of this kind (value_conflict, parts_whole, name_variant, ...).")
]


@app.command()
def check(
    home: HomeOption = Path("."),
    as_json: JsonOption = False,
    kind: KindOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Compare what the sources say about each fact, store the flags in kb/checks.trig and list them."""
    from claimcheck.check import run_checks
    from claimcheck.nlp import Models
    from claimcheck.workspace import open_workspace

    with reported_errors(verbose):
        _check_filter_ok(kind, None)
        flags = run_checks(open_workspace(home), Models())
    _echo_flags(flags, kind, None, as_json)


@app.command()
def flags(
    home: HomeOption = Path("."),
    as_json: JsonOption = False,
    kind: KindOption = None,
    severity: Annotated[str | None, typer.Option("--severity", help="Only flags of this severity (high, medium, low, info).")] = None,
    verbose: VerboseOption = False,
) -> None:
    """List the flags of the last 'claimcheck check' without recomputing them."""
    from claimcheck.check import load_flags
    from claimcheck.workspace import open_workspace

    with reported_errors(verbose):
        _check_filter_ok(kind, severity)
        stored = load_flags(open_workspace(home))
    _echo_flags(stored, kind, severity, as_json)


def _check_filter_ok(kind: str | None, severity: str | None) -> None:
    from claimcheck.check import FLAG_KINDS, SEVERITIES

    if kind is not None and kind not in FLAG_KINDS:
        fail(f"unknown flag kind '{kind}' (use one of: {', '.join(FLAG_KINDS)})")
    if severity is not None and severity not in SEVERITIES:
        fail(f"unknown severity '{severity}' (use one of: {', '.join(SEVERITIES)})")


def _echo_flags(found: list[Any], kind: str | None, severity: str | None, as_json: bool) -> None:
    from claimcheck.check import flag_json

    chosen = [f for f in found if (kind is None or f.kind == kind) and (severity is None or f.severity == severity)]
    if as_json:
        echo_json([flag_json(f) for f in chosen])
        return
    rows = [[f.severity, f.kind, f.subject or "", ", ".join(sorted({c.source for c in f.claims})), f.message] for f in chosen]
    echo_table(f"{len(chosen)} flags", ["severity", "kind", "subject", "sources", "message"], rows)

# ---------------------------------------------------------------- site (site.py)


@app.command()
def site(
    home: HomeOption = Path("."),
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Render the KB into the static comparison site in site/ (open site/index.html)."""
    from claimcheck.site import build_site
    from claimcheck.workspace import open_workspace

    with reported_errors(verbose):
        ws = open_workspace(home)
        with _progress_bar("Writing the site", quiet) as progress:
            report = build_site(ws, progress)
    if not quiet:
        pages = report.pages
        typer.echo(
            f"Site built in {report.site_dir}: {pages['facts']} fact pages, {pages['sources']} source pages, "
            f"{pages['entities']} entity pages, {pages['flags']} flags ({report.files} files: {report.rendered} rendered, {report.reused} unchanged)."
        )


# ---------------------------------------------------------------- SPARQL (query.py)


@app.command()
def sparql(
    query: Annotated[str | None, typer.Argument(help="A SPARQL query (or use -f FILE / --name NAME).")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a saved query of kb/queries/.")] = None,
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries and what they answer.")] = False,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bind a variable: NAME=VALUE (<...> for an IRI).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table for people; csv, tsv or json (SPARQL results) for tools.")] = "table",
    store: Annotated[str | None, typer.Option("--store", help="Query this SPARQL endpoint URL instead.")] = None,
    home: HomeOption = Path("."),
    verbose: VerboseOption = False,
) -> None:
    """Ask the KB anything in SPARQL: named graphs are unioned as the default graph."""
    from claimcheck.query import display, parse_params, query_text, render, run, saved_queries  # noqa: I001
    from claimcheck.workspace import Workspace, open_workspace

    with reported_errors(verbose):
        ws = Workspace(Path(home).resolve()) if store or list_saved else open_workspace(home)
        if list_saved:
            saved = saved_queries(ws)
            if fmt == "json":
                echo_json([{"name": q.name, "answers": q.summary, "params": [p.name for p in q.params]} for q in saved])
            else:
                echo_table("Saved queries", ["name", "answers", "parameters"],
                           [[q.name, q.summary, " ".join(p.name + ("" if p.required else "?") for p in q.params)]
                            for q in saved])  # fmt: skip
            return
        bindings = parse_params(param or [])
        text = query_text(ws, query=query, file=file, name=name, bindings=bindings)
        if store:
            from claimcheck.remote import run_remote

            answer, stale = run_remote(store, text, bindings), False
        else:
            answer, stale = run(ws, text, bindings)
        output = None if fmt == "table" and answer.kind != "graph" else render(answer, fmt)
    if stale:
        typer.echo("Note: the store is being served, so kb/ changes since 'serve' started are not in these results.", err=True)
    if output is not None:
        typer.echo(output, nl=False)
    elif answer.kind == "ask":
        typer.echo("yes" if answer.boolean else "no")
    else:
        echo_table(None, list(answer.variables), [[display(t) for t in row] for row in answer.rows])


@app.command()
def serve(
    home: HomeOption = Path("."),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback unless you mean it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run; the server is restarted if one runs on.")
    ] = 30.0,
    max_memory: Annotated[
        int | None,
        typer.Option("--max-memory", help="Restart the server when it holds more memory than this (MB).",
                     show_default="half the machine's memory"),
    ] = None,
    verbose: VerboseOption = False,
) -> None:
    """Serve the KB read-only over the SPARQL 1.1 Protocol at /query (Oxigraph) until Ctrl-C."""
    from claimcheck.server import LOOPBACK
    from claimcheck.server import serve as run_server
    from claimcheck.workspace import open_workspace

    def started(handle: Any) -> None:
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"Serving SPARQL at http://{shown}:{port}/query (read-only, timeout {timeout:g}s); Ctrl-C stops.")
        if handle.stale:
            typer.echo("Note: another server holds the store; kb/ changes since it started are not served.", err=True)
        if host not in LOOPBACK:
            typer.echo(f"Warning: listening on {host}: anyone who can reach it can query the KB.", err=True)

    def restarted(reason: str) -> None:
        typer.echo(f"Note: restarted the SPARQL server: {reason}; queries running at the time were cut off.", err=True)

    with reported_errors(verbose):
        code = run_server(open_workspace(home), host, port, timeout, on_start=started, on_restart=restarted,
                          max_memory=max_memory << 20 if max_memory else None)  # fmt: skip
    if code:
        fail(f"the SPARQL server stopped with exit code {code} (is port {port} free?)")


@app.command()
def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="The remote SPARQL endpoint URL (names the target).")],
    graph_store: Annotated[
        str | None, typer.Option("--graph-store", help="Graph Store Protocol URL (default: ENDPOINT's /query -> /store).")
    ] = None,
    home: HomeOption = Path("."),
    as_json: JsonOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Send the KB to an external SPARQL store: one PUT per named graph that changed since the last push."""
    from claimcheck.remote import push as push_kb
    from claimcheck.workspace import open_workspace

    with reported_errors(verbose):
        report = push_kb(open_workspace(home), endpoint, graph_store)
    if as_json:
        echo_json({"endpoint": endpoint, "sent": report.sent, "deleted": report.deleted, "unchanged": report.unchanged})
        return
    typer.echo(
        f"Pushed {len(report.sent)} graphs to {endpoint}: {len(report.deleted)} deleted, "
        f"{len(report.unchanged)} unchanged."
    )


@app.command()
def validate(home: HomeOption = Path("."), as_json: JsonOption = False, verbose: VerboseOption = False) -> None:
    """Check the KB against kb/shapes.ttl (SHACL) and every quote against its source text."""
    from claimcheck.validate import validate_kb
    from claimcheck.workspace import open_workspace

    with reported_errors(verbose):
        problems = validate_kb(open_workspace(home))
    if as_json:
        echo_json({"valid": not problems, "problems": problems})
    elif not problems:
        typer.echo("The KB is valid.")
    for problem in problems:
        typer.echo(f"Error: {problem}", err=True)
    if problems:
        raise typer.Exit(1)


# ---------------------------------------------------------------- journalist commands (claims.py, search.py)

LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show at most N claims.")]


def _knowledge_base(home: Path) -> Any:
    """The workspace's KB; it is read by the first query, inside `reported_errors`."""
    from claimcheck.kbview import KnowledgeBase
    from claimcheck.workspace import open_workspace

    return KnowledgeBase(open_workspace(home))


def _claim_rows(found: list[dict[str, Any]], with_score: bool = False) -> list[list[Any]]:
    rows = []
    for claim in found:
        figures = "; ".join(f["text"] for f in claim["figures"])
        row = [claim["id"], claim["source"], claim["outlet"], claim["date"], figures, " ".join(claim["text"].split())]
        rows.append(([f"{claim['score']:.2f}"] if with_score else []) + row)
    return rows


_CLAIM_COLUMNS = ["ID", "Source", "Outlet", "Date", "Figures", "Claim"]


@app.command()
def claims(
    about: Annotated[
        str | None,
        typer.Option("--about", help="Only claims about this entity; aliases and misspellings resolve ('Miniax')."),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Only claims with a figure in this unit or kind: accounts, USD, percent, money."),
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only claims from this source id.")] = None,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Only claims a check flagged (any severity but info).")
    ] = False,
    limit: LimitOption = None,
    home: HomeOption = Path("."),
    as_json: JsonOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Claims with their figures, source, outlet and date, earliest source first."""
    from claimcheck.claims import list_claims, resolve_entity

    with reported_errors(verbose):
        kb = _knowledge_base(home)
        if about is not None:
            entity = resolve_entity(kb, about)
            if not entity["exact"]:
                typer.echo(f"Note: '{about}' read as {entity['label']}", err=True)
        found = list_claims(kb, about=about, unit=unit, source=source, flagged=flagged, limit=limit)
    if as_json:
        echo_json(found)
    else:
        echo_table(f"{len(found)} claims", _CLAIM_COLUMNS, _claim_rows(found))


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What you are looking for, in your own words.")],
    exact: Annotated[
        bool, typer.Option("--exact", help="Plain text search (ignores case), without loading the model.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N claims.")] = 10,
    home: HomeOption = Path("."),
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Claims whose sentence means what you ask, best first; --exact for plain text.

    Claim sentences are encoded once with all-MiniLM-L6-v2 and kept in .claimcheck/embeddings/.
    """
    import os

    from claimcheck.search import exact_search, semantic_search

    with reported_errors(verbose):
        kb = _knowledge_base(home)
        if exact:
            found = exact_search(kb, text, limit)
        else:
            from claimcheck.nlp import Models

            if quiet or not sys.stderr.isatty():
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # the model loader's bar
            models = ctx.obj if isinstance(ctx.obj, Models) else Models()  # tests pass a loaded one
            with _progress_bar("Encoding claims", quiet) as progress:
                found = semantic_search(kb, models, text, limit, progress)
    if verbose:
        typer.echo(f"Searched {len(kb.claims)} claims in {len(kb.sources)} sources.", err=True)
    if as_json:
        echo_json(found)
    elif exact:
        echo_table(f"{len(found)} claims containing {text!r}", _CLAIM_COLUMNS, _claim_rows(found))
    else:
        echo_table(f"Claims closest to {text!r}", ["Score", *_CLAIM_COLUMNS], _claim_rows(found, with_score=True))


@app.command()
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A claim or fact slot: its short id or full IRI.")],
    home: HomeOption = Path("."),
    as_json: JsonOption = False,
    verbose: VerboseOption = False,
) -> None:
    """One claim or fact slot: every source's version side by side, flags, quotes, origin.

    Each version is quoted exactly with its character offsets in the article.
    """
    from claimcheck.claims import show as show_node

    with reported_errors(verbose):
        record = show_node(_knowledge_base(home), ident)
    if as_json:
        echo_json(record)
        return
    if record["type"] == "claim":
        quote = record["quote"]
        typer.echo(f"Claim {record['id']} in {record['source']} ({record['outlet'] or 'no outlet'}, "
                   f"{record['date'] or 'undated'})")
        typer.echo(f"  \"{' '.join(record['text'].split())}\"")
        typer.echo(f"  characters {quote.get('start')}-{quote.get('end')}")
        if record["attribution"]:
            typer.echo(f"  cited origin: {record['attribution']} (\"{record['attribution_text']}\")")
        if record["about"]:
            typer.echo(f"  about: {', '.join(e['label'] for e in record['about'])}")
    else:
        typer.echo(f"Fact slot {record['id']}: {record['concept'] or record['unit_family']} "
                   f"({record['subject'] or 'no subject'}; {record['unit_family']})")
    rows = [
        [v["source"], v["outlet"], v["date"], v["says"], v["qualifier"], v["value"],
         f"{v['quote'].get('start')}-{v['quote'].get('end')}", v["attribution"], v["claim"]]
        for v in record["versions"]
    ]
    echo_table("Versions", ["Source", "Outlet", "Date", "Says", "Qualifier", "Value", "Chars", "Cited", "Claim"], rows)
    if record["flags"]:
        typer.echo("Flags:")
    for flag in record["flags"]:
        typer.echo(f"  [{flag['severity']}] {flag['kind']} {flag['id']}: {flag['message']}")


@app.command()
def sources(home: HomeOption = Path("."), as_json: JsonOption = False, verbose: VerboseOption = False) -> None:
    """What was ingested: outlet, date, title, claim and figure counts, content hash."""
    from claimcheck.claims import list_sources

    with reported_errors(verbose):
        found = list_sources(_knowledge_base(home))
    if as_json:
        echo_json(found)
        return
    rows = [
        [s["id"], s["outlet"], s["date"], s["title"], s["claims"], s["figures"], s["content_hash"].split(":")[-1][:12]]
        for s in found
    ]
    echo_table(f"{len(found)} sources", ["ID", "Outlet", "Date", "Title", "Claims", "Figures", "Hash"], rows)


@app.command()
def entities(home: HomeOption = Path("."), as_json: JsonOption = False, verbose: VerboseOption = False) -> None:
    """Each entity the articles name: its labels, and the sources and spellings that name it."""
    from claimcheck.claims import list_entities

    with reported_errors(verbose):
        found = list_entities(_knowledge_base(home))
    if as_json:
        echo_json(found)
        return
    rows = []
    for entity in found:
        spellings = "; ".join(
            f"{s['text']} ({s['variant'] or 'label'}: {', '.join(s['sources'])})" for s in entity["spellings"]
        )
        rows.append([entity["label"], entity["type"], ", ".join(entity["labels"]), entity["mentions"],
                     len(entity["sources"]), spellings])
    echo_table(f"{len(found)} entities", ["Entity", "Type", "Labels", "Mentions", "Sources", "Spellings"], rows)
