"""`referatsog serve`: build the index when there is none, then serve the site with waitress.

Waitress is a production WSGI server in pure Python: threads, no fork, the same on Linux,
macOS and Windows. Its threads share one interpreter lock, so one process searches on one
core at a time: at 100k passages 8 concurrent clients got the throughput of one (issue 6).

Both cores, on Linux: the listening socket is bound once, here, and `workers` forked
processes (one per usable core, `REFERATSOG_WORKERS` to choose) each run waitress on that
same socket, each with its own searchers and per-generation caches (cheap since segments
are plain files read through the shared page cache, `search.index`). A shared socket, not
`SO_REUSEPORT`: the kernel hands a new connection to whichever process accepts first, and
a worker stops accepting while another holds fewer open connections (`_accept_fairly`),
whereas `SO_REUSEPORT` spreads connections by a hash whatever the load. Elsewhere (macOS,
where forking a process that may have loaded system frameworks is unsafe, and Windows,
which cannot fork) and with one worker, it is one waitress process as before.

The index is built, when missing, and the app with its settings, once before the workers
start (a bad setting is one line, not a worker dying again and again). Ctrl+C reaches every
process of the terminal's process group: the workers stop and the parent waits for them;
SIGTERM (systemd, docker stop) stops the site as Ctrl+C does, one process or many, and a
SIGTERM to the parent is passed on to the workers; a worker whose parent died exits.
Flask's debug server is never used.

For the administrator, on stderr: one access-log line per request (`AccessLog`, the
combined log format plus the time taken) and warnings and errors with their tracebacks,
each with a timestamp. Users never see a traceback (`webui.errors`).

Waitress is set for being reachable directly as well as behind a proxy (`SERVER_OPTIONS`):
many idle or slow connections do not lock the site out, a request body (which no page
reads) is refused beyond a few kilobytes instead of being spooled to disk, and the
`X-Forwarded-*` headers that waitress clears by default reach the app only when
`REFERATSOG_TRUSTED_PROXIES` says a proxy is trusted (`webui.create_app`).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import waitress

from indexer.extract import index_write_error, os_error_text
from indexer.progress import printable
from indexer.settings import default_corpus, default_index_dir, from_environment, index_dir_problem, write_advice

from . import create_app
from .accesslog import ACCESS_LOGGER, AccessLog
from .config import ConfigError, integer
from .index import start_warming
from .refusals import listeners, speak_danish

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
LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"


class ServeError(Exception):
    """Why the site cannot start, in one Danish line for the user (no traceback)."""


def ensure_index(index_dir: Path, corpus_dir: Path, progress: Any = None, *, index_setting: str = "",
                 corpus_setting: str = "") -> bool:
    """Build the index from `corpus_dir` if `index_dir` holds none; True when it built one.

    Prints, as `referatsog index` does, the summary with every skipped file and its reason.
    A corpus folder that does not exist is refused (`ServeError`), not built into an empty index;
    so is an index folder this user cannot read (it is not "no index"). `index_setting` and
    `corpus_setting` name the variable a folder came from, for the message.
    """
    needed = index_needed(index_dir, corpus_dir, index_setting=index_setting, corpus_setting=corpus_setting)
    if needed:
        build_index(index_dir, corpus_dir, progress)
    return needed


def index_needed(index_dir: Path, corpus_dir: Path, *, index_setting: str = "", corpus_setting: str = "") -> bool:
    """Whether `index_dir` holds no index this code can search, so that one must be built from
    `corpus_dir`; a `ServeError` when it cannot be (see `ensure_index`). Reads, writes nothing."""
    from search import open_index
    from search.api import IndexMissing

    problem = index_dir_problem(index_dir)
    if problem:
        raise ServeError(f"{index_setting + ': ' if index_setting else ''}{problem}.")
    try:
        open_index(index_dir).close()
        return False
    except IndexMissing:
        pass
    fix = f"ret {corpus_setting}, eller angiv mappen med --corpus" if corpus_setting else "angiv den med --corpus"
    if not corpus_dir.exists():
        raise ServeError(f"intet søgeindeks i {printable(str(index_dir))}, og dokumentmappen findes ikke: "
                         f"{printable(str(corpus_dir))} ({fix}).")
    if not corpus_dir.is_dir():
        raise ServeError(f"dokumentmappen er ikke en mappe: {printable(str(corpus_dir))} ({fix}).")
    return True


def build_index(index_dir: Path, corpus_dir: Path, progress: Any = None, serving: bool = False) -> None:
    """Build the index of `corpus_dir` in `index_dir`, saying so before and after (`serving`:
    while the site answers). Its failures are `ServeError`s; Ctrl+C is said and passed on."""
    from search import IndexLocked, IndexWriteFailed, index_outdated

    from indexer.progress import format_summary
    from indexer.topics import VocabularyError
    from indexer.update import update_index

    meanwhile = " Siden svarer imens med 503 (søgeindekset mangler)." if serving else ""
    if index_outdated(index_dir):
        print(f"Søgeindekset i {printable(str(index_dir))} er bygget af en anden version af Referatsøg; "
              f"bygger det forfra fra {printable(str(corpus_dir))} …{meanwhile}", flush=True)
    else:
        print(f"Intet søgeindeks i {printable(str(index_dir))}; bygger det fra {printable(str(corpus_dir))} …{meanwhile}",
              flush=True)
    try:
        report = update_index([corpus_dir], index_dir, progress=progress)
    except (IndexLocked, VocabularyError) as error:
        raise ServeError(str(error)) from None
    except IndexWriteFailed as error:  # a helper process failed (disk full), or the folder holds other files
        advice = write_advice(error)
        raise ServeError(f"{str(error).rstrip('.')} – {advice}." if advice else str(error)) from None
    except OSError as error:  # of the index folder itself (no write access, disk full)
        advice = write_advice(error)
        raise ServeError(f"{index_write_error(error, index_dir)}{' – ' + advice if advice else ''}.") from None
    except KeyboardInterrupt:
        print("Indekseringen blev afbrudt; der er stadig intet søgeindeks.", flush=True)
        raise
    print(f"Indekset er bygget. {format_summary(report, index_dir)}", flush=True)


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
    corpus_path = Path(corpus_dir).expanduser() if corpus_dir else default_corpus()
    named = {"index_setting": "REFERATSOG_INDEX" if from_environment("REFERATSOG_INDEX", index_dir) else "",
             "corpus_setting": "REFERATSOG_CORPUS" if from_environment("REFERATSOG_CORPUS", corpus_dir) else ""}
    workers = default_workers() if workers is None else max(1, workers)  # a bad REFERATSOG_WORKERS: before anything
    sockets = _listen(host, port)
    with contextlib.ExitStack() as listening:  # the sockets are given back however serve ends
        for sock in sockets:
            listening.enter_context(sock)
        config: dict[str, Any] = {"INDEX_DIR": str(index_path), "CORPUS_DIR": str(corpus_path)}
        if trusted_proxies is not None:  # `serve --trusted-proxies`, over REFERATSOG_TRUSTED_PROXIES
            config["TRUSTED_PROXIES"] = trusted_proxies
        try:  # before a build, which may take an hour: a bad setting is said at once
            app = create_app(config)
        except ConfigError as error:
            raise ServeError(f"ugyldig indstilling: {error}") from None
        building = index_needed(index_path, corpus_path, **named)
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
            print(f"Referatsøg kører på http://{shown_host}:{port}/  (stop med Ctrl+C)", flush=True)
            previous = signal.signal(signal.SIGTERM, _interrupt)
            try:
                server = speak_danish(waitress.create_server(site, sockets=sockets, threads=threads, **options))
                _await_idle_threads(server)
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
        processes = f" i {workers} processer" if workers > 1 else ""
        print(f"Referatsøg kører på http://{shown_host}:{port}/{processes}  (stop med Ctrl+C)", flush=True)
        build = (lambda: build_index(index_path, corpus_path, progress, serving=True)) if building else None
        _run_workers(site, sockets, max(2, -(-threads // workers)), workers, options, build)
        print("Referatsøg er stoppet.", flush=True)


def server_options(config: Any) -> dict[str, Any]:
    """Waitress's settings for this app: `SERVER_OPTIONS`, and the proxy headers left for the
    app's `ProxyFix` when it trusts a proxy (waitress clears them otherwise)."""
    return {**SERVER_OPTIONS, "clear_untrusted_proxy_headers": not int(config.get("TRUSTED_PROXIES") or 0)}


