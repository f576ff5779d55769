"""Progress of a reindexing run, and its summary, for people (Danish).

`update_index` calls a `Progress`: start(total), file(source) before each file, skipped(item)
for each file it cannot index, done(report) at the end. A build from nothing reads every file
first and writes them afterwards (it learns the corpus's compounds in between, see
`search.IndexWriter`): writing(total) starts that second pass, with file(source) again. The base class says nothing (library
use, tests); `ConsoleProgress` draws a one-line bar on a terminal and writes plain lines
otherwise, so logs of cron jobs stay readable. Output goes to stderr: stdout is the summary.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from typing import TYPE_CHECKING, TextIO

from indexer.models import Skipped

if TYPE_CHECKING:
    from pathlib import Path

    from indexer.update import UpdateReport

QUIET, NORMAL, VERBOSE = 0, 1, 2

# Control characters (line breaks, tabs, escape sequences, NUL …) that a file name may hold:
# printed as they are they would break a one-line report or drive the terminal. Lone
# surrogates (the undecodable bytes of a name, as Python reads them) cannot be printed at all.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        code -= 0xDC00
    return _ESCAPES.get(character) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def printable(text: str) -> str:
    """`text` with each control character written as an escape (a newline as `\\n`), for one line.

    >>> printable("a\\nb\\x1bc")
    'a\\\\nb\\\\x1bc'
    """
    return _CONTROL_RE.sub(lambda m: _escape(m[0]), text)


class Progress:
    """The calls `update_index` makes while it runs; this base class reports nothing."""

    def start(self, total: int) -> None:
        """The run will look at `total` files."""

    def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
        """The run is at this file (checked whether it changed and read it if so, or about to
        write it); `at`: its number, when files are not announced one by one; `outcome`: what the
        run made of it (Danish, "ny, 7 passager", "uændret"; "" for a file skipped, whose reason
        `skipped` gives, and in the writing pass)."""

    def reading(self, source: str, size: int) -> None:
        """The run waits for this file (of `size` bytes) to be read; file() follows when it is."""

    def skipped(self, skipped: Skipped) -> None:
        """This file is not indexed, for the reason given."""

    def writing(self, total: int) -> None:
        """All files are read; now `total` of them are written into the index, each announced by file()."""

    def rebuilding(self, reason: str) -> None:
        """The run rebuilds the whole index though not asked to, for `reason`."""

    def done(self, report: UpdateReport) -> None:
        """The run has finished (and committed)."""

    def close(self) -> None:
        """The run has ended, whichever way (refused, failed, interrupted, or done): nothing drawn
        may be left for the next line to be glued to."""


class ConsoleProgress(Progress):
    """A bar with counts and the current file on a terminal; plain lines elsewhere.

    NORMAL on a terminal: the bar only (skipped files are listed by the summary). NORMAL
    elsewhere: a start line and a line at every tenth of the way. VERBOSE: a line per file,
    with what became of it, and per skipped file, on a terminal too. A file of at least
    `LARGE_FILE` bytes is named when its reading starts (in the bar on a terminal, else as a
    line), so a run that waits a minute for one file does not look as if it hung.
    """

    REDRAW_SECONDS = 0.1
    LARGE_FILE = 2 * 1024 * 1024  # a council PDF is a few MB: a file this big takes seconds to read

    def __init__(self, stream: TextIO | None = None, *, verbosity: int = NORMAL, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.verbosity = verbosity
        # TERM=dumb: a terminal (Emacs's shell, some CI consoles) that cannot erase a line: the
        # bar's "\r\x1b[K" would pile up as text, so it gets the plain lines of a log
        self.tty = (self.stream.isatty() and os.environ.get("TERM") != "dumb") if tty is None else tty
        self.total = 0
        self.count = 0
        self._drawn = 0.0
        self._bar_visible = False
        self._next_tenth = 1
        self._label = ""  # before the current file's name: what the run is doing with it

    def start(self, total: int) -> None:
        self.total, self.count = total, 0
        if self.verbosity >= VERBOSE or not self.tty:
            self._line(f"Indekserer {_plural(total, 'fil', 'filer')} …")

    def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
        self.count = self.count + 1 if at is None else at
        if self.verbosity >= VERBOSE:
            self._line(f"[{self.count}/{self.total}] {self._label}{printable(source)}{' – ' + outcome if outcome else ''}")
        elif self.tty:
            now = time.monotonic()
            if now - self._drawn >= self.REDRAW_SECONDS or self.count == self.total:
                self._draw_bar(printable(source))
                self._drawn = now
        elif self.total >= 20 and self.count * 10 >= self._next_tenth * self.total:
            self._line(f"  {self.count}/{self.total} filer")
            self._next_tenth = self.count * 10 // self.total + 1

    def reading(self, source: str, size: int) -> None:
        if size < self.LARGE_FILE:
            return
        what = f"{printable(source)} ({_megabytes(size)})"
        if self.tty and self.verbosity < VERBOSE:
            self._draw_bar(what, label="læser ")  # at once, whenever the bar was drawn last
            self._drawn = time.monotonic()
        else:
            self._line(f"  læser {what} …")

    def skipped(self, skipped: Skipped) -> None:
        if self.verbosity >= VERBOSE:
            self._line(f"  sprunget over: {printable(skipped.source)}: {printable(skipped.reason)}")

    def writing(self, total: int) -> None:
        self.total, self.count, self._next_tenth = total, 0, 1
        self._label = "skriver "
        if self.verbosity >= VERBOSE or not self.tty:
            self._line(f"Skriver {_plural(total, 'fil', 'filer')} i indekset …")

    def rebuilding(self, reason: str) -> None:
        self._line(f"Bygger hele indekset igen: {reason}.")  # a long run the user did not ask for: say why at once

    def done(self, report: UpdateReport) -> None:
        if self._bar_visible:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._bar_visible = False

    def close(self) -> None:
        # The bar stays, its line ended: where a failed or stopped run was is worth seeing
        # («… 8/25 læser stor.pdf (11 MB)»), and the «Fejl:» line that follows starts a line of its own.
        if self._bar_visible:
            self.stream.write("\n")
            self.stream.flush()
            self._bar_visible = False

    def _draw_bar(self, source: str, label: str | None = None) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        done = self.count / self.total if self.total else 1.0
        bar = "#" * int(done * 20)
        head = f"[{bar:<20}] {self.count}/{self.total} {self._label if label is None else label}"
        room = max(0, width - len(head) - 1)
        name = source if len(source) <= room else "…" + source[-(room - 1):] if room > 1 else ""
        self.stream.write(f"\r\x1b[K{head}{name}")
        self.stream.flush()
        self._bar_visible = True

    def _line(self, text: str) -> None:
        if self._bar_visible:
            self.stream.write("\r\x1b[K")
            self._bar_visible = False
        self.stream.write(text + "\n")
        self.stream.flush()


def make_progress(*, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> Progress:
    """The progress for the CLI's `--quiet`/`--verbose` (quiet wins)."""
    if quiet or (stream or sys.stderr) is None:  # stderr closed (`2>&-`): nowhere to report to
        return Progress()
    return ConsoleProgress(stream, verbosity=VERBOSE if verbose else NORMAL)


