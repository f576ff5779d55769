"""What `referatsog serve` tells its administrator and its visitors: a corpus folder that holds
no source file, a first build under way (no "build it" while it is built), a worker that died
and was replaced, the start line; click's usage errors and `-h`; and the one place a signal is
only remembered, logging's fork hooks.

In-process where possible (Flask's test client, click's CliRunner, `serve` with its workers
replaced); one real `serve` for what only forked workers show.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import SEEDS, run
from webui import create_app
from webui.serve import free_port, stop_server_process

LINUX = sys.platform.startswith("linux")
SERVE = [sys.executable, "-c", "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()", "serve"]
BUILDING = "Søgeindekset bliver bygget lige nu. Prøv igen om lidt."
ADMIN_HINT = "byg det med «referatsog index»"


@pytest.fixture
def no_serving(monkeypatch):
    """`serve` up to the point where it would serve: the forked workers' loop replaced by a
    recorder of what it was given (and the one-process server by one that stops at once)."""
    calls: list[dict] = []

    def run_workers(site, sockets, threads, workers, options, build=None):
        call = {"site": site, "workers": workers}
        calls.append(call)
        if build is not None:
            build()

    class Stopped:
        def run(self):
            return None

    monkeypatch.setattr("webui.serve._run_workers", run_workers)
    monkeypatch.setattr("webui.serve.waitress.create_server", lambda *args, **kwargs: Stopped())
    monkeypatch.setattr("webui.serve.speak_danish", lambda server: server)
    monkeypatch.setattr("webui.serve.configure_logging", lambda: None)  # the test process keeps its logging
    monkeypatch.setattr("webui.serve.start_warming", lambda app: None)
    return calls


# --- 1. a corpus folder without the index's source files --------------------------------------

@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_warns_at_startup_when_the_corpus_folder_does_not_exist(runner, seed_index_dir, tmp_path, monkeypatch,
                                                                      no_serving, workers):
    """`serve --corpus /srv/ingen` on an existing index started quietly, and every source link
    answered 404 without a word in the log."""
    monkeypatch.setenv("REFERATSOG_WORKERS", workers)
    missing = tmp_path / "ingen"
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir, "--corpus", missing)

    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (f"Advarsel: kildemappen {missing} findes ikke – "
                                     "links til kildefilerne vil svare 404 (angiv --corpus).")
    assert "Referatsøg kører på" in result.stdout  # a warning, not a refusal: the search works


def test_serve_warns_when_the_corpus_folder_holds_none_of_the_indexed_files(runner, seed_index_dir, tmp_path,
                                                                           monkeypatch, no_serving):
    monkeypatch.setenv("REFERATSOG_WORKERS", "2")
    other = tmp_path / "andre"
    (other / "2015").mkdir(parents=True)
    # A file of the same name in another subfolder is not the indexed one: a corpus folder is
    # looked in by each file's source, its path below the folder it was indexed from.
    shutil.copy(next(SEEDS.iterdir()), other / "2015")
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir, "--corpus", other)

    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (f"Advarsel: kildemappen {other} rummer ingen af søgeindeksets kildefiler – "
                                     "links til kildefilerne vil svare 404 (angiv --corpus).")
    app = no_serving[0]["site"].app
    passage = app.test_client().get("/api/search?q=flygtninge").json["hits"][0]
    assert app.test_client().get(f"/source/{passage['document_id']}").status_code == 404  # what the line warns of


def test_serve_says_nothing_of_the_right_corpus_and_names_the_variable_of_a_wrong_one(runner, seed_index_dir, tmp_path,
                                                                                     monkeypatch, no_serving):
    monkeypatch.setenv("REFERATSOG_WORKERS", "2")
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir, "--corpus", SEEDS)
    assert result.exit_code == 0 and result.stderr == "", result.output

    monkeypatch.setenv("REFERATSOG_CORPUS", str(tmp_path / "væk"))
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir)
    assert result.stderr.strip() == (f"Advarsel: kildemappen {tmp_path / 'væk'} findes ikke – links til kildefilerne "
                                     "vil svare 404 (ret REFERATSOG_CORPUS, eller angiv mappen med --corpus).")


def test_serve_without_a_corpus_serves_source_files_from_the_folder_the_index_was_built_from(
        runner, tmp_path, monkeypatch, no_serving):
    """`referatsog index /srv/referater` and then `referatsog serve` served source files from the
    seeds' folder: every source link answered 404 (with a warning since 8d91308, but still 404)."""
    monkeypatch.delenv("REFERATSOG_CORPUS", raising=False)
    monkeypatch.setenv("REFERATSOG_WORKERS", "2")
    archive = tmp_path / "srv" / "referater"
    (archive / "2015").mkdir(parents=True)
    shutil.copy(SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt", archive / "2015")
    index_dir = tmp_path / "index"
    assert run(runner, "index", archive, "--index-dir", index_dir, "-q").exit_code == 0

    result = run(runner, "serve", "--port", free_port(), "--index-dir", index_dir)
    assert result.exit_code == 0 and result.stderr == "", result.output
    client = no_serving[0]["site"].app.test_client()
    hit = client.get("/api/search?q=flygtninge").json["hits"][0]
    with client.get(f"/source/{hit['document_id']}") as source:  # closes the file it streams
        assert source.status_code == 200
        assert "Modtagelse af flygtninge" in source.get_data(as_text=True)

    # a remembered folder that is gone is not chosen: serve falls back to its default folder
    from webui.serve import indexed_corpus

    assert indexed_corpus(index_dir) == archive
    shutil.move(archive, tmp_path / "flyttet")
    assert indexed_corpus(index_dir) is None

    # --corpus still names the folder outright
    result = run(runner, "serve", "--port", free_port(), "--index-dir", index_dir, "--corpus", tmp_path / "ingen")
    assert "kildemappen" in result.stderr


def test_serve_still_refuses_a_missing_corpus_when_it_must_build(runner, tmp_path, no_serving):
    result = run(runner, "serve", "--port", free_port(), "--index-dir", tmp_path / "index", "--corpus", tmp_path / "ingen")
    assert result.exit_code == 1 and not no_serving
    assert "dokumentmappen findes ikke" in result.stderr and "Advarsel" not in result.output


# --- 2. a first build under way -------------------------------------------------------------------

def test_while_serve_builds_the_503_says_so_with_retry_after_and_the_log_gives_no_order(tmp_path, caplog):
    """The page, the JSON and the log told the administrator to run «referatsog index», which
    then failed: the index was being built (and locked) by serve itself."""
    from webui.errors import mark_index_building

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(SEEDS)})
    building = [True]
    mark_index_building(app, lambda: building[0])
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        status = client.get("/healthz")
        page = client.get("/?q=flygtninge")
        api = client.get("/api/search?q=flygtninge")

    assert status.status_code == page.status_code == api.status_code == 503
    assert status.json["code"] == api.json["code"] == "index_missing"  # the code monitors know stays
    assert status.json["message"] == api.json["message"] == BUILDING
    assert BUILDING in page.get_data(as_text=True) and ADMIN_HINT not in page.get_data(as_text=True)
    assert all(answer.headers["Retry-After"] == "10" for answer in (status, page, api))
    assert not [r for r in caplog.records if "referatsog index" in r.getMessage()], caplog.text

    building[0] = False  # the build ended without an index: what the administrator must do again
    with caplog.at_level(logging.WARNING):
        after = client.get("/healthz")
    assert after.status_code == 503 and ADMIN_HINT in after.json["message"] and "Retry-After" not in after.headers
    assert [r for r in caplog.records if "Byg det med «referatsog index»" in r.getMessage()]


