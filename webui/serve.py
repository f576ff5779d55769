"""`referatsog serve`: build the index when there is none, then serve the site with waitress.

Waitress is a production WSGI server in pure Python: threads, no fork, so it runs the
same on Linux, macOS and Windows, and one process shares one open searcher between all
request threads (issue 6). Flask's debug server is never used.
"""

from __future__ import annotations

import sys
from pathlib import Path

import waitress

from indexer.settings import default_corpus, default_index_dir

from . import create_app

# Eight concurrent clients (issue 6) plus headroom for static files and slow readers.
THREADS = 12


def ensure_index(index_dir: Path, corpus_dir: Path) -> bool:
    """Build the index from `corpus_dir` if `index_dir` holds none; True when it built one."""
    from search import open_index
    from search.api import IndexMissing

    try:
        open_index(index_dir)
        return False
    except IndexMissing:
        pass
    from indexer.update import update_index

    print(f"Intet søgeindeks i {index_dir}; bygger det fra {corpus_dir} …", flush=True)
    report = update_index([corpus_dir], index_dir)
    print(f"Indekset er bygget i {index_dir}: {report}", flush=True)
    return True


def serve(host: str = "127.0.0.1", port: int = 5000, index_dir: str | Path | None = None,
          corpus_dir: str | Path | None = None, threads: int = THREADS) -> None:
    """Serve Referatsøg on http://host:port/ until interrupted."""
    index_path = Path(index_dir).expanduser() if index_dir else default_index_dir()
    corpus_path = Path(corpus_dir).expanduser() if corpus_dir else default_corpus()
    ensure_index(index_path, corpus_path)
    app = create_app({"INDEX_DIR": str(index_path), "CORPUS_DIR": str(corpus_path)})
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Referatsøg kører på http://{shown_host}:{port}/  (stop med Ctrl+C)", flush=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="Referatsog")


if __name__ == "__main__":  # python -m webui.serve [port]
    serve(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