def summary_line(report: UpdateReport) -> str:
    """One line: what the run did and how long it took."""
    parts = [
        f"{_plural(report.indexed, 'fil', 'filer')} indekseret ({_plural(report.passages, 'passage', 'passager')})",
        f"{report.unchanged} uændret" if report.unchanged == 1 else f"{report.unchanged} uændrede",
        f"{report.removed} fjernet",
        f"{report.skipped and len(report.skipped) or 0} sprunget over" + _of_which(report),
    ]
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    rebuilt = f" (genopbygget: {report.rebuilt_because})" if report.rebuilt_because else " (genopbygget)" if report.full else ""
    return f"{_plural(report.seen, 'fil', 'filer')} set: {', '.join(parts)} – {seconds} s{rebuilt}."


def _of_which(report: UpdateReport) -> str:
    """What the skipped files include: those kept from the last run, those a fault in Referatsøg kept out."""
    parts = [f"{len(report.kept)} beholdt fra sidste kørsel"] if report.kept else []
    if report.internal_errors:
        parts.append(f"{len(report.internal_errors)} på grund af en fejl i Referatsøg")
    return f" (heraf {' og '.join(parts)})" if parts else ""


# Removed files named in a summary that is not verbose; beyond this, the first ones and a count.
REMOVED_NAMED = 10


