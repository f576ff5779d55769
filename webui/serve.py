"""`referatsog serve`: build the index when there is none, then serve the site with waitress.

Waitress is a production WSGI server in pure Python: threads, no fork, the same on Linux,
macOS and Windows. Its threads share one interpreter lock, so one process searches on one
core at a time: at 100k passages 8 concurrent clients got the throughput of one (issue 6).
On Linux, therefore, `workers` forked processes run waitress on one shared listening socket
(`webui.workers`). Elsewhere (macOS, where forking a process that may have loaded system
frameworks is unsafe, and Windows, which cannot fork) and with one worker, it is one
waitress process.

The address is bound (`webui.listening`), and the app built with its settings, once before
the workers start (a bad setting is one line, not a worker dying again and again); then a
missing index is built (`webui.first_build`), the workers' 503 saying meanwhile that it is being
built; an existing index whose source files the corpus folder does not hold is one warning
line (`corpus_warning`), and so is one built by a release that reads documents differently
(`stale_warning`). Ctrl+C reaches every process of the
terminal's process group: the workers stop and the parent waits for them; SIGTERM (systemd,
docker stop) stops the site as Ctrl+C does, one process or many, and a SIGTERM to the parent
is passed on to the workers; a worker whose parent died exits. Flask's debug server is never
used. The administrator's log goes to stderr (`webui.stderr_log`).

Waitress is set for being reachable directly as well as behind a proxy (`SERVER_OPTIONS`):
many idle or slow connections do not lock the site out, a request body (which no page
reads) is refused beyond a few kilobytes instead of being spooled to disk, and the
`X-Forwarded-*` headers that waitress clears by default reach the app only when
`REFERATSOG_TRUSTED_PROXIES` says a proxy is trusted (`webui.create_app`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import waitress

from indexer.progress import Progress
from indexer.settings import default_index_dir, from_environment, resolve_corpus
from indexer.settings import indexed_corpus  # noqa: F401 (its home was here: tests import it from serve)

from . import create_app
from .accesslog import AccessLog
from .config import ConfigError, integer
from .errors import mark_index_building
from .exports import limit_exports
from .first_build import build_index, corpus_warning, ensure_index, stale_warning, index_needed
from .index import start_warming
from .listening import listen
from .refusals import speak_danish
from .serve_error import ServeError
from .stderr_log import LOG_FORMAT, BackgroundStderr, configure_logging
from .workers import StopChecking, await_idle_threads, interrupt
from .workers import run_workers as _run_workers  # serve() calls it by this name, which tests replace

# Eight concurrent clients (issue 6) plus headroom for static files and slow readers, in all.
THREADS = 12
MAX_WORKERS = 4
MAX_CHOSEN_WORKERS = 64  # REFERATSOG_WORKERS may ask for more than the default's cap, within reason
WORKERS_ENV = "REFERATSOG_WORKERS"

# Waitress's settings (per process) besides sockets and threads. Its defaults let 100 idle
# connections per process (a slow client that never finishes its headers) lock everyone else
# out for two minutes, and spool a request body of up to 1 GB to disk before answering.
SERVER_OPTIONS: dict[str, Any] = {
    "ident": "Referatsog",
    "connection_limit": 1000,  # open connections per process; idle ones cost a socket, not a thread
    "asyncore_use_poll": True,  # select() cannot watch more than 1024 sockets
    "channel_timeout": 30,  # seconds a connection may sit idle (slow or stalled clients, keep-alive)
    "max_request_body_size": 64 * 1024,  # every page is a GET: 413 beyond this, nothing spooled
}
OPEN_FILES = 4096  # soft limit wanted for connections plus index files (raised up to the hard limit)


def default_workers() -> int:
    """`REFERATSOG_WORKERS`, else one process per usable core (at most `MAX_WORKERS`); 1 where
    forking is not used. A value that is no number of processes is a `ServeError`."""
    chosen = os.environ.get(WORKERS_ENV, "").strip()
    if chosen:
        try:
            workers = integer(1, MAX_CHOSEN_WORKERS)(chosen)
        except ValueError as error:
            raise ServeError(f"ugyldig indstilling: {WORKERS_ENV} {error}.") from None
        return workers if sys.platform.startswith("linux") else 1
    if not sys.platform.startswith("linux"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def serve(host: str = "127.0.0.1", port: int = 5000, index_dir: str | Path | None = None,
          corpus_dir: str | Path | None = None, threads: int = THREADS, workers: int | None = None,
          progress: Any = None, trusted_proxies: int | None = None) -> None:
    """Serve Referatsøg on http://host:port/ until interrupted.

    The address is bound first and the settings read, so a port in use, a host that cannot be
    used or a bad setting is reported (`ServeError`) before a long index build, not after it.
    On Linux an index is built while the workers already answer: 503 `index_missing` (JSON on
    `/healthz`) until it is committed, not a connection that hangs for the whole build."""
    index_path = Path(index_dir).expanduser() if index_dir else default_index_dir()
    corpus_path = resolve_corpus(corpus_dir, index_path)
    named = {"index_setting": "REFERATSOG_INDEX" if from_environment("REFERATSOG_INDEX", index_dir) else "",
             "corpus_setting": "REFERATSOG_CORPUS" if from_environment("REFERATSOG_CORPUS", corpus_dir) else ""}
    workers = default_workers() if workers is None else max(1, workers)  # a bad REFERATSOG_WORKERS: before anything
    sockets = listen(host, port)
    with contextlib.ExitStack() as listening:  # the sockets are given back however serve ends
        for sock in sockets:
            listening.enter_context(sock)
        config: dict[str, Any] = {"INDEX_DIR": str(index_path)}
        if corpus_dir:  # named: else the app takes it from the index (or the variable), and follows it
            config["CORPUS_DIR"] = str(corpus_path)
        if trusted_proxies is not None:  # `serve --trusted-proxies`, over REFERATSOG_TRUSTED_PROXIES
            config["TRUSTED_PROXIES"] = trusted_proxies
        try:  # before a build, which may take an hour: a bad setting is said at once
            app = create_app(config)
        except ConfigError as error:
            raise ServeError(f"ugyldig indstilling: {error}") from None
        if warning := base_url_warning(host, app.config.get("BASE_URL", "")):
            print(warning, file=sys.stderr, flush=True)
        building = index_needed(index_path, corpus_path, **named)
        if not building:  # a wrong --corpus: every source link would answer 404, without a word
            for warning in (corpus_warning(index_path, corpus_path, corpus_setting=named["corpus_setting"]),
                            stale_warning(index_path, named["index_setting"])):
                if warning:
                    print(warning, file=sys.stderr, flush=True)
        _raise_open_files_limit()
        options = server_options(app.config)
        site = AccessLog(app)
        forking = sys.platform.startswith("linux")
        if not forking:
            workers = 1
        shown_host = f"[{host}]" if ":" in host else host
        if workers == 1 and not (building and forking):
            if building:  # no process to serve meanwhile: build, then serve
                build_index(index_path, corpus_path, progress)
            configure_logging()
            start_warming(app)
            limit_exports(threads)  # CSV files built at once: never every thread
            print(started_line(shown_host, port, 1), flush=True)
            previous = signal.signal(signal.SIGTERM, interrupt)
            try:
                server = speak_danish(waitress.create_server(site, sockets=sockets, threads=threads, **options))
                await_idle_threads(server)
                server.run()  # returns on Ctrl+C or SIGTERM, after the requests under way (up to 5 s)
            except KeyboardInterrupt:
                pass
            finally:
                signal.signal(signal.SIGTERM, previous)
                BackgroundStderr.drain()
            print("Referatsøg er stoppet.", flush=True)
            return
        # Forked workers serve; this process builds the index meanwhile, if there is none (without
        # threads of its own, so that the build may fork its helper writer), then watches them.
        print(started_line(shown_host, port, workers), flush=True)
        # The build reports through StopChecking: a SIGTERM or Ctrl+C lost while forking still stops it.
        checked = StopChecking(progress if progress is not None else Progress())
        build: Callable[[], None] | None = None
        if building:
            # The workers' 503 says the index is being built (not "build it"), while it is: a flag
            # in shared memory, set before they fork, cleared here when the build ends.
            from multiprocessing.sharedctypes import RawValue

            under_way = RawValue("b", 1)
            mark_index_building(app, lambda: bool(under_way.value))

            def build_while_serving() -> None:
                try:
                    build_index(index_path, corpus_path, checked, serving=True)
                finally:
                    under_way.value = 0

            build = build_while_serving
        limit_exports(max(2, -(-threads // workers)))  # each worker's, set before they fork
        _run_workers(site, sockets, max(2, -(-threads // workers)), workers, options, build)
        print("Referatsøg er stoppet.", flush=True)


def started_line(shown_host: str, port: int, workers: int) -> str:
    """The line that says the site answers, and where."""
    processes = f" i {workers} processer" if workers > 1 else ""
    return f"Referatsøg kører på http://{shown_host}:{port}/{processes} (stop med Ctrl+C)"


def server_options(config: Any) -> dict[str, Any]:
    """Waitress's settings for this app: `SERVER_OPTIONS`, and the proxy headers left for the
    app's `ProxyFix` when it trusts a proxy (waitress clears them otherwise)."""
    return {**SERVER_OPTIONS, "clear_untrusted_proxy_headers": not int(config.get("TRUSTED_PROXIES") or 0)}


