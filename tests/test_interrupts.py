"""Ctrl+C that arrives while a run forks: Python handles it in logging's fork hook, where its
KeyboardInterrupt is printed and dropped. `referatsog index` and `serve` remember it and stop
at their next step, as they do for SIGTERM (`indexer.interrupts.StopRequest`).

Each test runs Python in a subprocess (an os.fork hook cannot be unregistered) that sends
itself SIGINT from a hook of its own, registered before logging's and run in the parent
right after each fork: as a Ctrl+C that arrives during the fork, it is pending when Python
runs the next hook, logging's `_releaseLock`. No timing: the signal is always there.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import answers

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TIMEOUT = 120  # seconds; each run takes a few (a Ctrl+C that is lost: serve would never end)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks and signals as on Linux")

# Before anything imports logging, so that its hooks run after this one. Sent through libc: a
# hook that is Python code, or os.kill (which handles the signal at once), would take it itself.
CTRL_C_WHILE_FORKING = """
import ctypes, functools, os, signal, sys
if "logging" in sys.modules:  # imported at startup (a .pth file): its hooks would run before this one
    print("SKIP: logging is imported at startup", flush=True)
    sys.exit(0)
os.register_at_fork(after_in_parent=functools.partial(ctypes.CDLL(None).kill, os.getpid(), signal.SIGINT.value))
import logging

lost = []
sys.unraisablehook = lambda u: lost.append(f"{u.exc_type.__name__} in {getattr(u.object, '__qualname__', u.object)}")


def fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
"""

FORK_ONCE = CTRL_C_WHILE_FORKING + """
if sys.argv[1] == "python":  # Python's own Ctrl+C handler
    try:
        fork()
        print("went on; dropped:", lost)
    except KeyboardInterrupt:
        print("interrupted")