def configure_logging() -> None:
    """Warnings and errors (tracebacks included) and the access log to stderr, with timestamps,
    through `BackgroundStderr`: no request ever waits for stderr."""
    root = logging.getLogger()
    if not root.handlers:
        handler = BackgroundStderr()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    access = logging.getLogger(ACCESS_LOGGER)
    if not access.handlers:
        handler = BackgroundStderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False


class BackgroundStderr(logging.Handler):
    """A log handler that hands its lines to one background thread per process, which writes
    them to stderr.

    A request thread never blocks on a log line: when stderr is a pipe nobody reads (a full
    pipe buffer, a stalled supervisor), lines beyond `QUEUED` are dropped, and the writer says
    how many once it can write again. Flushing and closing never wait, so the process can
    always stop. A forked worker starts its own writer.
    """

    QUEUED = 10_000
    _lines: queue.Queue[str] | None = None
    _dropped = 0

    def __init__(self) -> None:
        super().__init__()
        if BackgroundStderr._lines is None:
            BackgroundStderr._start()
            os.register_at_fork(after_in_child=BackgroundStderr._start)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + "\n"
        except Exception:  # noqa: BLE001 (a record that cannot be formatted)
            self.handleError(record)
            return
        try:
            self._lines.put_nowait(line)  # type: ignore[union-attr]
        except queue.Full:
            BackgroundStderr._dropped += 1

    @classmethod
    def _start(cls) -> None:
        cls._lines, cls._dropped = queue.Queue(cls.QUEUED), 0
        threading.Thread(target=cls._write, args=(cls._lines,), name="log-writer", daemon=True).start()

    @classmethod
    def _write(cls, lines: queue.Queue[str]) -> None:
        reported = 0
        while True:
            text = lines.get()
            if cls._dropped != reported:
                text = f"({cls._dropped - reported} log lines dropped: stderr was not read)\n" + text
                reported = cls._dropped
            data = text.encode("utf-8", "backslashreplace")
            try:
                while data:
                    data = data[os.write(2, data):]
            except OSError:  # stderr closed: nothing more can be said
                return
            lines.task_done()

    @classmethod
    def drain(cls, timeout: float = 1.0) -> None:
        """Give the writer up to `timeout` seconds to write what is queued (before exiting)."""
        deadline = time.monotonic() + timeout
        while cls._lines is not None and cls._lines.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM as Ctrl+C: waitress finishes the requests under way and stops; the parent of
    the workers stops them (`_run_workers`)."""
    raise KeyboardInterrupt


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


def _listen(host: str, port: int) -> list[socket.socket]:
    """Bound, listening sockets for every address of `host` (as waitress binds them).

    A port in use, a host that is no address of this machine or cannot be resolved, a port
    that needs privileges: `ServeError` with the reason in Danish."""
    sockets: list[socket.socket] = []
    seen = set()
    try:
        try:
            addresses = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
        except socket.gaierror as error:
            reason = _HOST_REASONS.get(error.errno, error.strerror or str(error))
            raise ServeError(f"værten «{printable(host)}» kan ikke bruges: {reason} (vælg en anden med --host).") from None
        except (UnicodeError, ValueError):  # a label over 63 characters, a NUL …
            raise ServeError(f"værten «{printable(host)}» kan ikke bruges: ikke et gyldigt navn eller en gyldig adresse "
                             "(vælg en anden med --host).") from None
        for family, kind, proto, _name, address in addresses:
            if (family, address) in seen:
                continue
            seen.add((family, address))
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as error:
                raise ServeError(_bind_failure(host, port, error)) from None
            sock.listen(1024)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


_HOST_REASONS = {
    socket.EAI_NONAME: "navnet eller adressen kendes ikke",
    getattr(socket, "EAI_NODATA", socket.EAI_NONAME): "navnet har ingen adresse",
    socket.EAI_AGAIN: "navnet kunne ikke slås op lige nu (prøv igen)",
    socket.EAI_FAIL: "navnet kunne ikke slås op",
    socket.EAI_FAMILY: "adressetypen understøttes ikke",
}


def _bind_failure(host: str, port: int, error: OSError) -> str:
    """Why binding `host`:`port` failed, in one Danish line."""
    if error.errno == errno.EADDRINUSE:
        return f"port {port} er allerede i brug (vælg en anden med --port)."
    if error.errno == errno.EACCES:
        return f"port {port} kræver særlige rettigheder (vælg en port over 1023 med --port)."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"værten «{printable(host)}» kan ikke bruges: den er ikke en adresse på denne maskine (vælg en anden med --host)."
    return f"kan ikke lytte på {printable(host)}:{port}: {os_error_text(error)}."


def _run_workers(site: AccessLog, sockets: list[socket.socket], threads: int, workers: int,
                 options: dict[str, Any], build: Callable[[], None] | None = None) -> None:
    """Fork the workers, run `build` (the index) here while they answer, restart a worker that
    dies, stop them all on Ctrl+C or SIGTERM, or when the build fails (its `ServeError` passes)."""
    from multiprocessing.sharedctypes import RawArray

    parent = os.getpid()
    children: dict[int, int] = {}  # pid -> worker slot
    connections = RawArray("i", workers)  # open connections per worker, shared with the forks
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        while True:
            for slot in sorted(set(range(workers)) - set(children.values())):
                connections[slot] = 0
                pid = os.fork()
                if pid == 0:
                    _worker(site, sockets, threads, parent, slot, connections, options)  # never returns
                children[pid] = slot
            if build is not None:
                build, building = None, build
                building()  # a worker that dies meanwhile is restarted afterwards
                continue
            pid, _status = os.wait()
            children.pop(pid, None)
            time.sleep(0.2)  # a worker that dies at once is not restarted in a tight loop
    except KeyboardInterrupt:
        pass
    except ChildProcessError:
        return
    finally:  # serve() closes the parent's sockets
        signal.signal(signal.SIGTERM, previous)
        _stop(set(children))


def _stop(children: set[int], timeout: float = 10.0) -> None:
    """SIGTERM to every worker, SIGKILL to those still there after `timeout` seconds (a worker
    takes up to 5 s to finish the requests under way)."""
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while children and time.monotonic() < deadline:
        for pid in list(children):
            try:
                done, _status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                children.discard(pid)
        time.sleep(0.05)
    for pid in children:  # still there after the timeout
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _worker(site: AccessLog, sockets: list[socket.socket], threads: int, parent: int, slot: int,
            connections: Any, options: dict[str, Any]) -> None:
    """One forked server process: waitress on the shared sockets until stopped (the app was
    built by the parent; its index is opened here, on first use)."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, _interrupt)  # SIGINT: as the parent had it (Ctrl+C stops both)
        configure_logging()  # here, not in the parent: its build may fork only while it has no threads
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
        start_warming(site.app)  # type: ignore[arg-type]
        server = speak_danish(waitress.create_server(site, sockets=sockets, threads=threads, **options))
        _accept_fairly(server, slot, connections)
        _await_idle_threads(server)
        server.run()  # returns on Ctrl+C or SIGTERM, after the requests under way (up to 5 s)
    except KeyboardInterrupt:
        pass
    except BaseException:  # noqa: BLE001 (a worker must never fall back into the parent's code)
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        BackgroundStderr.drain()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _accept_fairly(server: Any, slot: int, connections: Any) -> None:
    """Accept new connections only while no other worker holds fewer.

    Clients keep their connections open (keep-alive) and the kernel gives a new one to
    whichever worker accepts first, so 8 connections opened at once split 5/3 or 6/2 about
    as often as 4/4. Waitress listens for new connections only while its `readable()` says
    so; here it also publishes its count of open connections and says no while another
    worker has fewer, which then takes the connection.
    """
    mine_listening = listeners(server)

    def fair(original: Any) -> Any:
        def readable() -> bool:
            mine = sum(len(listener.active_channels) for listener in mine_listening)
            connections[slot] = mine
            return bool(original()) and mine <= min(connections)

        return readable

    for listener in mine_listening:
        listener.readable = fair(listener.readable)


def _await_idle_threads(server: Any, timeout: float = 2.0) -> None:
    """Wait (up to `timeout` s) until waitress's threads have started and wait for work.

    Waitress counts a thread busy until it first waits, and warns "Task queue depth is 1" for
    a request that finds no idle thread: the first health check after a start was such a
    request, an English warning in the log at every start for a site that was not busy."""
    dispatcher = getattr(server, "task_dispatcher", None)
    deadline = time.monotonic() + timeout
    while dispatcher is not None and getattr(dispatcher, "active_count", 0) > 0 and time.monotonic() < deadline:
        time.sleep(0.005)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


if __name__ == "__main__":  # python -m webui.serve [port]
    serve(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