def format_summary(report: UpdateReport, index_dir: Path | None = None, *, verbose: bool = False,
                   quiet: bool = False) -> str:
    """The end-of-run summary: the counts, the folders indexed and where the index is (absolute),
    the files removed from the index (all of them when `verbose`, else the first
    `REMOVED_NAMED`), each file indexed with a note on how it was read, each file whose earlier
    passages were kept though it could not be read this time, and each skipped file with its
    reason."""
    import os

    lines = [summary_line(report)]
    if report.paths:
        lines.append(f"{_paths_label(report.paths)}: {', '.join(printable(path) for path in report.paths)}")
    if index_dir is not None:
        lines.append(f"Indeks: {printable(os.path.abspath(index_dir))}")
    if report.removed_sources:
        shown = report.removed_sources if verbose else report.removed_sources[:REMOVED_NAMED]
        rest = len(report.removed_sources) - len(shown)
        lines.append(f"Fjernet: {', '.join(printable(source) for source in shown)}"
                     + (f" og {rest} til (alle med -v)" if rest else ""))
    if report.redirected:  # a rename and a delete-and-add look alike in the counts: links tell them apart
        lines.append(f"Viderestillet: {_plural(report.redirected, 'gammel punktadresse', 'gamle punktadresser')} "
                     "fører nu til de nye (omdøbte, flyttede eller erstattede filer, rettede titler).")
    lines.extend(f"Advarsel: {text}." for text in report.warnings)  # beside the committed index
    if report.notices:  # before the skipped files, which end the summary as they always have
        lines.append("Bemærkninger:")
        lines.extend(f"  {printable(item.source)}: {printable(item.note)}" for item in report.notices)
    kept = {item.source for item in report.kept}
    lines.extend(f"Beholdt fra sidste kørsel: {printable(item.source)} (kunne ikke læses denne gang: "
                 f"{printable(item.reason)})" for item in report.kept)
    others = [item for item in report.skipped if item.source not in kept]
    # `quiet` (a cron job's mail): the files refused as at the last run, unread, are one line;
    # what is new this run is listed as ever
    as_before = set(report.not_reread) if quiet else set()
    listed = [item for item in others if item.source not in as_before]
    if listed:
        lines.append("Sprunget over:")
        lines.extend(f"  {printable(item.source)}: {printable(item.reason)}" for item in listed)
    if len(listed) < len(others):
        count = len(others) - len(listed)
        lines.append(f"Sprunget over som ved sidste kørsel (uændrede, ikke læst igen): "
                     f"{_plural(count, 'fil', 'filer')} – se dem uden -q.")
    if report.seen == 0:  # a first build of an unmounted share: an empty site, else without a word
        lines.append(EMPTY_CORPUS)
    return "\n".join(lines)


# The summary's last line for a run that found no file at all (a run that would empty an index
# that has documents is refused before it starts: `indexer.cli`).
EMPTY_CORPUS = "Advarsel: der er ingen filer i mapperne – er drevet monteret, og er det den rigtige mappe?"


def _paths_label(paths: tuple[str, ...]) -> str:
    """What the paths given are: "Mapper", "Fil", "Filer", or "Mapper og filer" (one that is
    gone counts as a folder: a share not mounted)."""
    import os

    files = sum(1 for path in paths if os.path.exists(path) and not os.path.isdir(path))
    if not files:
        return "Mapper"
    if files == len(paths):
        return "Fil" if files == 1 else "Filer"
    return "Mapper og filer"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 10 * 2**20 else f"{size / 2**20:.1f} MB".replace(".", ",")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
