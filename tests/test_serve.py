"""Real servers on loopback: push the KB to PyPI's Oxigraph server and query it over HTTP;
`claimcheck serve` answers the SPARQL protocol read-only. Every server is bounded in time
and stopped in a `finally`."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.client import HTTPConnection, HTTPException
from pathlib import Path

import pytest
from test_query import COUNT_CLAIMS, hand_built_kb, wire_extraction
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import QueryError
from claimcheck.graph import write_source_graph
from claimcheck.query import run, saved_queries, to_json
from claimcheck.remote import push, run_remote
from claimcheck.server import GRACE_S, IDLE, OTHER, WORKING, Watchdog, oxigraph_binary
from claimcheck.store import open_store
from claimcheck.workspace import Workspace

BIN = Path(sys.executable).parent
START_TIMEOUT_S = 20.0
PARAMS = {"claims-about": {"entity": "MiniMax"}, "single-source": {"entity": "anthropic"}, "sources-by-origin": {}}
runner = CliRunner()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("content-type", ""), exc.read()


def get_query(port: int, query: str, accept: str) -> tuple[int, str, bytes]:
    url = f"http://127.0.0.1:{port}/query?{urllib.parse.urlencode({'query': query})}"
    return http("GET", url, headers={"Accept": accept})


@contextlib.contextmanager
def running(args: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait until it answers, always stop it (SIGINT, then kill)."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"server exited with {process.returncode}: {err.decode()} {out.decode()}")
            with contextlib.suppress(OSError):
                if get_query(port, "ASK {}", "application/sparql-results+json")[0] == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail("server did not start in time")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def port_closed(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture()
def ws(tmp_path: Path) -> Workspace:
    return hand_built_kb(tmp_path / "ws")


def test_push_to_a_real_oxigraph_gives_the_same_answers_as_the_embedded_store(ws: Workspace, tmp_path: Path) -> None:
    port = free_port()
    args = [oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph", "--timeout-s", "10"]  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}/query"
    with running(args, port):
        assert len(push(ws, endpoint).sent) == 4
        for query in saved_queries(ws):
            params = PARAMS.get(query.name, {})
            local, _ = run(ws, query.text, params)
            remote = run_remote(endpoint, query.text, params)
            assert local.rows, query.name
            assert to_json(remote) == to_json(local), query.name
        result = runner.invoke(app, ["sparql", "--store", endpoint, "-n", "spelling-variants", "--format", "csv"])
        assert result.stdout.splitlines()[1] == "daily-b,Miniax,MiniMax,misspelling,1,0.92"
        # Only the changed graph travels; the remote store then answers with the new figure.
        write_source_graph(ws, wire_extraction("over 14 million exchanges"))
        assert push(ws, endpoint).sent == ["https://w3id.org/claimcheck/id/graph/source/wire-a"]
        figures = "SELECT ?t WHERE { ?f <https://w3id.org/claimcheck/vocab#surfaceText> ?t FILTER(CONTAINS(?t, 'million')) } ORDER BY ?t"
        assert to_json(run_remote(endpoint, figures)) == to_json(run(ws, figures)[0])
        assert "over 14 million exchanges" in to_json(run_remote(endpoint, figures))
    assert port_closed(port)


def test_claimcheck_serve_answers_json_and_csv_and_refuses_updates(ws: Workspace) -> None:
    port = free_port()
    args = [str(BIN / "claimcheck"), "serve", "--home", str(ws.home), "--port", str(port), "--timeout", "5"]
    with running(args, port) as server:
        status, media, body = get_query(port, COUNT_CLAIMS, "application/sparql-results+json")
        assert status == 200 and media.startswith("application/sparql-results+json")
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
        status, media, body = get_query(port, "SELECT ?id WHERE { ?s <https://schema.org/identifier> ?id } ORDER BY ?id", "text/csv")
        assert status == 200 and media.startswith("text/csv") and body.decode().split() == ["id", "daily-b", "wire-a"]
        status, _, body = http("POST", f"http://127.0.0.1:{port}/query", COUNT_CLAIMS.encode(),
                               {"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"})  # fmt: skip
        assert status == 200 and body.decode().splitlines()[0] == "?n"
        update = b"INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> 1 } }"
        status, _, _ = http("POST", f"http://127.0.0.1:{port}/update", update, {"Content-Type": "application/sparql-update"})
        assert status in (403, 404, 405)
        status, _, _ = http("PUT", f"http://127.0.0.1:{port}/store?graph=http%3A%2F%2Fe%2Fg", b"<http://e/a> <http://e/p> 1 .",
                            {"Content-Type": "application/n-triples"})  # fmt: skip
        assert status in (403, 404, 405)
        assert json.loads(get_query(port, COUNT_CLAIMS, "application/json")[2])["results"]["bindings"][0]["n"]["value"] == "3"
        # While served, the CLI still answers, read-only and marked stale once kb/ moves on.
        assert run(ws, COUNT_CLAIMS)[1] is False
        ws.source_graph_file("daily-b").unlink()
        answer, stale = run(ws, COUNT_CLAIMS)
        assert stale and str(answer.rows[0][0].value) == "3"
        result = runner.invoke(app, ["sparql", COUNT_CLAIMS, "--home", str(ws.home)])
        assert result.stdout.split() == ["n", "3"] and result.stderr.startswith("Note: the store is being served")
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0
    assert port_closed(port)
    with open_store(ws) as handle:  # the lock is free again: the next query syncs
        assert handle.report.removed == ["https://w3id.org/claimcheck/id/graph/source/daily-b"]


def test_serve_reports_a_busy_port_in_one_line(ws: Workspace) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(BIN / "claimcheck"), "serve", "--home", str(ws.home), "--port", str(port)],
            check=False, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"Error: the SPARQL server stopped with exit code 1 (is port {port} free?)"


CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 47 million rows, streamed


def test_the_watchdog_restarts_for_a_query_past_the_limit_or_too_much_memory() -> None:
    dog = Watchdog(limit_s=3.0, max_rss=1 << 30)
    # Thread 7 works on one query throughout (blocked on a lock once); thread 8 answers
    # short queries and waits for the next between them; thread 9 is the accept loop.
    for step in range(13):
        at = step * 0.25
        activity = {7: OTHER if step == 5 else WORKING, 8: WORKING if step % 3 else IDLE, 9: IDLE}
        assert dog.observe(at, activity, 50 << 20) is None, step
    assert dog.observe(3.25, {7: WORKING, 8: WORKING, 9: IDLE}, 50 << 20) == "a query ran for more than 3 s"
    dog.reset()
    # A streak ends when the thread waits for a request, or is gone.
    for step in range(40):
        activity = {7: IDLE if step % 10 == 9 else WORKING} if step < 30 else {8: WORKING}
        assert dog.observe(step * 0.25, activity, 50 << 20) is None, step
    assert dog.observe(10.0, {}, 2 << 30) == "it held 2048 MB of memory (the limit is 1024 MB)"


def read_until_cut_off(port: int, query: str, limit_s: float) -> tuple[str, float]:
    """POST a query and read (discarding) its answer; how it ended and after how long."""
    started = time.monotonic()
    connection = HTTPConnection("127.0.0.1", port, timeout=limit_s)
    try:
        connection.request("POST", "/query", query.encode(), {"Content-Type": "application/sparql-query"})
        response = connection.getresponse()
        tail = b""
        while time.monotonic() - started < limit_s:
            chunk = response.read1(1 << 16)
            if not chunk:
                return ("cancelled" if b"has been cancelled" in tail else "complete"), time.monotonic() - started
            tail = (tail + chunk)[-200:]
        return "still running", time.monotonic() - started
    except (HTTPException, OSError):
        return "cut off", time.monotonic() - started
    finally:
        connection.close()


def next_answer(port: int, wait_s: float = 5.0) -> tuple[int, bytes]:
    deadline = time.monotonic() + wait_s
    while True:  # a restarted server takes a moment to open the store and listen
        with contextlib.suppress(OSError):
            status, _, body = get_query(port, COUNT_CLAIMS, "application/sparql-results+json")
            return status, body
        assert time.monotonic() < deadline, "the server did not come back"
        time.sleep(0.05)


def test_serve_cuts_off_a_runaway_query_and_answers_the_next_one(ws: Workspace) -> None:
    """Oxigraph's --timeout-s lets a streamed cross product run on; the watchdog stops it."""
    port, timeout = free_port(), 1
    args = [str(BIN / "claimcheck"), "serve", "--home", str(ws.home), "--port", str(port), "--timeout", str(timeout)]
    with running(args, port) as server:
        ended, after = read_until_cut_off(port, CROSS_PRODUCT, limit_s=30)
        assert ended in ("cut off", "cancelled") and after < timeout + GRACE_S + 5  # + a few samples on a busy machine
        status, body = next_answer(port)
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
        with pytest.raises(QueryError, match="closed the connection before the answer was complete|stopped the query"):
            run_remote(f"http://127.0.0.1:{port}/query", CROSS_PRODUCT.replace("*", "?a"))
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=10)
        assert server.returncode == 0
    if ended == "cut off":  # not Oxigraph's own cancellation: the watchdog's restart
        assert f"Note: restarted the SPARQL server: a query ran for more than {timeout + GRACE_S:g} s;" in err.decode()
    assert port_closed(port)


def test_serve_restarts_the_server_before_an_order_by_takes_all_memory(ws: Workspace) -> None:
    """ORDER BY collects every row first and Oxigraph never cancels it; bounded here to a
    few million rows in case the watchdog failed."""
    port = free_port()
    args = [str(BIN / "claimcheck"), "serve", "--home", str(ws.home), "--port", str(port), "--timeout", "30",
            "--max-memory", "200"]  # fmt: skip
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g a ?h } ORDER BY ?c ?f ?h LIMIT 1"
    with running(args, port) as server:
        ended, _ = read_until_cut_off(port, query, limit_s=30)
        assert ended == "cut off"
        assert next_answer(port)[0] == 200
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=10)
    assert "Note: restarted the SPARQL server: it held " in err.decode() and "(the limit is 200 MB)" in err.decode()
