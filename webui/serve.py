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

The index is built, when missing, once before the workers start. Ctrl+C reaches every
process of the terminal's process group: the workers stop and the parent waits for them;
a SIGTERM to the parent is passed on to the workers; a worker whose parent died exits.
Flask's debug server is never used.
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import waitress

from indexer.extract import index_write_error, os_error_text
from indexer.progress import printable
from indexer.settings import default_corpus, default_index_dir

from . import create_app
from .index import start_warming

# Eight concurrent clients (issue 6) plus headroom for static files and slow readers, in all.
THREADS = 12
MAX_WORKERS = 4
WORKERS_ENV = "REFERATSOG_WORKERS"


class ServeError(Exception):
    """Why the site cannot start, in one Danish line for the user (no traceback)."""


def ensure_index(index_dir: Path, corpus_dir: Path, progress: Any = None) -> bool:
    """Build the index from `corpus_dir` if `index_dir` holds none; True when it built one.

    Prints, as `referatsog index` does, the summary with every skipped file and its reason.
    A corpus folder that does not exist is refused (`ServeError`), not built into an empty index.
    """
    from search import IndexLocked, IndexWriteFailed, open_index
    from search.api import IndexMissing

    from indexer.progress import format_summary

    try:
        open_index(index_dir)
        return False
    except IndexMissing:
        pass
    from indexer.update import update_index

    if not corpus_dir.exists():
        raise ServeError(f"intet søgeindeks i {printable(str(index_dir))}, og dokumentmappen findes ikke: "
                         f"{printable(str(corpus_dir))} (angiv den med --corpus).")
    if not corpus_dir.is_dir():
        raise ServeError(f"dokumentmappen er ikke en mappe: {printable(str(corpus_dir))} (angiv en mappe med --corpus).")
    from search import index_outdated

    if index_outdated(index_dir):
        print(f"Søgeindekset i {printable(str(index_dir))} er bygget af en anden version af Referatsøg; "
              f"bygger det forfra fra {printable(str(corpus_dir))} …", flush=True)
    else:
        print(f"Intet søgeindeks i {printable(str(index_dir))}; bygger det fra {printable(str(corpus_dir))} …", flush=True)
    try:
        report = update_index([corpus_dir], index_dir, progress=progress)
    except (IndexLocked, IndexWriteFailed) as error:
        raise ServeError(str(error)) from None
    except OSError as error:  # of the index folder itself (no write access, disk full)
        raise ServeError(index_write_error(error, index_dir)) from None
    print(f"Indekset er bygget. {format_summary(report, index_dir)}", flush=True)
    return True


def default_workers() -> int:
    """`REFERATSOG_WORKERS`, else one process per usable core (at most `MAX_WORKERS`); 1 where forking is not used."""
    if not sys.platform.startswith("linux"):
        return 1
    chosen = os.environ.get(WORKERS_ENV, "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def serve(host: str = "127.0.0.1", port: int = 5000, index_dir: str | Path | None = None,
          corpus_dir: str | Path | None = None, threads: int = THREADS, workers: int | None = None,
          progress: Any = None) -> None:
    """Serve Referatsøg on http://host:port/ until interrupted.

    The address is bound first, so a port in use or a host that cannot be used is reported
    (`ServeError`) before a long index build, not after it."""
    index_path = Path(index_dir).expanduser() if index_dir else default_index_dir()
    corpus_path = Path(corpus_dir).expanduser() if corpus_dir else default_corpus()
    sockets = _listen(host, port)
    try:
        ensure_index(index_path, corpus_path, progress)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    config = {"INDEX_DIR": str(index_path), "CORPUS_DIR": str(corpus_path)}
    workers = default_workers() if workers is None else max(1, workers)
    if not sys.platform.startswith("linux"):
        workers = 1
    shown_host = f"[{host}]" if ":" in host else host
    if workers == 1:
        app = create_app(config)
        start_warming(app)
        print(f"Referatsøg kører på http://{shown_host}:{port}/  (stop med Ctrl+C)", flush=True)
        waitress.serve(app, sockets=sockets, threads=threads, ident="Referatsog")
        return
    print(f"Referatsøg kører på http://{shown_host}:{port}/ i {workers} processer  (stop med Ctrl+C)", flush=True)
    _run_workers(config, sockets, max(2, -(-threads // workers)), workers)


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


def _run_workers(config: dict[str, Any], sockets: list[socket.socket], threads: int, workers: int) -> None:
    """Fork the workers, restart one that dies, stop them all on Ctrl+C or SIGTERM."""
    from multiprocessing.sharedctypes import RawArray

    parent = os.getpid()
    children: dict[int, int] = {}  # pid -> worker slot
    connections = RawArray("i", workers)  # open connections per worker, shared with the forks
    stopping = False

    def on_term(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        while True:
            for slot in sorted(set(range(workers)) - set(children.values())):
                connections[slot] = 0
                pid = os.fork()
                if pid == 0:
                    _worker(config, sockets, threads, parent, slot, connections)  # never returns
                children[pid] = slot
            pid, _status = os.wait()
            children.pop(pid, None)
            time.sleep(0.2)  # a worker that dies at once is not restarted in a tight loop
    except KeyboardInterrupt:
        stopping = True
    except ChildProcessError:
        return
    finally:
        signal.signal(signal.SIGTERM, previous)
        for sock in sockets:
            sock.close()
        _stop(set(children))


def _stop(children: set[int], timeout: float = 5.0) -> None:
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


def _worker(config: dict[str, Any], sockets: list[socket.socket], threads: int, parent: int, slot: int,
            connections: Any) -> None:
    """One forked server process: waitress on the shared sockets until stopped."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # SIGINT: as the parent had it (Ctrl+C stops both)
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
        app = create_app(config)
        logging.basicConfig()  # as waitress.serve does
        start_warming(app)
        server = waitress.create_server(app, sockets=sockets, threads=threads, ident="Referatsog")
        _accept_fairly(server, slot, connections)
        server.print_listen("Serving on http://{}:{}")
        server.run()
    except KeyboardInterrupt:
        pass
    except BaseException:  # noqa: BLE001 (a worker must never fall back into the parent's code)
        import traceback

        traceback.print_exc()
        code = 1
    finally:
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
    from waitress.server import BaseWSGIServer

    listeners = [server] if isinstance(server, BaseWSGIServer) else [
        s for s in getattr(server, "map", {}).values() if isinstance(s, BaseWSGIServer)]

    def fair(original: Any) -> Any:
        def readable() -> bool:
            mine = sum(len(listener.active_channels) for listener in listeners)
            connections[slot] = mine
            return bool(original()) and mine <= min(connections)

        return readable

    for listener in listeners:
        listener.readable = fair(listener.readable)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


if __name__ == "__main__":  # python -m webui.serve [port]
    serve(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