def test_with_no_index_and_no_build_the_administrator_is_still_told_what_to_do(tmp_path, caplog):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    with caplog.at_level(logging.WARNING):
        answer = client.get("/api/search?q=x")
    assert answer.status_code == 503 and ADMIN_HINT in answer.json["message"]
    assert "Byg det med «referatsog index»" in caplog.text


def test_serve_marks_its_app_as_building_for_the_time_of_its_build(tmp_path, monkeypatch, no_serving):
    from webui import serve as serve_module

    seen = []

    def build_index(index_dir, corpus_dir, progress=None, serving=False):
        app = no_serving[0]["site"].app
        seen.append(app.test_client().get("/healthz"))

    monkeypatch.setattr(serve_module, "build_index", build_index)
    monkeypatch.setenv("REFERATSOG_WORKERS", "2")
    serve_module.serve("127.0.0.1", free_port(), tmp_path / "index", SEEDS)

    if not LINUX:  # built before serving: no 503 while building
        pytest.skip("the site answers during a first build on Linux only")
    assert len(seen) == 1 and seen[0].json["message"] == BUILDING and seen[0].headers["Retry-After"] == "10"
    after = no_serving[0]["site"].app.test_client().get("/healthz")  # the build ended (here: without an index)
    assert ADMIN_HINT in after.json["message"]