def _raise_open_files_limit() -> None:
    """Raise the soft limit of open files towards `OPEN_FILES` (each connection is a socket)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = OPEN_FILES if hard == resource.RLIM_INFINITY else min(OPEN_FILES, hard)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):  # Windows, or not allowed: keep the limit
        pass


def base_url_warning(host: str, base_url: str) -> str | None:
    """A line for the administrator when the site listens beyond this machine without
    `REFERATSOG_BASE_URL`: its absolute links (citations, source links, the feed) are then
    built from the request's Host header, which any client sets as it likes.

    >>> base_url_warning("127.0.0.1", "") is None, base_url_warning("0.0.0.0", "https://x.dk") is None
    (True, True)
    >>> base_url_warning("0.0.0.0", "").startswith("Bemærk: siden lytter på 0.0.0.0")
    True
    """
    if base_url:
        return None
    try:
        if host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:  # a host name: another machine may reach it
        pass
    return (f"Bemærk: siden lytter på {host} uden REFERATSOG_BASE_URL: henvisningernes, kildelinkenes og feedets "
            "fulde adresser bygges af forespørgslens Host-header, som enhver klient kan sætte. "
            "Sæt REFERATSOG_BASE_URL til sidens offentlige adresse.")


def free_port() -> int:
    """A free loopback port, for running the site in a subprocess (browser test, benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_server_process(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a `referatsog serve` subprocess: SIGTERM, which it passes on to its workers, and
    SIGKILL if it has not exited after `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# With what moved to webui.first_build and webui.stderr_log, still importable from here.
__all__ = ["LOG_FORMAT", "MAX_CHOSEN_WORKERS", "MAX_WORKERS", "OPEN_FILES", "SERVER_OPTIONS", "THREADS", "WORKERS_ENV",
           "AccessLog", "BackgroundStderr", "ServeError", "build_index", "configure_logging", "default_workers",
           "ensure_index", "free_port", "index_needed", "serve", "server_options", "stop_server_process"]


if __name__ == "__main__":  # python -m webui.serve [port]
    serve(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
