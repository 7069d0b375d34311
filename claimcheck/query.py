"""SPARQL for editors: run queries on the workspace's store or a remote endpoint.

Queries see the union of the named graphs as their default graph (GRAPH ?g also works).
Parameters are bound by a VALUES block placed at the start of the query's WHERE group,
with each value serialised as an escaped RDF term, so user text never becomes query text;
the same binding works locally and against any SPARQL 1.1 endpoint. Note that the union
default graph is a bag: a triple stated in two graphs matches twice, so count DISTINCT.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral

from claimcheck.errors import QueryError
from claimcheck.store import open_store
from claimcheck.vocab import PREFIXES
from claimcheck.workspace import Workspace

Binding = str | URIRef  # a str is a plain literal; a URIRef an IRI; an rdflib Literal keeps its type
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SYNTAX = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


@dataclass(frozen=True)
class Answer:
    """A query's result, independent of where it ran: solutions, a boolean or triples."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()  # pyoxigraph terms, None where unbound
    boolean: bool | None = None
    triples: tuple[Any, ...] | None = None

    @property
    def kind(self) -> str:
        return "ask" if self.boolean is not None else "graph" if self.triples is not None else "select"


# --------------------------------------------------------------------------- binding


_TOKENS = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][A-Za-z0-9_]+)
    |(?P<word>[A-Za-z_][\w.-]*(?::[\w.-]*)?)
    |(?P<brace>[{}])
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def where_position(query: str) -> int:
    """Offset just after the `{` that opens the query's WHERE group."""
    depth, form, after_form, wanted = 0, "", "", 0
    for match in _TOKENS.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment") or depth > 0 and kind != "brace":
            continue
        if not form:
            form = text.upper() if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else ""
            continue
        after_form = after_form or text.upper()
        if text == "{":
            if depth == 0:
                # CONSTRUCT's template comes first unless it is the short form CONSTRUCT WHERE.
                wanted = wanted or (2 if form == "CONSTRUCT" and after_form != "WHERE" else 1)
                wanted -= 1
                if wanted == 0:
                    return match.end()
            depth += 1
        elif text == "}":
            depth -= 1
    raise QueryError("cannot bind parameters: the query has no WHERE clause")


def term_of(value: Binding | RdfLiteral) -> Any:
    """The pyoxigraph term for a binding; its str() is escaped N-Triples syntax."""
    import pyoxigraph as ox

    if isinstance(value, RdfLiteral):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype or XSD_STRING)))
    try:
        return ox.NamedNode(str(value)) if isinstance(value, URIRef) else ox.Literal(str(value))
    except ValueError as exc:
        raise QueryError(f"invalid IRI {str(value)!r} ({exc})") from exc


def bind_values(query: str, bindings: Mapping[str, Binding] | None) -> str:
    """The query with `VALUES (?a ?b) { (... ...) }` opening its WHERE group."""
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE.match(name):
            raise QueryError(f"invalid parameter name {name!r}: use letters, digits and _")
    names = sorted(bindings)
    block = " VALUES ({}) {{ ({}) }} ".format(
        " ".join(f"?{n}" for n in names), " ".join(str(term_of(bindings[n])) for n in names)
    )
    at = where_position(query)
    return query[:at] + block + query[at:]


def parse_params(pairs: Sequence[str]) -> dict[str, Binding]:
    """`name=value` from the command line; `<...>` makes an IRI, anything else a string."""
    bindings: dict[str, Binding] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _VARIABLE.match(name):
            raise QueryError(f"invalid --param {pair!r}: expected NAME=VALUE")
        iri = value.startswith("<") and value.endswith(">") and len(value) > 2
        bindings[name] = URIRef(value[1:-1]) if iri else value
    return bindings


def check_variables(query: str, bindings: Mapping[str, Binding] | None) -> None:
    for name in bindings or {}:
        if not re.search(rf"[?$]{re.escape(name)}\b", query):
            raise QueryError(f"the query has no variable ?{name} to bind")


# --------------------------------------------------------------------------- running


