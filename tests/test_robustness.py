"""Hostile input, as an administrator's folder really holds it, through `referatsog index` and
`referatsog extract`: one Danish line naming the file and the reason, the run goes on, the
index already built answers as before, nothing hangs and no traceback reaches the user.

Inputs are made in tmp folders. Runs that would hang without the fix they guard run in a
subprocess with a generous timeout, so a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.extract import ExtractError, extract, is_junk
from search import SearchRequest, open_index

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PDFS = Path(__file__).resolve().parent / "fixtures" / "pdf"
MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"
QUERIES = ("flygtninge", "boligplacering", '"negativ social kontrol"', "foreningernes dag")
HANG = 90  # seconds: far beyond what any of these runs needs; only a hang gets near it


def cli(*args: str | bytes | Path, setup: str = "") -> subprocess.CompletedProcess[str]:
    """`referatsog ARGS` in a fresh process (after `setup`, Python run first), with a timeout."""
    code = f"{setup}\nfrom indexer.cli import main\nmain()"
    command = [sys.executable, "-c", code, *(a if isinstance(a, bytes) else str(a) for a in args)]
    result = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=HANG)
    out = subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                      result.stderr.decode("utf-8"))
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    return out


def skipped_lines(output: str) -> dict[str, str]:
    """The summary's `  source: reason` lines under "Sprunget over:"."""
    lines = output.split("Sprunget over:\n", 1)[1].splitlines() if "Sprunget over:" in output else []
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def answers(index_dir: Path) -> dict[str, tuple[int, tuple[str, ...]]]:
    """What the index answers to a few queries: total and the ids of the first hits."""
    index = open_index(index_dir)
    try:
        return {q: (r.total, tuple(h.id for h in r.hits)) for q in QUERIES for r in [index.search(SearchRequest(query=q))]}
    finally:
        index.close()


def seed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def pdf(*objects: bytes) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# The catalog's page tree is object 2, which is a reference to 3, which refers back to 2:
# pdfminer resolves references in a `while` loop and never comes back.
REFERENCE_LOOP_PDF = pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R")


# --- a FIFO or a device in an indexed file's place ------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero"])
def test_a_fifo_or_a_device_in_an_indexed_files_place_is_reported_and_never_waited_on(tmp_path, kind):
    corpus = seed_corpus(tmp_path)
    shutil.copy(SEEDS / MINUTES_2015, corpus / "kopi.txt")  # the same meeting again: searches count it once
    index_dir = tmp_path / "index"
    assert cli("index", corpus, "--index-dir", index_dir, "-q").returncode == 0
    before = answers(index_dir)

    (corpus / "kopi.txt").unlink()
    if kind == "fifo":  # no writer ever opens it: reading it (or hashing it) blocks for ever
        os.mkfifo(corpus / "kopi.txt")
    else:  # endless bytes: hashing it never ends
        os.symlink("/dev/zero", corpus / "kopi.txt")
    result = cli("index", corpus, "--index-dir", index_dir, "-q")

    assert result.returncode == 0, result.stderr
    assert skipped_lines(result.stdout) == {"kopi.txt": "ikke en almindelig fil (enhed, socket eller pipe)"}
    assert {q: total for q, (total, _) in answers(index_dir).items()} == {q: total for q, (total, _) in before.items()}