def test_an_index_locked_by_a_writer_is_503_with_retry_after(app, monkeypatch):
    from search.api import IndexLocked

    def locked():
        raise IndexLocked("locked")

    monkeypatch.setattr(app.extensions["referatsog.index"], "get", locked)
    answer = app.test_client().get("/api/search?q=x")
    assert answer.status_code == 503 and answer.json["code"] == "index_locked"
    assert answer.headers["Retry-After"] == "10"


# --- 4. the start line ---------------------------------------------------------------------------

@pytest.mark.parametrize("workers, line", [
    ("1", "Referatsøg kører på http://127.0.0.1:{port}/ (stop med Ctrl+C)"),
    ("2", "Referatsøg kører på http://127.0.0.1:{port}/ i 2 processer (stop med Ctrl+C)"),
])
def test_the_start_line_has_single_spaces(runner, seed_index_dir, monkeypatch, no_serving, workers, line):
    if not LINUX and workers == "2":
        pytest.skip("one process where forking is not used")
    monkeypatch.setenv("REFERATSOG_WORKERS", workers)
    port = free_port()
    result = run(runner, "serve", "--port", port, "--index-dir", seed_index_dir, "--corpus", SEEDS)
    assert result.stdout.splitlines()[0] == line.format(port=port)


# --- 3. a worker that dies is replaced, and the log says so ----------------------------------------

def test_a_workers_end_is_told_by_its_signal_or_exit_code():
    from webui.workers import _how_it_ended

    child = os.fork() if LINUX else 0
    if LINUX:
        if child == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        _pid, status = os.waitpid(child, 0)
        assert _how_it_ended(status) == "signal 9"
    assert _how_it_ended(1 << 8) == "afslutningskode 1"


def test_the_parents_warning_is_one_timestamped_log_line(capfd):
    from webui.workers import _warn

    _warn("Arbejdsproces 123 stoppede uventet (signal 9) – starter en ny.")
    err = capfd.readouterr().err
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ADVARSEL \[\d+\]: "
                        r"Arbejdsproces 123 stoppede uventet \(signal 9\) – starter en ny\.\n", err), err


def _get(port: int, path: str) -> tuple[int, dict, dict]:
    """Status, headers and JSON of a request; (0, {}, {}) while nothing listens."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            return 0, {}, {}
        raise


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.skipif(not LINUX, reason="forked workers on Linux only")
def test_a_real_first_start_says_building_and_a_killed_worker_is_replaced_with_a_log_line(tmp_path):
    """Two workers: while the first build runs, every 503 says it is being built (with
    Retry-After) and the log tells no one to build it; then `kill -9` of a worker: a new one
    answers, and the log says which one stopped and how."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    seeds = sorted(SEEDS.iterdir())
    for i in range(80):  # a build of a few seconds
        shutil.copy(seeds[i % len(seeds)], corpus / f"kopi-{i:03d}-{seeds[i % len(seeds)].name}")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "REFERATSOG_WORKERS": "2", "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as output:
        process = subprocess.Popen([*SERVE, "--port", str(port), "--index-dir", str(tmp_path / "index"),
                                    "--corpus", str(corpus)], env=env, stdout=output, stderr=subprocess.STDOUT)
    during: list[tuple[int, dict, dict]] = []
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            answer = _get(port, "/healthz")
            if answer[0] == 200:
                break
            if answer[0] == 503:
                during.append(answer)
            time.sleep(0.05)
        # the build's own helpers (readers, a helper writer) gone: the two workers are left
        while "Indekset er bygget." not in log.read_text(encoding="utf-8") or len(_children(process.pid)) != 2:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.05)
        workers = _children(process.pid)
        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        expected = f"Arbejdsproces {victim} stoppede uventet (signal 9) – starter en ny."
        while expected not in log.read_text(encoding="utf-8") or len(_children(process.pid)) < 2:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.05)
        assert victim not in _children(process.pid)
        assert _get(port, "/healthz")[0] == 200
    finally:
        stop_server_process(process)
    output = log.read_text(encoding="utf-8")
    assert process.returncode == 0 and "Traceback" not in output, output
    assert during, "no 503 seen while building"
    for status, headers, body in during:
        assert body["code"] == "index_missing" and body["message"] == BUILDING, body
        assert headers.get("Retry-After") == "10", headers
    assert "referatsog index" not in output, output  # no order to build what is being built
    warnings = [line for line in output.splitlines() if "stoppede uventet" in line]
    assert len(warnings) == 1 and re.search(rf"ADVARSEL \[{process.pid}\]: {re.escape(expected)}$",
                                            warnings[0]), warnings