def _syntax_error(exc: Exception, original: str, bound: str) -> QueryError:
    """The parser's message with the position in the text the user wrote."""
    if bound != original:
        import pyoxigraph as ox

        try:
            ox.Store().query(original)
        except SyntaxError as first:
            exc = first
        except (RuntimeError, OSError, ValueError):
            pass
    match = _SYNTAX.match(str(exc))
    if match:
        line, column, detail = match.groups()
        return QueryError(f"SPARQL syntax error at line {line}, column {column}: {detail.strip()}")
    return QueryError(f"SPARQL syntax error: {exc}")


def answer_of(result: Any) -> Answer:
    """Materialise a pyoxigraph result (so nothing holds the store open afterwards)."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return Answer(boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        return Answer(variables, tuple(tuple(sol[v] for v in variables) for sol in result))
    return Answer(triples=tuple(result))


def run(ws: Workspace, query: str, bindings: Mapping[str, Binding] | None = None) -> tuple[Answer, bool]:
    """Run on the embedded store; returns the answer and whether the store was stale."""
    check_variables(query, bindings)
    bound = bind_values(query, bindings)
    with open_store(ws) as handle:
        try:
            answer = answer_of(handle.store.query(bound, use_default_graph_as_union=True))  # type: ignore[attr-defined]
        except SyntaxError as exc:
            raise _syntax_error(exc, query, bound) from exc
        except (RuntimeError, OSError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc
        return answer, handle.stale


def select(ws: Workspace, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, object]]:
    """Run a SELECT on the embedded store: rows of plain Python values (IRIs as URIRef)."""
    answer, _ = run(ws, query, bindings)
    if answer.kind != "select":
        raise QueryError("select() needs a SELECT query")
    return [{name: python_value(term) for name, term in zip(answer.variables, row)} for row in answer.rows]


def python_value(term: Any) -> object:
    """int, Decimal, str, date ... for literals; URIRef for IRIs; None when unbound."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        return RdfLiteral(term.value, datatype=URIRef(term.datatype.value)).toPython()
    return str(term)


# --------------------------------------------------------------------------- output


