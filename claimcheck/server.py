"""`claimcheck serve`: Oxigraph's read-only SPARQL server, restarted when a query runs away.

Oxigraph's `--timeout-s` is cooperative: a query stops only where the evaluator checks its
cancellation token. Measured on 0.5.13 with a 2 s timeout: COUNT or GROUP BY over a cross
product stops 6-20 s late, as HTTP 200 with a body cut off by "The SPARQL operation has
been cancelled"; a streamed SELECT * over a cross product ran on for minutes; an ORDER BY
over one collects rows until memory runs out (oxigraph#1871, #1336). So a watchdog reads
the server's threads in /proc four times a second. When one thread has worked on a query
(running, or sending results) for longer than the timeout plus `GRACE_S`, or the server's
resident memory passes a limit, the server is killed and started again on the same port:
the client of that query (and of any other query then running) sees its connection close,
and the next query is answered by the new server a fraction of a second later. Killing is
safe: the server is read-only, and the store lock stays with this process.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.errors import WorkspaceError
from claimcheck.store import OpenStore, serving_lock, store_dir
from claimcheck.workspace import Workspace

LOOPBACK = ("127.0.0.1", "::1", "localhost")
SAMPLE_S = 0.25  # how often the watchdog looks at the server
GRACE_S = 2.0  # past the timeout, so Oxigraph's own cancellation gets the first go
CRASHES_ALLOWED = 5  # crashes (not restarts by the watchdog) within CRASH_WINDOW_S before giving up
CRASH_WINDOW_S = 60.0
_STOPPED_BY_USER = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the PyPI `oxigraph` package)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise WorkspaceError("the 'oxigraph' server is not installed (pip install oxigraph)")
    return found


def server_command(ws: Workspace, host: str, port: int, timeout_s: float) -> list[str]:
    """Oxigraph's read-only SPARQL 1.1 Protocol server over the workspace's store."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_binary(), "serve-read-only", "--location", str(store_dir(ws)), "--bind", bind,
        "--union-default-graph", "--timeout-s", str(max(1, math.ceil(timeout_s))),
    ]  # fmt: skip


# --------------------------------------------------------------------------- the watchdog

WORKING, IDLE, OTHER = "working", "idle", "other"
# Linux system call numbers of a thread sending a response, and of one waiting for a request.
_SENDING = {"x86_64": {1, 20, 40, 44, 46, 307}, "aarch64": {64, 66, 71, 206, 211, 269}}
_WAITING = {"x86_64": {0, 19, 43, 45, 47, 288, 299}, "aarch64": {63, 65, 202, 207, 212, 242, 243}}


@dataclass
class Watchdog:
    """Decides from samples of the server's threads when it must be restarted.

    Pure bookkeeping (samples are passed in), so tests feed it made-up ones. A thread's
    busy streak starts when it is seen working on a query (running, or sending results),
    survives samples that show neither (a lock, a page fault) and ends when the thread is
    seen waiting for a request, or is gone.
    """

    limit_s: float
    max_rss: int
    _since: dict[int, float] = field(default_factory=dict)  # thread -> start of its busy streak

    def observe(self, at: float, activity: Mapping[int, str], rss: int) -> str | None:
        """Why the server must be restarted now, or None."""
        if rss > self.max_rss:
            return f"it held {rss >> 20} MB of memory (the limit is {self.max_rss >> 20} MB)"
        self._since = {thread: since for thread, since in self._since.items() if activity.get(thread, IDLE) != IDLE}
        for thread, doing in activity.items():
            if doing == WORKING:
                self._since.setdefault(thread, at)
        if any(at - since > self.limit_s for since in self._since.values()):
            return f"a query ran for more than {self.limit_s:g} s"
        return None

    def reset(self) -> None:
        self._since = {}


def thread_activity(pid: int) -> dict[int, str]:
    """WORKING, IDLE or OTHER for each thread of a process, from /proc.

    Oxigraph answers each connection on its own thread: running, it works on a query;
    blocked sending, it streams results to a client; blocked receiving, it waits for the
    next request. Where the system call cannot be read, only running counts as working.
    The main thread (opening the store, then waiting) runs no query and is left out.
    """
    sending, waiting = _SENDING.get(os.uname().machine, set()), _WAITING.get(os.uname().machine, set())
    activity: dict[int, str] = {}
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return activity
    for thread in threads:
        if thread == str(pid):
            continue
        folder = f"/proc/{pid}/task/{thread}"
        try:
            with open(f"{folder}/stat", encoding="ascii", errors="replace") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state in ("R", "D"):
            activity[int(thread)] = WORKING
            continue
        try:
            with open(f"{folder}/syscall", encoding="ascii") as handle:
                call = int(handle.read().split()[0])
        except (OSError, ValueError, IndexError):
            activity[int(thread)] = IDLE
            continue
        activity[int(thread)] = WORKING if call in sending else IDLE if call in waiting else OTHER
    return activity


def resident_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def default_max_memory() -> int:
    """Half the machine's memory: a runaway ORDER BY must not take the whole machine down."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024 // 2
    except (OSError, ValueError, IndexError):
        pass
    return 4 << 30


# --------------------------------------------------------------------------- serving


def serve(
    ws: Workspace,
    host: str,
    port: int,
    timeout_s: float,
    *,
    on_start: Callable[[OpenStore], None],
    on_restart: Callable[[str], None] = lambda reason: None,
    max_memory: int | None = None,
) -> int:
    """Run the server until it exits or this process is interrupted; returns its exit code.

    The lock descriptor is inherited by every server started, so no sync can write the
    store under it even if this process dies first. SIGINT/SIGTERM are passed on, then the
    server is killed if it has not stopped within a few seconds.
    """
    watchdog = Watchdog(timeout_s + GRACE_S, max_memory or default_max_memory())
    with serving_lock(ws) as handle:
        assert handle.lock is not None
        command = server_command(ws, host, port, timeout_s)
        lock_fd = handle.lock.fileno()
        process = subprocess.Popen(command, pass_fds=(lock_fd,))
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        crashes: list[float] = []
        try:
            on_start(handle)
            while True:
                reason = _watch(process, watchdog)
                code = process.returncode
                if reason is None:  # the server stopped by itself
                    if code >= 0 or -code in _STOPPED_BY_USER:
                        return max(code, 0)
                    now = time.monotonic()
                    crashes = [t for t in crashes if now - t < CRASH_WINDOW_S] + [now]
                    if len(crashes) > CRASHES_ALLOWED:
                        return 128 - code
                    reason = f"it stopped on signal {-code}"
                on_restart(reason)
                watchdog.reset()
                process = subprocess.Popen(command, pass_fds=(lock_fd,))
        except KeyboardInterrupt:
            return _stop(process)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                _stop(process)


def _watch(process: subprocess.Popen[bytes], watchdog: Watchdog) -> str | None:
    """Wait until the server exits (None) or must be restarted (why; it is killed first)."""
    while True:
        try:
            process.wait(timeout=SAMPLE_S)
            return None
        except subprocess.TimeoutExpired:
            pass
        reason = watchdog.observe(time.monotonic(), thread_activity(process.pid), resident_bytes(process.pid))
        if reason is not None:
            process.kill()
            process.wait()
            return reason


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return 0