else:  # referatsog index's
    from indexer.update import _terminate_as_interrupt

    with _terminate_as_interrupt() as stop_if_asked:
        fork()
        print("forked; dropped:", lost)
        try:
            stop_if_asked()
            print("not interrupted")
        except KeyboardInterrupt as error:
            print("interrupted at the check:", repr(error))
    print("Ctrl+C handler afterwards is Python's:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
"""

# `referatsog index`, forking on any machine: a pool of two readers, or (readers in-process)
# the writer's helper, as a build of at least 64 files does with two cores.
INDEX = CTRL_C_WHILE_FORKING + """
import indexer.update
from indexer.cli import main
from search import spool

if os.environ["FORKS"] == "readers":
    indexer.update._worker_count = lambda workers: 2
else:
    indexer.update._worker_count = lambda workers: 1
    spool._can_fork = lambda total: total >= spool.PARALLEL_MIN_DOCUMENTS and spool.fork_is_safe()
sys.argv[0] = "referatsog"
main()
"""

# `referatsog serve` (REFERATSOG_WORKERS chooses how many processes it forks).
SERVE = CTRL_C_WHILE_FORKING + """
from indexer.cli import main

sys.argv[0] = "referatsog"
main()
"""


# A run cancelled while its reading pool works, with the pool where its terminate waited for ever
# (`indexer.update._stop_readers`): "results not read", with the pool's result thread no longer
# reading while a reader sends a file's result, bigger than a pipe holds (it waits here for the
# lock `IMapIterator.next` holds; in CI terminate had stopped it); "SIGTERM lost", with a reader
# that never gets terminate's SIGTERM (as one forked just before it: Python clears that signal).
# Prints the readers still alive once the run is stopped.
STOP_READERS = """
import os, signal, sys, threading, time
from pathlib import Path
from indexer.update import POOL_MIN_FILES, _reading_pool, _terminate_as_interrupt

scenario, started = sys.argv[1], Path(sys.argv[2])


def read(number):
    if scenario == "SIGTERM lost" and number == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        started.write_text(str(os.getpid()))
        time.sleep(600)
    return b"x" * (1 << 20)  # a document's result: more than a pipe holds


def until(condition):
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, "the scenario was not set up"
        time.sleep(0.01)


readers = []
try:
    with _terminate_as_interrupt(), _reading_pool(2, POOL_MIN_FILES) as pool:
        readers = [reader.pid for reader in pool._pool]
        results = pool.imap(read, range(8), 1)
        if scenario == "results not read":
            results._cond.acquire()  # as IMapIterator.next does while it waits for a result
            handler = pool._result_handler  # hands over a result under that lock: it waits, reading nothing
            until(lambda: sys._current_frames()[handler.ident].f_back.f_code.co_name == "_set")
        else:
            until(started.exists)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(600)
except KeyboardInterrupt as interrupted:
    alive = [pid for pid in readers if Path(f"/proc/{pid}").exists()]
    print("stopped by", repr(interrupted), "readers alive:", alive, flush=True)
    sys.exit(130)
"""


def _run(script: str, *args: object, cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run `script` with `args`; its exit code and output (stdout and stderr). Skips where the
    premise cannot be set up."""
    try:
        done = subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT,
                              env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    except subprocess.TimeoutExpired as error:  # the signal was lost: the run did not stop
        output = error.output.decode(errors="replace") if isinstance(error.output, bytes) else error.output or ""
        raise AssertionError(f"still running after {TIMEOUT} s, Ctrl+C lost:\n{output}") from None
    if done.stdout.startswith("SKIP:"):
        pytest.skip(done.stdout.strip())
    return done.returncode, done.stdout


def _corpus(folder: Path) -> Path:
    """A copy of the seeds."""
    shutil.copytree(SEEDS, folder)
    return folder


def _add_copies(folder: Path, copies: int) -> Path:
    """`copies` more minutes: with the seeds, enough files for the reading pool."""
    seeds = sorted(SEEDS.iterdir())
    for i in range(copies):
        shutil.copy(seeds[i % len(seeds)], folder / f"kopi-{i:03d}-{seeds[i % len(seeds)].name}")
    return folder


def test_pythons_ctrl_c_handler_loses_a_ctrl_c_that_arrives_while_forking():
    """The premise of the rest (and of the setup in this file): with Python's own handler the
    KeyboardInterrupt is raised inside logging's hook and dropped, and the program goes on."""
    code, output = _run(FORK_ONCE, "python")

    assert code == 0, output
    assert "went on; dropped: ['KeyboardInterrupt in _releaseLock']" in output, output


def test_the_index_run_remembers_a_ctrl_c_that_arrives_while_forking_and_raises_it_at_its_check():
    code, output = _run(FORK_ONCE, "index")

    assert code == 0, output
    assert "forked; dropped: []" in output, output  # not raised inside the hook: nothing dropped
    assert "interrupted at the check: KeyboardInterrupt()" in output, output  # as Python's handler raises it
    assert "Ctrl+C handler afterwards is Python's: True" in output, output


@pytest.mark.parametrize("forks", ["readers", "helper writer"])
def test_referatsog_index_stops_on_a_ctrl_c_that_arrives_while_it_forks_and_keeps_the_old_index(tmp_path, forks):
    """Its reading pool forks readers, its writer a helper: Ctrl+C then did nothing and the build
    ran to its end. Now it is cancelled as by any Ctrl+C: exit 130, "afbrudt", the previous
    index as it was."""
    from indexer.update import update_index

    corpus = _corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    before = answers(index_dir)
    _add_copies(corpus, 80)

    code, output = _run(INDEX, "index", "--full", "--verbose", corpus, "--index-dir", index_dir, env={"FORKS": forks})

    assert code == 130, output
    # Stopped at the first check after the fork: before the first file, or the first written.
    assert ("[85/85]" in output) == (forks == "helper writer") and "skriver " not in output, output
    assert "Fejl: afbrudt – " in output and "Traceback" not in output, output
    assert answers(index_dir) == before


def test_serve_stops_on_a_ctrl_c_that_arrives_while_it_forks_its_workers(tmp_path, seed_index_dir):
    """The Ctrl+C was dropped in the fork of a worker and serve never stopped."""
    from webui.serve import free_port

    index_dir = tmp_path / "index"
    shutil.copytree(seed_index_dir, index_dir)

    code, output = _run(SERVE, "serve", "--port", free_port(), "--index-dir", index_dir, "--corpus", SEEDS,
                        env={"REFERATSOG_WORKERS": "2"})

    assert code == 0 and "Traceback" not in output, output
    assert output.rstrip().endswith("Referatsøg er stoppet."), output


def test_serve_stops_its_first_build_on_a_ctrl_c_that_arrives_while_it_forks(tmp_path):
    """serve forks its workers, then builds the index: the dropped Ctrl+C let the build run on."""
    from search import open_index
    from search.api import IndexMissing
    from webui.serve import free_port

    corpus = _add_copies(_corpus(tmp_path / "corpus"), 40)

    code, output = _run(SERVE, "serve", "--port", free_port(), "--index-dir", tmp_path / "index", "--corpus", corpus,
                        env={"REFERATSOG_WORKERS": "2"})

    assert code == 0 and "Traceback" not in output, output
    assert "Indekseringen blev afbrudt; der er stadig intet søgeindeks." in output, output
    assert output.rstrip().endswith("Referatsøg er stoppet."), output
    with pytest.raises(IndexMissing):
        open_index(tmp_path / "index")


@pytest.mark.parametrize("scenario", ["results not read", "SIGTERM lost"])
def test_a_run_cancelled_while_its_pool_reads_stops_its_readers_whatever_state_the_pool_is_in(tmp_path, scenario):
    """SIGTERM (or Ctrl+C) while the run waits for its readers: the pool's own terminate could
    wait for ever (CPython gh-78178) on a reader blocked sending a result nobody read any more,
    or on one that never got its SIGTERM; once (in CI) the run did not end. Now it ends within
    seconds, its readers killed."""
    code, output = _run(STOP_READERS, scenario, tmp_path / "reader-started")

    assert code == 130, output
    assert "stopped by KeyboardInterrupt('SIGTERM') readers alive: []" in output, output


# --- the handler itself, in this process ----------------------------------------------------


def test_ctrl_c_outside_a_fork_hook_raises_at_once_as_pythons_handler_does():
    from indexer.interrupts import StopRequest

    stop = StopRequest()
    with pytest.raises(KeyboardInterrupt) as raised:
        stop.handle(signal.SIGINT, sys._getframe())
    assert raised.value.args == ()  # bare, as signal.default_int_handler raises it
    with pytest.raises(KeyboardInterrupt, match="SIGTERM"):
        stop.handle(signal.SIGTERM, None)


def test_the_handlers_are_set_for_the_run_only_and_an_ignored_ctrl_c_stays_ignored():
    """Tests run commands in this process: no handler may be left behind. A Ctrl+C ignored
    (`nohup`, a background job) is not turned into one that stops the run."""
    from indexer.interrupts import StopRequest

    stop = StopRequest()
    term = signal.getsignal(signal.SIGTERM)
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler
    with stop.installed():
        assert signal.getsignal(signal.SIGINT) == signal.getsignal(signal.SIGTERM) == stop.handle
        stop.restore(signal.SIGINT)  # what serve's forked workers do
        assert signal.getsignal(signal.SIGINT) == signal.default_int_handler
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler
    assert signal.getsignal(signal.SIGTERM) == term

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with stop.installed():
            assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) == stop.handle
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_before_the_command_takes_it_over_exits_130_not_1(runner, monkeypatch, tmp_path):
    """In a run's first half second click turns Ctrl+C into its Abort, which exited 1 («refused
    or failed» to a script); the documented code for a stopped run is 130."""
    from indexer import cli
    from indexer.cli import main

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_refuse_unusable_index_dir", interrupted)
    result = runner.invoke(main, ["index", str(tmp_path), "--index-dir", str(tmp_path / "index")])
    assert result.exit_code == 130 and "Afbrudt." in result.output