def to_json(answer: Answer) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if answer.boolean is not None:
        return json.dumps({"head": {}, "boolean": answer.boolean})
    bindings = [
        {name: _json_term(term) for name, term in zip(answer.variables, row) if term is not None}
        for row in answer.rows
    ]
    return json.dumps({"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _json_term(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_csv(answer: Answer) -> str:
    """SPARQL 1.1 CSV: lexical forms only (types are lost; use TSV or JSON to keep them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if answer.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
        return out.getvalue()
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow(["" if t is None else _plain(t) for t in row])
    return out.getvalue()


def to_tsv(answer: Answer) -> str:
    """SPARQL 1.1 TSV: terms in N-Triples syntax, tabs and newlines escaped."""
    if answer.boolean is not None:
        return f"?boolean\n{'true' if answer.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row))
    return "\n".join(lines) + "\n"


def to_ntriples(answer: Answer) -> str:
    return "".join(f"{t} .\n" for t in sorted(str(t) for t in answer.triples or ()))


def _plain(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


def display(term: Any) -> str:
    """A cell for people: literals as their text, IRIs shortened with the KB's prefixes."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
            if term.value.startswith(str(namespace)):
                return f"{prefix}:{term.value[len(str(namespace)):]}"
        return f"<{term.value}>"
    return _plain(term)


def render(answer: Answer, fmt: str) -> str:
    """The answer in an output format: json, csv, tsv (tools) or table rows joined (ask/graph)."""
    if answer.kind == "graph":
        if fmt not in ("table", "ntriples"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples: use --format table, not {fmt}")
        return to_ntriples(answer)
    formats = {"json": to_json, "csv": to_csv, "tsv": to_tsv}
    if fmt not in formats:
        raise QueryError(f"unknown format {fmt!r}: use table, csv, tsv or json")
    return formats[fmt](answer)


# --------------------------------------------------------------------------- saved queries

_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*(\(optional\))?\s*:\s*(.*)")
# SHA-256 of saved queries shipped by earlier versions: a workspace copy that still matches
# one was never edited, so the query shipped now is run instead (it answers the same, faster).
SUPERSEDED = frozenset({
    "e3a8321a9fdf7f099de1051c34ce298b91c921605fb8421300720cae102af119",  # claims-about
    "6c6b0a4168416ff6ee191471e9c7ba32cbcc2614361469a382f0c94c23e2a0ac",  # claims-about
    "fe8620b581a12e24e7985923bf2ef447711ce22933016d631f5b7c06cd5e7319",  # corroboration
    "70efd6ae8eebd62bf5d6514974cca3e777196054e8dd4d28d6bc175b512e2981",  # flags
    "1e8bb9174966fcb05b5131ac5da5fa0b26cfa5674810721b9f76ff347acebcd3",  # single-source
    "ebc16c377092887873ad4e5d8d3f16945c059803abbc367c687dc61156a7acff",  # slot-figures
    "4eaf808c19e0b9abee93567f691306c8c087d783fe3fa66415f3d7878b536f8a",  # sources-by-origin
    "ac5ecc2252449f58935bbd7702f7830e6ffc5af4866f9a01eb75bcae8ccf011e",  # sources-by-origin
    "f7e172729250d7f3ab48aa01170b015e196d6edab2f84dee490f671e646033a7",  # spelling-variants
})  # fmt: skip


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    required: bool


@dataclass(frozen=True)
class SavedQuery:
    """A kb/queries/NAME.rq file: its header says what it answers and what it takes."""

    name: str
    summary: str
    text: str
    params: tuple[Param, ...] = ()

    def check(self, bindings: Mapping[str, Binding]) -> None:
        known = {p.name for p in self.params}
        for name in bindings:
            if name not in known:
                takes = ", ".join(sorted(known)) or "no parameters"
                raise QueryError(f"query '{self.name}' has no parameter '{name}' (it takes: {takes})")
        for param in self.params:
            if param.required and param.name not in bindings:
                raise QueryError(
                    f"query '{self.name}' needs --param {param.name}=VALUE ({param.description})"
                )


def parse_saved(name: str, text: str) -> SavedQuery:
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    summary = header[0].lstrip("#").strip() if header else ""
    params = tuple(
        Param(m.group(1), m.group(3).strip(), not m.group(2)) for m in map(_PARAM.match, header) if m
    )
    return SavedQuery(name, summary, text, params)


def saved_queries(ws: Workspace) -> list[SavedQuery]:
    """The workspace's kb/queries/*.rq, plus shipped ones it lacks or has unedited from an
    earlier version (`SUPERSEDED`), sorted by name."""
    from importlib import resources

    texts: dict[str, str] = {}
    shipped = resources.files("claimcheck") / "data" / "queries"
    if shipped.is_dir():
        for item in shipped.iterdir():
            if item.name.endswith(".rq"):
                texts[item.name[:-3]] = item.read_text("utf-8")
    if ws.queries_dir.is_dir():
        for path in ws.queries_dir.glob("*.rq"):
            data = path.read_bytes()
            if path.stem in texts and hashlib.sha256(data).hexdigest() in SUPERSEDED:
                continue
            texts[path.stem] = data.decode("utf-8")
    return [parse_saved(name, texts[name]) for name in sorted(texts)]


def saved_query(ws: Workspace, name: str) -> SavedQuery:
    queries = {q.name: q for q in saved_queries(ws)}
    if name not in queries:
        raise QueryError(f"no saved query '{name}' (see 'claimcheck sparql --list'; have: {', '.join(queries)})")
    return queries[name]


def query_text(
    ws: Workspace, *, query: str | None, file: Path | None, name: str | None, bindings: Mapping[str, Binding]
) -> str:
    """The query a command runs: inline, from a file or saved; parameters checked."""
    if sum(x is not None for x in (query, file, name)) != 1:
        raise QueryError("give exactly one of: a QUERY argument, -f FILE or --name NAME")
    if name is not None:
        saved = saved_query(ws, name)
        saved.check(bindings)
        return saved.text
    if file is not None:
        try:
            return file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{file}: cannot read the query ({exc})") from exc
    return query or ""
