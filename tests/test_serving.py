"""Running the site as an administrator deploys it: behind a reverse proxy under a path prefix,
polled by a load balancer, logged to stderr, stopped by SIGTERM, reindexed while it serves,
and exposed to slow or careless clients.

Through Flask's test client where possible; one real `referatsog serve` for what only the
server process shows (waitress's settings, the access log, the exit on SIGTERM).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from werkzeug.test import Client

from conftest import PDFS, SEEDS
from webui import create_app
from webui.serve import free_port, stop_server_process

PROXY_HEADERS = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
                 "X-Forwarded-Host": "example.dk", "X-Forwarded-Prefix": "/referatsog"}
URL_ATTRIBUTE = re.compile(r'(?:href|src|action)="([^"]*)"')


def make_app(index_dir: Path, corpus: Path = SEEDS, **config):
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus), **config})


def page_urls(html: str) -> list[str]:
    """Every URL a page links to or loads, in-page anchors left out."""
    return [url for url in URL_ATTRIBUTE.findall(html) if not url.startswith("#")]


# --- behind a reverse proxy, under a path prefix ------------------------------------------------

def test_behind_a_trusted_proxy_every_url_carries_the_path_prefix(seed_index_dir, monkeypatch):
    monkeypatch.setenv("REFERATSOG_TRUSTED_PROXIES", "1")
    client = make_app(seed_index_dir).test_client()

    page = client.get("/?q=flygtninge", headers=PROXY_HEADERS)
    assert page.status_code == 200
    urls = page_urls(page.text)
    assert any("/static/style.css" in url for url in urls) and any("/passage/" in url for url in urls)
    assert all(url.startswith("/referatsog/") for url in urls), [u for u in urls if not u.startswith("/referatsog/")]

    api = client.get("/api/search?q=flygtninge", headers=PROXY_HEADERS)
    links = re.findall(r"<([^>]*)>", api.headers["Link"])
    assert links and all(url.startswith("/referatsog/") for url in links)
    passage_id = api.json["hits"][0]["id"]

    passage = client.get(f"/api/passage/{passage_id}", headers=PROXY_HEADERS).json
    assert all(url.startswith("/referatsog/") for url in passage["links"].values() if url)
    assert passage["links"]["source"].startswith("/referatsog/source/")
    html = client.get(f"/passage/{passage_id}", headers=PROXY_HEADERS).text
    assert all(url.startswith("/referatsog/") for url in page_urls(html))


def test_forwarded_headers_are_ignored_unless_a_proxy_is_trusted(seed_index_dir):
    """Any client can send X-Forwarded-*: by default they change no link (nor the client address)."""
    page = make_app(seed_index_dir).test_client().get("/?q=flygtninge", headers=PROXY_HEADERS)
    assert all(url.startswith("/") and not url.startswith("/referatsog") for url in page_urls(page.text))
    assert make_app(seed_index_dir).config["TRUSTED_PROXIES"] == 0


# --- health check for a load balancer -------------------------------------------------------------

@pytest.mark.parametrize("path", ["/healthz", "/api/status"])
def test_the_status_check_is_small_json_without_server_paths(seed_index_dir, path):
    answer = make_app(seed_index_dir).test_client().get(path)
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    body = answer.json
    assert body["ready"] is True and body["passages"] == 35 and body["documents"] == 5
    assert isinstance(body["generation"], int) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["last_commit"])
    assert str(seed_index_dir) not in answer.text
    assert answer.headers["Cache-Control"] == "no-store"


def test_the_status_check_says_503_in_json_while_there_is_no_index(tmp_path):
    answer = make_app(tmp_path / "none").test_client().get("/healthz")
    assert answer.status_code == 503 and answer.mimetype == "application/json"
    assert answer.json["code"] == "index_missing"


def test_a_reindex_shows_in_status_and_search_without_a_restart(tmp_path):
    """The administrator adds a PDF and runs `referatsog index` while the site runs: the same
    app answers throughout and then finds the new file, and the status names the new commit."""
    from indexer.update import update_index

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    update_index([corpus], index_dir)
    client = make_app(index_dir, corpus).test_client()
    before = client.get("/healthz").json
    sources = {hit["source"] for hit in client.get("/api/search?q=2017-02-23&page_size=50").json["hits"]}
    assert "referat-2017-02-23.pdf" not in sources

    shutil.copy(PDFS / "referat-2017-02-23.pdf", corpus)
    update_index([corpus], index_dir)

    after = client.get("/healthz").json
    assert after["generation"] > before["generation"]
    assert after["documents"] == before["documents"] + 1 and after["passages"] > before["passages"]
    sources = {hit["source"] for hit in client.get("/api/search?q=2017-02-23&page_size=50").json["hits"]}
    assert "referat-2017-02-23.pdf" in sources


# --- settings, logs, errors -----------------------------------------------------------------------

SERVE = [sys.executable, "-c", "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()", "serve"]


@pytest.mark.parametrize("variable, value", [("REFERATSOG_PAGE_SIZE", "ti"), ("REFERATSOG_PAGE_SIZE", "500"),
                                             ("REFERATSOG_TRUSTED_PROXIES", "ja")])
def test_a_bad_setting_stops_serve_with_one_danish_line(seed_index_dir, monkeypatch, variable, value):
    """Not a traceback; a page size over 100 would have made every search a 400."""
    from webui.serve import ServeError, serve

    def no_serving(*args, **kwargs):
        raise AssertionError("served despite a bad setting")

    monkeypatch.setattr("waitress.serve", no_serving)
    monkeypatch.setattr("waitress.create_server", no_serving)
    monkeypatch.setenv(variable, value)
    port = free_port()
    with pytest.raises(ServeError) as raised:
        serve("127.0.0.1", port, seed_index_dir, SEEDS, workers=1)
    assert str(raised.value) == f"ugyldig indstilling: {variable} skal være et helt tal fra " \
                                f"{1 if variable == 'REFERATSOG_PAGE_SIZE' else 0} til " \
                                f"{100 if variable == 'REFERATSOG_PAGE_SIZE' else 10}, ikke «{value}»."
    with socket.socket() as again:  # the port was given back
        again.bind(("127.0.0.1", port))


@pytest.mark.parametrize("value", ["0", "abc", "-2"])
def test_a_bad_number_of_workers_stops_serve_with_one_danish_line(seed_index_dir, monkeypatch, value):
    """REFERATSOG_WORKERS=0 or =abc was ignored (two processes started), though a bad setting
    stops serve with a line naming it."""
    from webui.serve import ServeError, serve

    def no_serving(*args, **kwargs):
        raise AssertionError("served despite a bad setting")

    monkeypatch.setattr("waitress.create_server", no_serving)
    monkeypatch.setattr("webui.serve._run_workers", no_serving)
    monkeypatch.setenv("REFERATSOG_WORKERS", value)
    with pytest.raises(ServeError) as raised:
        serve("127.0.0.1", free_port(), seed_index_dir, SEEDS)
    assert str(raised.value) == f"ugyldig indstilling: REFERATSOG_WORKERS skal være et helt tal fra 1 til 64, ikke «{value}»."


@pytest.mark.parametrize("host, base_url, warned", [("0.0.0.0", "", True), ("0.0.0.0", "https://example.dk/sog", False),
                                                     ("127.0.0.1", "", False)])
def test_serving_beyond_loopback_without_a_base_url_says_links_follow_the_host_header(
        seed_index_dir, monkeypatch, capsys, host, base_url, warned):
    """Citations, source links and the feed are absolute addresses: without REFERATSOG_BASE_URL
    they come from the request's Host header, which any client sets (security review)."""
    from webui.serve import serve

    class Served(Exception):
        pass

    def served(*args, **kwargs):
        raise Served

    monkeypatch.setattr("webui.serve._run_workers", served)
    monkeypatch.setattr("waitress.create_server", served)
    monkeypatch.setenv("REFERATSOG_BASE_URL", base_url)
    with pytest.raises(Served):
        serve(host, free_port(), seed_index_dir, SEEDS, workers=2)
    err = capsys.readouterr().err
    assert ("REFERATSOG_BASE_URL" in err and "Host-header" in err) == warned, err