# --- 5. click's usage errors and -h ---------------------------------------------------------------

@pytest.mark.parametrize("typed, message", [
    ("indeks", "Fejl: Ukendt kommando 'indeks'. Mente du 'index'?"),
    ("serv", "Fejl: Ukendt kommando 'serv'. Mente du 'search' eller 'serve'?"),
    ("xyz", "Fejl: Ukendt kommando 'xyz'."),
])
def test_an_unknown_command_is_danish_with_one_match_or_more(runner, typed, message):
    result = run(runner, typed)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == message


@pytest.mark.parametrize("command", [(), ("index",), ("extract",), ("search",), ("serve",), ("eval",)])
def test_dash_h_is_help_as_dash_dash_help_is(runner, command):
    short = run(runner, *command, "-h")
    assert short.exit_code == 0, short.output
    assert short.output == run(runner, *command, "--help").output
    assert short.output.startswith("Brug: ") and "-h, --help" in short.output


# --- 6. a signal is only remembered in logging's fork hooks ----------------------------------------

class _FrameCatcher:
    """logging's module lock, noting the frame that takes it (`_acquireLock`'s, on 3.11 and 3.12)."""

    def __init__(self, lock):
        self.lock = lock
        self.frames: list[types.FrameType] = []

    def acquire(self, *args, **kwargs):
        self.frames.append(sys._getframe(1))
        return self.lock.acquire(*args, **kwargs)

    def release(self):
        return self.lock.release()

    def _at_fork_reinit(self):
        return self.lock._at_fork_reinit()

    def __enter__(self):
        self.frames.append(sys._getframe(1))
        return self.lock.__enter__()

    def __exit__(self, *args):
        return self.lock.__exit__(*args)


@pytest.mark.skipif(not hasattr(os, "register_at_fork") or not LINUX, reason="os.fork hooks")
def test_only_logging_code_run_as_a_fork_hook_counts_as_one(monkeypatch):
    """A signal handled while the program merely logs (waitress's "Task queue depth" warning in
    serve's main thread) was remembered and never raised: nothing there checks the flag."""
    from indexer.interrupts import StopRequest, in_fork_hook

    catcher = _FrameCatcher(logging._lock)
    monkeypatch.setattr(logging, "_lock", catcher)

    logging.getLogger("referatsog.test-frames")  # logging takes its lock while configuring loggers
    configuring = catcher.frames[-1]
    pid = os.fork()  # and os.fork's hook takes it before forking
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    forking = catcher.frames[-1]
    monkeypatch.undo()

    assert in_fork_hook(forking) and not in_fork_hook(configuring)

    emitted: list[types.FrameType] = []

    class Catch(logging.Handler):
        def emit(self, record):
            emitted.append(sys._getframe(1))  # inside logging's Handler.handle

    logger = logging.getLogger("referatsog.test-emit")
    logger.addHandler(handler := Catch())
    try:
        logger.warning("Task queue depth is 1")
    finally:
        logger.removeHandler(handler)
    assert emitted and emitted[0].f_globals["__name__"] == "logging" and not in_fork_hook(emitted[0])

    stop = StopRequest()
    with pytest.raises(KeyboardInterrupt):  # raised where the program logs, as anywhere else
        stop.handle(signal.SIGTERM, emitted[0])
    stop.clear()
    stop.handle(signal.SIGTERM, forking)  # only remembered in the hook
    assert stop.asked()


