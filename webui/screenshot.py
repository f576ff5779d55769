"""Drive headless Chromium against a real `referatsog serve`: shared by the browser test
and by `python -m webui.screenshot [PNG]`, which saves the README's screenshot.

The machine may be offline, so Chromium runs with every background network feature off.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from webui.serve import free_port, stop_server_process

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING_CHROMIUM = (f"Chromium mangler ({CHROMIUM}). Installér Debians pakke: "
                    "`sudo apt-get install -y chromium` (CI: .ci/run gør det samme).")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUERY = "flygtninge"


def serve_command(port: int, index_dir: Path) -> list[str]:
    """`referatsog serve` when the CLI has it, else the same function called directly."""
    try:
        from indexer.cli import main

        has_serve = "serve" in getattr(main, "commands", {})
    except ImportError:
        has_serve = False
    if has_serve:
        script = Path(sys.executable).parent / "referatsog"
        program = [str(script)] if script.exists() else [sys.executable, "-c", "from indexer.cli import main; main()"]
        return [*program, "serve", "--host", "127.0.0.1", "--port", str(port), "--index-dir", str(index_dir)]
    code = f"from webui.serve import serve; serve('127.0.0.1', {port}, {str(index_dir)!r})"
    return [sys.executable, "-c", code]


@contextmanager
def running_server(index_dir: Path, corpus_dir: Path, timeout: float = 120.0) -> Iterator[str]:
    """Start the site in a subprocess on a free loopback port; yield its base URL; stop it."""
    port = free_port()
    env = {**os.environ, "REFERATSOG_CORPUS": str(corpus_dir), "PYTHONUNBUFFERED": "1"}
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(serve_command(port, index_dir), env=env, stdout=log, stderr=subprocess.STDOUT,
                               cwd=str(index_dir.parent))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"referatsog serve stopped early:\n{log.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(base + "/", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"referatsog serve did not answer on {base} in {timeout:.0f} s") from None
                time.sleep(0.2)
        yield base
    finally:
        stop_server_process(process)
        log.close()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless; a clear message (not a skip) when it is missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def save_search_screenshot(target: Path, query: str = DEFAULT_QUERY) -> Path:
    """Index the seeds into a temporary folder, serve them, and photograph a search."""
    from playwright.sync_api import sync_playwright

    corpus = Path(os.environ.get("REFERATSOG_CORPUS") or PROJECT_ROOT / "seeds")
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "index", corpus) as base:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.get_by_label("Søg i referater").fill(query)
            page.get_by_role("button", name="Søg").click()
            page.wait_for_load_state()
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target))
            browser.close()
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "docs" / "screenshot-search.png"
    print(save_search_screenshot(out))