def test_a_bad_value_in_the_instance_config_is_refused_like_a_variable(seed_index_dir, tmp_path):
    """PAGE_SIZE = "x" in the instance folder's config.py made every search a 500; it is now
    one Danish line naming the key and the file, as REFERATSOG_PAGE_SIZE=x is."""
    from webui.config import ConfigError

    (tmp_path / "config.py").write_text('PAGE_SIZE = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        create_app({"INDEX_DIR": str(seed_index_dir), "TESTING": True}, instance_path=str(tmp_path))
    assert str(raised.value) == f"PAGE_SIZE i {tmp_path}/config.py skal være et helt tal fra 1 til 100, ikke «x»."
    (tmp_path / "config.py").write_text("PAGE_SIZE = 25\n", encoding="utf-8")  # a number, as Python writes it
    app = create_app({"INDEX_DIR": str(seed_index_dir), "TESTING": True}, instance_path=str(tmp_path))
    assert app.config["PAGE_SIZE"] == 25 and app.test_client().get("/?q=flygtninge").status_code == 200


def test_a_bad_setting_does_not_leave_workers_dying_and_restarting(seed_index_dir):
    """With several workers the settings are read once, before forking: one line and exit
    code 1, not a worker that dies with a traceback and is restarted every 0.2 s for ever."""
    env = {**os.environ, "REFERATSOG_WORKERS": "2", "REFERATSOG_PAGE_SIZE": "ti"}
    try:
        result = subprocess.run([*SERVE, "--port", str(free_port()), "--index-dir", str(seed_index_dir)],
                                env=env, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired as still_running:
        pytest.fail(f"serve kept running with a bad setting: {(still_running.stderr or b'')[-500:]!r}")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip() == "Fejl: ugyldig indstilling: REFERATSOG_PAGE_SIZE skal være et helt tal fra 1 til 100, ikke «ti»."


def test_the_access_log_has_one_combined_format_line_per_request(app, caplog):
    from webui.serve import AccessLog

    logger = logging.getLogger("tests.access")
    client = Client(AccessLog(app, logger))
    with caplog.at_level(logging.INFO, logger="tests.access"):
        client.get("/api/search?q=b%C3%B8rn", headers={"Referer": "https://x.dk/"},
                   environ_overrides={"HTTP_USER_AGENT": 'evil"\n1.2.3.4 - - fake', "REMOTE_ADDR": "192.0.2.1"})  # no forged second line
        client.get("/findes-ikke")
    lines = [r.getMessage() for r in caplog.records if r.name == "tests.access"]
    assert len(lines) == 2
    assert re.fullmatch(r'192\.0\.2\.1 - - \[[^\]]+\] "GET /api/search\?q=b%C3%B8rn HTTP/1\.1" 200 \d+ '
                        r'"https://x\.dk/" "evil\\x22\\x0a1\.2\.3\.4\\x20-\\x20-\\x20fake" \d+ms', lines[0]), lines[0]
    assert '"GET /findes-ikke HTTP/1.1" 404 ' in lines[1]


def test_an_access_log_line_keeps_a_bounded_part_of_a_huge_request(app, caplog):
    # `?q=integration&junk=` and 250,000 letters wrote a line of 250 KB: a cheap way to fill a disk
    from webui.accesslog import MAX_HEADER_FIELD, TARGET_KEPT
    from webui.serve import AccessLog

    logger = logging.getLogger("tests.access")
    client = Client(AccessLog(app, logger))
    with caplog.at_level(logging.INFO, logger="tests.access"):
        answer = client.get("/api/search?q=integration&junk=" + "a" * 250_000,
                            headers={"Referer": "https://x.dk/" + "b" * 10_000, "User-Agent": "c" * 10_000})
    assert answer.status_code == 200
    (line,) = [r.getMessage() for r in caplog.records if r.name == "tests.access"]
    assert len(line) < TARGET_KEPT + 2 * MAX_HEADER_FIELD + 200
    assert '"GET /api/search?q=integration&junk=aaa' in line and 'a… HTTP/1.1" 200 ' in line
    assert '"https://x.dk/bbb' in line and 'b…" "ccc' in line and 'c…" ' in line


def test_a_status_check_leaves_a_line_only_when_it_fails(app, tmp_path, caplog):
    # a load balancer polls every few seconds: thousands of identical lines hid the searches
    from webui import create_app
    from webui.serve import AccessLog

    logger = logging.getLogger("tests.access")
    healthy = Client(AccessLog(app, logger))
    missing = Client(AccessLog(create_app({"INDEX_DIR": str(tmp_path / "ingen")}), logger))
    with caplog.at_level(logging.INFO, logger="tests.access"):
        assert healthy.get("/healthz").status_code == 200 and healthy.get("/api/status").status_code == 200
        assert missing.get("/healthz").status_code == 503
        assert healthy.get("/healthz/").status_code == 301  # not the check itself: logged
    lines = [r.getMessage() for r in caplog.records if r.name == "tests.access"]
    assert len(lines) == 2, lines
    assert '"GET /healthz HTTP/1.1" 503 ' in lines[0] and '"GET /healthz/ HTTP/1.1" 301 ' in lines[1]


def test_a_500_is_a_danish_page_for_users_and_a_traceback_for_the_admin(app, monkeypatch, caplog):
    import webui.search_views

    def broken(state):
        raise RuntimeError("hemmelig /srv/sti")

    monkeypatch.setattr(webui.search_views, "run_search", broken)
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        page = client.get("/?q=bolig&sort=newest")
        api = client.get("/api/search?q=bolig")
    assert page.status_code == 500 and "Der skete en fejl på serveren" in page.text
    assert api.status_code == 500 and api.json["code"] == "internal_error"
    for answer in (page, api):
        assert "hemmelig" not in answer.text and "Traceback" not in answer.text
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 2 and all(r.exc_info and "hemmelig" in str(r.exc_info[1]) for r in errors)
    assert errors[0].getMessage() == "Uventet fejl ved GET /?q=bolig&sort=newest"  # what to reproduce it with


# --- a real `referatsog serve` --------------------------------------------------------------------

def _exchange(port: int, raw: bytes) -> bytes:
    """Send one raw request and read the answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _wait_until_healthy(base: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    """Until `/healthz` answers 200 (the server started with `process`, writing `log`)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as answer:
                assert answer.status == 200
                return
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)


def test_serve_behind_a_proxy_logs_resists_slow_clients_and_stops_on_sigterm(seed_index_dir, tmp_path):
    """One process (as in a container): X-Forwarded-* reach the app through waitress when a proxy
    is trusted, each request is one log line, 150 stalled connections and a large body on a GET
    do not stop the site, and SIGTERM (docker stop, systemd) ends it with exit code 0."""
    port = free_port()
    env = {**os.environ, "REFERATSOG_WORKERS": "1", "REFERATSOG_TRUSTED_PROXIES": "0", "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "serve.log"
    command = [*SERVE, "--port", str(port), "--index-dir", str(seed_index_dir), "--corpus", str(SEEDS),
               "--trusted-proxies", "1"]  # the option wins over the environment
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    stalled: list[socket.socket] = []
    try:
        _wait_until_healthy(base, process, log)

        request = urllib.request.Request(base + "/api/search?q=flygtninge", headers=PROXY_HEADERS)
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert "</referatsog/api/search?q=flygtninge" in answer.headers["Link"]

        for _ in range(150):  # clients that never finish their headers
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            stalled.append(sock)
        time.sleep(0.5)
        with urllib.request.urlopen(base + "/api/search?q=bolig", timeout=5) as answer:
            assert answer.status == 200

        # a body no page reads: refused at once, not spooled to disk; in Danish, like the
        # requests waitress refuses before they reach the app; JSON under /api/, as every
        # answer there is
        refusals = [
            (413, b"GET /api/search?q=bolig HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"),
            (413, b"GET /?q=bolig HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"),
            # exactly waitress's header limit (256 KiB): all of it read before the answer, so
            # closing the connection does not reset it under the answer
            (431, b"GET /?q=" + b"a" * (256 * 1024 - 8)),
            (431, b"GET /api/search?q=" + b"a" * (256 * 1024 - 18)),
            (400, b"GET / HTTP/1.1\r\nHost: x\r\nno colon in this header\r\n\r\n"),
            (400, b"GET /healthz HTTP/1.1\r\nHost: x\r\nno colon in this header\r\n\r\n"),
            (501, b"GET /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"),
            # an address sent without percent-encoding (curl 'http://…?q=æbler'): said so, not "not valid HTTP"
            (400, "GET /api/search?q=æbler HTTP/1.1\r\nHost: x\r\n\r\n".encode("utf-8")),
            (400, "GET /?q=æbler HTTP/1.1\r\nHost: x\r\n\r\n".encode("utf-8")),
        ]
        for status, raw in refusals:
            answer = _exchange(port, raw)
            head, _, body = answer.partition(b"\r\n\r\n")
            assert re.match(rb"HTTP/1\.[01] %d " % status, head), answer[:200]
            assert b"charset=utf-8" in head and b"generated by" not in body
            # the site's own headers, which the app adds to its answers, on waitress's too
            assert b"X-Content-Type-Options: nosniff" in head and b"Content-Security-Policy: " in head, head
            assert (b"Access-Control-Allow-Origin: *" in head) == raw.split(b" ")[1].startswith(b"/api/"), head
            if raw.split(b" ")[1].startswith((b"/api/", b"/healthz")):
                assert b"Content-Type: application/json; charset=utf-8" in head, head
                refusal = json.loads(body)
                if not raw.isascii():
                    assert refusal == {"status": 400, "code": "not_percent_encoded", "message": (
                        "Adressen indeholder tegn, der ikke er procentkodet: send fx «æ» som %C3%A6 "
                        "(q=%C3%A6bler), som en browser gør.")}
                    continue
                assert refusal["status"] == status and refusal["message"].startswith(("Forespørgsle", "Serveren"))
                assert refusal["code"] == {400: "bad_request", 413: "request_too_large",
                                           431: "headers_too_large", 501: "not_implemented"}[status]
            else:
                assert b"Content-Type: text/plain; charset=utf-8" in head, head
                assert body.decode("utf-8").startswith(f"{status} {'Adressen' if not raw.isascii() else 'Forespørgsle'}"), body
    finally:
        for sock in stalled:
            sock.close()
        stop_server_process(process)
    output = log.read_text(encoding="utf-8")
    assert process.returncode == 0, output
    assert "Traceback" not in output
    assert "Task queue depth" not in output  # the first health check found waitress's threads not yet started
    assert output.rstrip().endswith("Referatsøg er stoppet.") or "Referatsøg er stoppet." in output
    assert re.search(r'^203\.0\.113\.9 - - \[[^\]]+\] "GET /referatsog/api/search\?q=flygtninge HTTP/1\.1" 200 \d+ ',
                     output, re.MULTILINE), output
    assert not re.findall(r'"GET /healthz HTTP/1\.1" 200 ', output)  # a health check answered 200 leaves no line
    # waitress's own refusals leave their line too (they never reach the app), a long target cut short
    assert len(re.findall(r'^127\.0\.0\.1 - - \[[^\]]+\] "GET /api/search\?q=bolig HTTP/1\.1" 413 \d+ ', output,
                          re.MULTILINE)) == 1, output[-3000:]
    assert re.search(r'"GET /api/search HTTP/1\.1" 501 \d+ ', output) and re.search(r'"GET /healthz HTTP/1\.1" 400 ', output)
    long_lines = re.findall(r'^.*" 431 \d+ .*$', output, re.MULTILINE)
    assert len(long_lines) == 2 and all('"GET /' in line and len(line) < 1200 and "…" in line for line in long_lines)


def test_idle_connections_do_not_keep_two_workers_from_taking_new_ones(seed_index_dir, tmp_path):
    """Each worker takes new connections only while it holds no more than the other; one
    that said no used to sleep a whole second among its idle connections, so 30 idle ones
    held a new request for 9 s. Now every new request is answered while 60 sit idle."""
    port = free_port()
    env = {**os.environ, "REFERATSOG_WORKERS": "2", "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen([*SERVE, "--port", str(port), "--index-dir", str(seed_index_dir), "--corpus", str(SEEDS)],
                                   env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    idle: list[socket.socket] = []
    try:
        _wait_until_healthy(base, process, log)
        for n in range(60):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if n % 2:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # half a request
            idle.append(sock)
        waits = []
        for _ in range(10):
            started = time.monotonic()
            with urllib.request.urlopen(base + "/api/search?q=bolig", timeout=30) as answer:
                assert answer.status == 200
            waits.append(time.monotonic() - started)
        # Before, each of these waited up to a second or more; a loaded machine may add some.
        assert sum(waits) < 5, waits
    finally:
        for sock in idle:
            sock.close()
        stop_server_process(process)
    assert "Traceback" not in log.read_text(encoding="utf-8")


# --- a first start, with no index yet -------------------------------------------------------------

def _corpus_of(folder: Path, copies: int) -> Path:
    """The seeds and `copies` more minutes: a build of a few seconds."""
    shutil.copytree(SEEDS, folder)
    seeds = sorted(SEEDS.iterdir())
    for i in range(copies):
        shutil.copy(seeds[i % len(seeds)], folder / f"kopi-{i:03d}-{seeds[i % len(seeds)].name}")
    return folder


def _start_building(tmp_path: Path, workers: str, copies: int = 80) -> tuple[subprocess.Popen, int, Path]:
    port = free_port()
    corpus = _corpus_of(tmp_path / "corpus", copies)
    log = tmp_path / "serve.log"
    env = {**os.environ, "REFERATSOG_WORKERS": workers, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as output:
        process = subprocess.Popen([*SERVE, "--port", str(port), "--index-dir", str(tmp_path / "index"),
                                    "--corpus", str(corpus)], env=env, stdout=output, stderr=subprocess.STDOUT)
    return process, port, log


def _health(port: int) -> tuple[int, dict] | None:
    """/healthz's status and JSON, None while nothing listens; a request may not hang."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):  # serve has not bound its port yet
            return None
        raise


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_first_start_answers_503_while_it_builds_the_index(tmp_path, workers):
    """serve built the index before answering anything: /healthz and every page hung for the
    whole build (an hour for a large archive; nginx answered 504). Now the site answers
    503 index_missing at once until the build is committed, then searches it."""
    process, port, log = _start_building(tmp_path, workers)
    seen = []
    try:
        deadline = time.monotonic() + 120
        while not seen or seen[-1][0] != 200:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            started = time.monotonic()
            answer = _health(port)
            if answer is not None:
                assert time.monotonic() - started < 2, f"/healthz took {time.monotonic() - started:.1f} s"
                seen.append(answer)
            time.sleep(0.05)
        assert seen[0][0] == 503 and seen[0][1]["code"] == "index_missing", seen[0]
        assert seen[-1][1]["documents"] == 85
    finally:
        stop_server_process(process)
    output = log.read_text(encoding="utf-8")
    assert process.returncode == 0 and "Traceback" not in output, output
    assert "Siden svarer imens med 503" in output and "Indekset er bygget." in output


def test_stopping_serve_while_it_builds_stops_the_build_and_every_worker(tmp_path):
    process, port, log = _start_building(tmp_path, "2", copies=300)  # a build of several seconds to stop
    try:
        deadline = time.monotonic() + 60
        while (_health(port) or (0,))[0] != 503 or "bygger det fra" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        workers = [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
        process.send_signal(signal.SIGTERM)  # docker stop: the parent only
        process.wait(timeout=30)
    finally:
        stop_server_process(process)
    output = log.read_text(encoding="utf-8")
    assert process.returncode == 0 and "Traceback" not in output, output
    assert "Indekseringen blev afbrudt; der er stadig intet søgeindeks." in output, output
    assert output.rstrip().endswith("Referatsøg er stoppet."), output
    deadline = time.monotonic() + 10  # stopped with the parent (a helper writer notices within a second)
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers and not any(Path(f"/proc/{pid}").exists() for pid in workers), output
    from search import open_index
    from search.api import IndexMissing

    with pytest.raises(IndexMissing):
        open_index(tmp_path / "index")


def test_a_sigterm_lost_in_a_fork_hook_still_stops_the_first_build():
    """A SIGTERM that lands in os.fork's logging hooks cannot raise there (Python prints the
    traceback and drops it): it is remembered, and the build's next progress report stops it."""
    import logging
    import types

    from indexer.progress import Progress
    from webui import workers

    # logging's hook as os.fork runs it (3.13 names it _afterFork): no caller in logging
    hook = getattr(logging, "_releaseLock", None) or logging._afterFork
    in_logging = types.SimpleNamespace(f_code=hook.__code__, f_back=None, f_globals=vars(logging))
    workers._STOP_REQUESTED.clear()
    try:
        workers.interrupt(signal.SIGTERM, in_logging)  # no KeyboardInterrupt inside logging
        assert workers.stop_requested()
        with pytest.raises(KeyboardInterrupt):
            workers.StopChecking(Progress()).file("a.txt")
        with pytest.raises(KeyboardInterrupt):  # anywhere else it raises at once, as before
            workers.interrupt(signal.SIGTERM, None)
    finally:
        workers._STOP_REQUESTED.clear()
    workers.StopChecking(Progress()).file("a.txt")  # not asked to stop: reports as usual


def test_the_parent_waiting_for_its_workers_sees_a_stop_whose_interrupt_was_lost():
    """A SIGTERM raised where Python drops exceptions (seen: a weakref finalizer the garbage
    collector ran in the parent) only sets the flag; the parent, waiting for a worker to end,
    must still stop instead of blocking until it is killed."""
    import logging
    import types

    from webui import workers

    hook = getattr(logging, "_releaseLock", None) or logging._afterFork
    lost = types.SimpleNamespace(f_code=hook.__code__, f_back=None, f_globals=vars(logging))
    worker = subprocess.Popen(["sleep", "30"])
    workers._STOP_REQUESTED.clear()
    try:
        workers.interrupt(signal.SIGTERM, lost)  # remembered, not raised
        started = time.monotonic()
        assert workers._wait_for_a_worker() == (0, 0)  # though the worker still runs
        assert time.monotonic() - started < 5 and worker.poll() is None
    finally:
        workers._STOP_REQUESTED.clear()
        worker.kill()
        worker.wait()
    quick = subprocess.Popen(["true"])
    ended = set()
    while quick.pid not in ended:  # not asked to stop: the ended worker is reported
        ended.add(workers._wait_for_a_worker()[0])
    quick.returncode = 0  # reaped above; Popen must not wait for it again
