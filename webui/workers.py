"""Both cores, on Linux: forked workers, each running waitress on the one listening socket.

The listening socket is bound once (`webui.listening`), and `workers` forked processes
(one per usable core, `REFERATSOG_WORKERS` to choose) each run waitress on that same socket,
each with its own searchers and per-generation caches (cheap since segments are plain files
read through the shared page cache, `search.segment_files`). A shared socket, not
`SO_REUSEPORT`: the kernel hands a new connection to whichever process accepts first, and a
worker stops accepting while another holds fewer open connections (`_accept_fairly`),
whereas `SO_REUSEPORT` spreads connections by a hash whatever the load.

The parent forks the workers, builds the index meanwhile if there is none, restarts a worker
that dies (saying so in the log) and stops them all on Ctrl+C or SIGTERM; a worker whose
parent died exits.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import waitress

from indexer.interrupts import StopRequest

from .accesslog import AccessLog
from .index import start_warming
from .refusals import listeners, speak_danish
from .stderr_log import LOG_FORMAT, BackgroundStderr, DanishFormatter, configure_logging, write_stderr


# Set by `interrupt` (SIGTERM, and Ctrl+C in `run_workers`), cleared when `run_workers` starts.
_STOP_REQUESTED = StopRequest()


def interrupt(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl+C: waitress finishes the requests under way and stops; the parent of
    the workers stops them (`run_workers`, where Ctrl+C comes here too). Also remembered
    (`stop_requested`): a signal that arrives while the parent forks lands in os.fork's logging
    hooks, where Python prints and drops an exception; the first build then ran to its end and
    serve never stopped. There it only sets the flag, which the build's progress
    (`StopChecking`) and `run_workers` check."""
    _STOP_REQUESTED.handle(signum, frame)


def stop_requested() -> bool:
    """Whether SIGTERM or Ctrl+C asked this process to stop, though its KeyboardInterrupt was lost."""
    return _STOP_REQUESTED.asked()


class StopChecking:
    """A build's progress that stops the build at its next report once SIGTERM or Ctrl+C asked
    to stop (`interrupt`), for the signal whose KeyboardInterrupt was lost."""

    def __init__(self, progress: Any) -> None:
        self._progress = progress

    def __getattr__(self, name: str) -> Any:
        _STOP_REQUESTED.check()
        return getattr(self._progress, name)


def run_workers(site: AccessLog, sockets: list[socket.socket], threads: int, workers: int,
                options: dict[str, Any], build: Callable[[], None] | None = None) -> None:
    """Fork the workers, run `build` (the index) here while they answer, restart a worker that
    dies, stop them all on Ctrl+C or SIGTERM, or when the build fails (its `ServeError` passes)."""
    from multiprocessing.sharedctypes import RawArray

    parent = os.getpid()
    children: dict[int, int] = {}  # pid -> worker slot
    connections = RawArray("i", workers)  # open connections per worker, shared with the forks
    _STOP_REQUESTED.clear()
    try:
        with _STOP_REQUESTED.installed():  # SIGTERM, and Ctrl+C: this process forks (workers, the build)
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
                pid, status = _wait_for_a_worker()
                if pid == 0:  # asked to stop, though the KeyboardInterrupt was lost
                    break
                children.pop(pid, None)
                time.sleep(0.2)  # a worker that dies at once is not restarted in a tight loop
                # After the pause: a Ctrl+C that also stopped the worker has stopped this loop by now.
                _warn(f"Arbejdsproces {pid} stoppede uventet ({_how_it_ended(status)}) – starter en ny.")
    except KeyboardInterrupt:
        pass
    except ChildProcessError:
        return
    finally:  # the handlers are restored; serve() closes the parent's sockets
        _stop(set(children))


def _wait_for_a_worker(poll: float = 0.1) -> tuple[int, int]:
    """(pid, wait status) of the next worker to end, or (0, 0) once a stop was asked for.

    Polls instead of blocking in os.wait(): a SIGTERM whose KeyboardInterrupt was raised where
    Python drops exceptions (an os.fork hook, a weakref finalizer the garbage collector ran)
    only set the flag, and a blocking wait never looked at it again: serve ignored the SIGTERM
    until it was killed. Raises ChildProcessError when no worker is left."""
    while True:
        if stop_requested():
            return 0, 0
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid:
            return pid, status
        time.sleep(poll)


def _how_it_ended(status: int) -> str:
    """A process's end by its wait status, in Danish: `signal 9` or `afslutningskode 1`."""
    code = os.waitstatus_to_exitcode(status)
    return f"signal {-code}" if code < 0 else f"afslutningskode {code}"


def _warn(message: str) -> None:
    """A warning line in the administrator's log, as the workers write theirs (`LOG_FORMAT`).

    Written at once: this process has no log-writer thread (it forks, `configure_logging`)."""
    record = logging.LogRecord(__name__, logging.WARNING, __file__, 0, message, None, None)
    write_stderr(DanishFormatter(LOG_FORMAT).format(record) + "\n")


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
        signal.signal(signal.SIGTERM, interrupt)
        _STOP_REQUESTED.restore(signal.SIGINT)  # as before serve (Ctrl+C stops both): a worker does not fork
        configure_logging()  # here, not in the parent: its build may fork only while it has no threads
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
        start_warming(site.app)  # type: ignore[arg-type]
        server = speak_danish(waitress.create_server(site, sockets=sockets, threads=threads, **options))
        _accept_fairly(server, slot, connections)
        await_idle_threads(server)
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


RECHECK_SECONDS = 0.05  # how long a worker refusing new connections waits before looking again


def _accept_fairly(server: Any, slot: int, connections: Any) -> None:
    """Accept new connections only while no other worker holds fewer.

    Clients keep their connections open (keep-alive) and the kernel gives a new one to
    whichever worker accepts first, so 8 connections opened at once split 5/3 or 6/2 about
    as often as 4/4. Waitress listens for new connections only while its `readable()` says
    so; here it also publishes its count of open connections and says no while another
    worker has fewer, which then takes the connection.
    """
    mine_listening = listeners(server)
    # A worker that says no sleeps in poll() until one of its own connections stirs, and with
    # idle ones (keep-alive, stalled clients) that was waitress's full second: when the other
    # worker in turn had more, neither accepted, and 30 idle connections held a new one for
    # 9 s. Waking often re-reads the others' counts; the poll over idle sockets costs little.
    server.adj.asyncore_loop_timeout = RECHECK_SECONDS

    def fair(original: Any) -> Any:
        def readable() -> bool:
            mine = sum(len(listener.active_channels) for listener in mine_listening)
            connections[slot] = mine
            return bool(original()) and mine <= min(connections)

        return readable

    for listener in mine_listening:
        listener.readable = fair(listener.readable)


def await_idle_threads(server: Any, timeout: float = 2.0) -> None:
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