def test_signals_in_other_threads_frames_are_not_confused_with_hooks():
    """A frame outside logging (the common case) raises at once."""
    from indexer.interrupts import in_fork_hook

    frames = []
    thread = threading.Thread(target=lambda: frames.append(sys._getframe()))
    thread.start()
    thread.join()
    assert not in_fork_hook(frames[0]) and not in_fork_hook(sys._getframe())


# --- an index built by another release ---------------------------------------------------------

def test_the_status_says_whether_this_release_built_the_index(client, monkeypatch):
    """A monitor could not tell an upgraded site still answering from the old release's index."""
    import indexer.pipeline

    assert client.get("/healthz").json["built_by_this_release"] is True
    monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION + 1)
    assert client.get("/healthz").json["built_by_this_release"] is False
    assert client.get("/api/status").json["built_by_this_release"] is False


def test_a_running_site_logs_a_commit_built_by_another_release(tmp_path, monkeypatch, caplog):
    """A downgrade (or upgrade) run beside the site rebuilt the index it serves: the site took
    the commit and answered differently without a line in its log."""
    import indexer.pipeline
    from indexer.update import update_index
    from webui.index import EXTENSION_KEY, start_warming

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    update_index([corpus], tmp_path / "index")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)})
    served = app.extensions[EXTENSION_KEY]
    with caplog.at_level(logging.WARNING, logger="referatsog"):
        stop = start_warming(app, interval=0.05)
        try:
            first = served.get().stats()["generation"]
            (corpus / "ny-referat.txt").write_text((SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt")
                                                   .read_text(encoding="utf-8"), encoding="utf-8")
            update_index([corpus], tmp_path / "index")  # the same release: no word
            assert _waited_for(lambda: served.get().stats()["generation"] > first)
            time.sleep(0.3)
            assert "læser dokumenterne anderledes" not in caplog.text
            monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION - 1)
            # an older release's whole build (asked for: without --full it refuses a newer index)
            update_index([corpus], tmp_path / "index", full=True)
            monkeypatch.undo()
            assert _waited_for(lambda: "læser dokumenterne anderledes" in caplog.text), caplog.text
        finally:
            stop.set()
    said = [r.getMessage() for r in caplog.records if "anderledes" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("denne udgave af Referatsøg læser dokumenterne anderledes"), said


def _waited_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_serve_says_when_the_index_was_built_by_a_release_that_reads_differently(runner, seed_index_dir, monkeypatch,
                                                                                 no_serving):
    """After an upgrade that reads documents differently the site answered from the old
    passages without a word; `referatsog index` rebuilds them, and serve now says so."""
    import indexer.pipeline

    monkeypatch.setenv("REFERATSOG_WORKERS", "1")
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir, "--corpus", SEEDS)
    assert result.exit_code == 0 and result.stderr == "", result.output  # built by this release: no word

    monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION + 1)
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir, "--corpus", SEEDS)
    assert result.exit_code == 0, result.output
    # the command rebuilds this index: a bare «referatsog index» would build the default one
    assert result.stderr.strip() == (
        "Advarsel: denne udgave af Referatsøg læser dokumenterne anderledes end den, der byggede indekset – "
        "siden svarer fra det nuværende indeks, og nogle søgninger svarer anderledes end med et nyt, til "
        f"«referatsog index --index-dir {seed_index_dir}» har bygget det forfra.")
    assert "Referatsøg kører på" in result.stdout  # a warning: the old index still answers
    monkeypatch.setenv("REFERATSOG_INDEX", str(seed_index_dir))  # named by the variable: the bare command builds it
    result = run(runner, "serve", "--port", free_port(), "--corpus", SEEDS)
    assert "til «referatsog index» har bygget det forfra." in result.stderr


def test_serve_says_nothing_of_a_topics_file_only_the_indexing_job_names(runner, seed_index_dir, tmp_path,
                                                                       monkeypatch, no_serving):
    """$REFERATSOG_TOPICS set for the indexing job and not for the site (it needs none) made
    every start warn of changed data files, a warning no run of `index` could clear."""
    topics = tmp_path / "emner.txt"
    topics.write_text("havne: havn, lystbådehavn\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_TOPICS", str(topics))
    monkeypatch.setenv("REFERATSOG_WORKERS", "1")
    result = run(runner, "serve", "--port", free_port(), "--index-dir", seed_index_dir, "--corpus", SEEDS)
    assert result.exit_code == 0 and result.stderr == "", result.output
