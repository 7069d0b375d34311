"""Remote SPARQL stores: query an endpoint, push the KB with the Graph Store Protocol.

For newsrooms whose KB outgrows one machine. All HTTP goes through a `Transport`
(a function from request to response) so tests inject a fake and need no server; the
default one is urllib with a timeout. `push` sends one named graph per PUT and only the
graphs whose content changed since the last push to that endpoint (recorded under
`.claimcheck/push/`); graphs that left the KB are deleted remotely.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.errors import QueryError
from claimcheck.query import Answer, Binding, answer_of, bind_values, check_variables
from claimcheck.store import KbFile, kb_files, parse_quads
from claimcheck.vocab import short_hash
from claimcheck.workspace import Workspace, atomic_write_text

HTTP_TIMEOUT_S = 60.0
# Oxigraph has sent "200 OK" by the time its timeout fires, so it ends the body with this.
CANCELLED = b"The SPARQL operation has been cancelled"


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes | None = None


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes = b""


Transport = Callable[[HttpRequest], HttpResponse]


def urllib_transport(request: HttpRequest, timeout: float = HTTP_TIMEOUT_S) -> HttpResponse:
    """The real transport: http(s) only, HTTP errors returned as responses, not raised."""
    if urllib.parse.urlsplit(request.url).scheme not in ("http", "https"):
        raise QueryError(f"{request.url}: only http:// and https:// endpoints are supported")
    req = urllib.request.Request(request.url, data=request.body, headers=dict(request.headers), method=request.method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return HttpResponse(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as exc:
        return HttpResponse(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())
    except http.client.HTTPException as exc:  # IncompleteRead, RemoteDisconnected: cut off mid-answer
        raise QueryError(
            f"{request.url} closed the connection before the answer was complete "
            "(a query that runs past the server's timeout is stopped this way)"
        ) from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QueryError(f"cannot reach {request.url} ({reason})") from exc


def http_request(
    method: str, url: str, body: bytes | None, transport: Transport | None, headers: Mapping[str, str]
) -> HttpResponse:
    return (transport or urllib_transport)(HttpRequest(method, url, dict(headers), body))


def run_remote(
    endpoint: str, query: str, bindings: Mapping[str, Binding] | None = None, *, transport: Transport | None = None
) -> Answer:
    """SPARQL 1.1 Protocol: POST the query; parse JSON results, or N-Triples for graphs.

    The endpoint decides its default graph: configure it as the union of named graphs
    (Oxigraph `--union-default-graph`, Fuseki `unionDefaultGraph`) for the saved queries.
    """
    import pyoxigraph as ox

    check_variables(query, bindings)
    response = http_request(
        "POST",
        endpoint,
        bind_values(query, bindings).encode("utf-8"),
        transport,
        {
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
    )
    if response.status >= 400:
        raise QueryError(f"{endpoint} refused the query (HTTP {response.status}): {_first_line(response.body)}")
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if media == "application/n-triples":
            return Answer(triples=tuple(q.triple for q in ox.parse(response.body, format=ox.RdfFormat.N_TRIPLES)))
        return answer_of(ox.parse_query_results(response.body, format=ox.QueryResultsFormat.JSON))
    except (SyntaxError, ValueError) as exc:
        if CANCELLED in response.body[-200:]:
            raise QueryError(f"{endpoint} stopped the query at its timeout") from exc
        raise QueryError(f"{endpoint} sent a result that is not SPARQL JSON ({media or 'no type'}): {exc}") from exc


def _first_line(body: bytes) -> str:
    lines = body.decode("utf-8", "replace").strip().splitlines()
    return lines[0][:300] if lines else "(no message)"


# --------------------------------------------------------------------------- push


@dataclass
class PushReport:
    endpoint: str
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def default_graph_store(endpoint: str) -> str:
    """Oxigraph's layout: SPARQL at /query, Graph Store Protocol at /store."""
    parts = urllib.parse.urlsplit(endpoint)
    if not parts.path.endswith("/query"):
        raise QueryError(f"cannot guess the Graph Store URL of {endpoint}: give --graph-store URL")
    return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "store", query=""))


def record_file(ws: Workspace, endpoint: str) -> Path:
    return ws.state_dir / "push" / f"{short_hash(endpoint)}.json"


def kb_graphs(ws: Workspace) -> dict[str, bytes]:
    """Every named graph of the KB as sorted N-Triples: stable bytes to hash and send."""
    graphs: dict[str, list[str]] = {}
    files: list[KbFile] = kb_files(ws)
    for kb_file in files:
        for quad in parse_quads(kb_file):
            graphs.setdefault(quad.graph_name.value, []).append(f"{quad.triple} .\n")
    return {name: "".join(sorted(set(lines))).encode("utf-8") for name, lines in sorted(graphs.items())}


def push(
    ws: Workspace, endpoint: str, graph_store: str | None = None, *, transport: Transport | None = None
) -> PushReport:
    """PUT each changed named graph to the Graph Store; DELETE graphs that left the KB.

    The record is written after every successful request, so a push that fails halfway
    resends only what did not arrive.
    """
    store_url = graph_store or default_graph_store(endpoint)
    path = record_file(ws, endpoint)
    try:
        record = json.loads(path.read_text("utf-8"))["graphs"]
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        record = {}
    report = PushReport(endpoint)
    graphs = kb_graphs(ws)

    def save() -> None:
        atomic_write_text(path, json.dumps({"endpoint": endpoint, "graphs": record}, indent=1, sort_keys=True))

    for name, data in graphs.items():
        digest = hashlib.sha256(data).hexdigest()
        if record.get(name) == digest:
            report.unchanged.append(name)
            continue
        _send(transport, "PUT", _graph_url(store_url, name), data)
        record[name] = digest
        report.sent.append(name)
        save()
    for name in sorted(set(record) - set(graphs)):
        _send(transport, "DELETE", _graph_url(store_url, name), None, missing_ok=True)
        del record[name]
        report.deleted.append(name)
        save()
    return report


def _graph_url(store_url: str, graph: str) -> str:
    joiner = "&" if urllib.parse.urlsplit(store_url).query else "?"
    return f"{store_url}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def _send(transport: Transport | None, method: str, url: str, data: bytes | None, missing_ok: bool = False) -> None:
    headers = {"Content-Type": "application/n-triples"} if data is not None else {}
    response = http_request(method, url, data, transport, headers)
    if response.status >= 400 and not (missing_ok and response.status == 404):
        raise QueryError(f"{method} {url} failed (HTTP {response.status}): {_first_line(response.body)}")
