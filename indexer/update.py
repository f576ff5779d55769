"""Incremental, safe reindexing: make the index mirror the given folders and files.

The index holds the files under the paths of the last run: new files are added, changed
ones re-read, files that disappeared are removed, and a file is only re-read when its content
hash differs from the one stored. A changed file that cannot be indexed this time, whatever
the reason (no access, I/O error, a share gone away, a half-copied PDF, emptied, too large),
keeps what was indexed from it until a run can read it (`UpdateReport.kept`); so do the
files of a folder that cannot be listed. So does the whole rebuild a run makes by itself (after
an upgrade or an edited data file: `build_stamp`), which writes their stored passages again
(`_write_kept`). With `full=True` everything is read again and the old content dropped.

A file is blamed only for what it can be blamed for (`FILE_ERRORS`: unreadable input, an OS
error, undecodable bytes). Any other exception while a file is read is a fault in Referatsøg:
the file is skipped with a line that says so, its traceback is saved as the CLI saves its own
(`indexer.danish_click.internal_error`), it is counted apart (`UpdateReport.internal_errors`),
and `UpdateReport.exit_status()` is 1; the run goes on all the same.

A run never removes documents it was not asked about: one that would remove documents
indexed from a folder or file not among the paths given, or every document from a given
folder that yields no files now (a share not mounted), raises `RunRefused` and changes
nothing; `full=True` makes the index exactly the paths given. The paths of each committed
run are remembered beside the index (`search.index_folder.write_folders`).

Safety comes from doing a whole run in one writer transaction of the search engine (see
`search.index`): nothing is visible to searches until the final commit, an exception or a
killed process leaves the previous index as it was, and a second run at the same time
fails at once with `search.IndexLocked` (a Danish message) instead of waiting or corrupting.

Source names: with one folder, a file's source is its path relative to that folder. With
several paths, sources are relative to the folders' deepest common parent (`pdf/x.pdf`,
`seeds/y.txt`), so they stay unique; a single file's root is its folder. Sources are stable
as long as the same paths are given.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer import pipeline
# OUTSIDE_ROOT and corpus_root are re-exported: callers have imported them from here.
from indexer.corpus import OUTSIDE_ROOT, Corpus, corpus_root, list_corpus, source_name, within  # noqa: F401
from indexer.extract import ExtractError, UnreadableFile, file_error_reason, open_regular, read_failure
from indexer.models import Document, Notice, Skipped
from indexer.interrupts import StopRequest
from indexer.progress import Progress
from indexer.settings import topics_file
from indexer.datafiles import DataFileError, check_for_index, os_reason
from indexer.topics import checked_tagger

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

log = logging.getLogger(__name__)

# A file modified this close to the moment we looked at it could change again within the
# same timestamp tick (2 s on FAT/SMB shares) without its mtime moving: such a record is
# "racy" and the file is hashed next time instead of trusted on size and mtime (as git does).
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class UpdateReport:
    """What one reindexing run did."""

    seen: int  # files found (supported or not; hidden files and lock files are not counted)
    indexed: int  # files read and written (new or changed)
    unchanged: int  # files left as they were (same size+mtime, or same content hash)
    removed: int  # documents that left the index in this run (files gone; with full, all not written again)
    passages: int  # passages written in this run
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    full: bool = False
    rebuilt_because: str = ""  # why a run not asked to be full rebuilt the index whole
    notices: tuple[Notice, ...] = ()  # files read in this run with a note on how (see `Notice`)
    kept: tuple[Skipped, ...] = ()  # skipped files whose earlier passages stay, with why they were skipped
    removed_sources: tuple[str, ...] = ()  # the `removed` documents by source name
    paths: tuple[str, ...] = ()  # the folders and files given, absolute
    # skipped files refused as at the last run and not read again (`_Refused`), by source
    not_reread: tuple[str, ...] = ()
    # whether the run committed: one that changed nothing leaves the last commit (and its time) as it was
    committed: bool = True
    # skipped files that failed by a fault in Referatsøg, not in the file (`_Fault`): each is in
    # `skipped` too, with a reason that says so and where the traceback was saved
    internal_errors: tuple[Skipped, ...] = ()
    # old item addresses that now redirect to new ones (renamed, moved or replaced files, fixed titles)
    redirected: int = 0
    # what could not be recorded beside the committed index (Danish, one line each)
    warnings: tuple[str, ...] = ()

    def exit_status(self, strict: bool = False) -> int:
        """The exit code for a script: 1 when a fault in Referatsøg kept a file out (whatever
        `strict` says: a bug must not pass as a clean run), or with `strict` when any file was
        skipped or something beside the index could not be recorded (`warnings`); else 0."""
        return 1 if self.internal_errors or (strict and (self.skipped or self.warnings)) else 0

    def __str__(self) -> str:
        from indexer.progress import summary_line

        return summary_line(self)


def update_index(
    paths: Sequence[Path], index_dir: Path, *, full: bool = False, progress: Progress | None = None,
    workers: int | None = None,
) -> UpdateReport:
    """Bring the index in `index_dir` in line with the files under `paths` (see the module doc).

    Per-file problems become `Skipped` lines and the run goes on; problems with the index
    itself (locked, disk full) raise and leave the previous index untouched. `workers`:
    processes that read files when many changed (default: one per CPU; 1 reads in-process).
    """
    from search import open_index  # the search engine is needed only here, not to list files

    from search import moved as moved_ids
    from search.index_folder import (remembered_folders, remembered_passed_over, remembered_refused, write_folders,
                                     write_refused)

    started = time.monotonic()
    progress = progress or Progress()
    _FAULTS.clear()  # before the readers fork: each fault of this run saves its details once
    checked_tagger(topics_file())  # a vocabulary that cannot be read stops the run before any file
    check_for_index()  # so does any other data file: its fault is not the documents' (`DataFileError`)
    paths = outermost(paths)  # a file inside a folder given is read as part of it, and not remembered apart
    given = [Path(os.path.abspath(p)) for p in paths]
    corpus = list_corpus(given, exclude=Path(index_dir))
    skipped = list(corpus.skipped)
    kept: list[Skipped] = []
    notices: list[Notice] = list(corpus.notices)
    vanished: list[str] = []  # files that were there when the run listed them, and not at their turn
    written: set[str] = set()
    removed: list[str] = []
    added: dict[str, moved_ids.Written] = {}  # new or changed files: what old ids may now be (`search.moved`)
    refused_files: dict[str, dict[str, Any]] = {}  # refused for their content, for the next run (`_Refused`)
    not_reread: list[str] = []
    faults: list[Skipped] = []  # files a fault in Referatsøg kept out (`_Fault`)
    counts = {"indexed": 0, "unchanged": 0, "passages": 0}
    index = open_index(index_dir, create=True, recreate_damaged=full)  # a damaged index: --full rebuilds it
    if not full and built_by_newer_release(index.build_stamp):  # before anything is read or locked
        raise NewerIndex(Path(index_dir), index.build_stamp)
    # The reading pool starts before the writer takes the index lock, so no worker holds it.
    writing = False

    stop_if_asked: Callable[[], None] = lambda: None  # `_terminate_as_interrupt`'s check, once it runs

    def on_write(done: int, total: int, source: str) -> None:  # a build's second pass (see IndexWriter)
        nonlocal writing
        stop_if_asked()
        if not writing:
            progress.writing(total)
            writing = True
        progress.file(source, at=done)  # a helper process may write beside this one: counts can jump

    stamp = build_stamp()
    rebuilt_because = ""
    # The signals' handlers first: a Ctrl-C while the pool forks its readers is not lost either.
    with _terminate_as_interrupt() as stop_if_asked, _reading_pool(workers, len(corpus.files)) as pool, \
            index.writer(on_write=on_write, build_stamp=stamp) as writer:
        previous = index.sources()
        if not full:  # before anything is read: a refused run changes nothing
            refused = _refusal([Path(p) for p in paths], given, corpus, previous, remembered_folders(Path(index_dir)))
            if refused is not None:
                raise refused
        stored = {} if full else previous
        # What a file that cannot be read this time keeps: what was indexed from it, in any run
        # but one asked to start from nothing (`--full`, which also erases at once what a file
        # corrected since held). A rebuild not asked for (after an upgrade or an edited data
        # file) writes it again from its stored records (`_write_kept`): it cleared the index.
        keeping = stored
        if stored and not same_build(index.build_stamp, stamp):
            # Terms written under other stems or compound parts, or passages split by an older
            # release, would answer differently from those of files read now: the whole index
            # is rebuilt, as the README promises.
            full, stored, rebuilt_because = True, {}, rebuild_reason(index.build_stamp, stamp)
            progress.rebuilding(rebuilt_because)
        if full:
            writer.clear()
        progress.start(len(corpus.files))  # the files to check; refused ones are reported at once
        passed_over = {} if full else remembered_passed_over(Path(index_dir), refused_key(stamp))
        for item in corpus.skipped:
            progress.skipped(item)
            if passed_over.get(item.source) == item.reason:  # as the last run: `-q` names it once only
                not_reread.append(item.source)
        earlier_refused = {} if full else remembered_refused(Path(index_dir), refused_key(stamp))
        with contextlib.closing(_read_changed(corpus, stored, pool, earlier_refused, progress.reading)) as results:
            for source, changed in results:
                stop_if_asked()
                if source in keeping:  # indexed, and not read just now: is it still there?
                    changed = _unless_gone(source, corpus.files[source], changed)
                if changed is VANISHED:  # deleted while the run went on: it leaves the index in this run
                    vanished.append(source)
                    notices.append(Notice(source, VANISHED_NOTE))
                    progress.file(source, outcome=VANISHED_NOTE)
                    continue
                if isinstance(changed, _Refused):  # refused for what it holds: not read again until it changes
                    refused_files[source] = changed.record()
                    if changed.again:
                        not_reread.append(source)
                    changed = Skipped(changed.source, changed.reason + (NOT_READ_AGAIN if changed.again else ""))
                if isinstance(changed, _Fault):  # not the file's fault: counted apart, and the exit code says so
                    changed = Skipped(changed.source, changed.reason)
                    faults.append(changed)
                if isinstance(changed, Skipped):  # one bad file (or one our fault fails at) never stops the run
                    progress.file(source)  # its reason follows
                    # A file indexed before keeps what was indexed from it, whatever stops it
                    # this time (as a folder that cannot be listed does): a half-copied PDF or
                    # a share that hiccups must not take a meeting off the site.
                    if source in keeping:
                        kept.append(changed)
                        changed = Skipped(changed.source, changed.reason + KEPT_NOTE)
                        if full:  # a rebuild: its old passages are written again, else cleared away
                            _write_kept(writer, index, source, previous[source])
                            written.add(source)
                    skipped.append(changed)
                    progress.skipped(changed)
                    continue
                if changed is None:
                    counts["unchanged"] += 1
                    progress.file(source, outcome=UNCHANGED)
                    continue
                document, file_info = changed
                notices.extend(Notice(source, note) for note in document.notices)
                # Errors of the index itself are not the file's fault: they end the run, unsaved.
                passages = writer.add(document, root=corpus.root, **file_info)
                counts["passages"] += passages
                counts["indexed"] += 1
                progress.file(source, outcome=_read_outcome(previous.get(source), document.source_sha256, passages))
                written.add(source)
                # A first build has nothing to pair: keeping every item's id and title for it
                # would only cost memory (a million items).
                # Paired also when its content is the same but its ids are not: a rebuild by a
                # release that names items or files otherwise (a file named in NFD, slugged
                # «integrationsradet» before and «integrationsraadet» now) left their links 404.
                before = previous.get(source, {}) if previous else {}
                # And in a rebuild by a release that reads a file's items otherwise (or the first
                # reading of a file a rebuild kept unread, `KEPT_UNREAD`), when the unchanged file's
                # items are not the ids they were: a title that printed a CPR number, masked now,
                # gave a new id, and an item merged into the one before it lost its own; their
                # old addresses answered 404 (upgrade reviews).
                if previous and (before.get("sha256") != document.source_sha256
                                 or before.get("document_id", document.id) != document.id
                                 or ((rebuilt_because or before.get(KEPT_UNREAD))
                                     and _other_ids(index, before, document))):
                    added[source] = moved_ids.written(document)
        if pool is not None:  # every file is read: free the workers (and their threads) before the commit
            pool.close()
            pool.join()
        if full:  # cleared: every earlier document not written again has left the index
            # but those of a folder that could not be listed, as in any run but `--full`
            for source in sorted(set(keeping) - written):
                if any(source.startswith(prefix) for prefix in corpus.unlisted):
                    _write_kept(writer, index, source, previous[source])
                    written.add(source)
            removed = sorted(set(previous) - written)
        else:
            removed = [source for source in sorted((set(stored) - set(corpus.files)) | (set(stored) & set(vanished)))
                       if not any(source.startswith(prefix) for prefix in corpus.unlisted)]
            for source in removed:
                writer.delete(source)
        # Old ids of renamed, moved or changed files → new ones, read from the last commit.
        moves = moved_ids.pair(index, previous, removed, added)
        writer.carry_times(moves.passages)  # a renamed or moved item is not new to the feed
        # A file now named from another root (`index a` after `index a b`) is written again
        # under its new name: that is no document leaving the index.
        moved = {_place(corpus.real_root, source) for source in written}
        removed = [source for source in removed if _place(previous[source].get("root"), source) not in moved]
        # Nothing added, changed or removed: no new commit (its generation and time would tell
        # monitoring, and the site's per-commit caches, of an update that was none).
        committed = not writer.cancel_if_unchanged()
    # Bookkeeping beside the committed index; a failure costs what it records, not the index,
    # and is said in the summary (and fails --strict), not as an English log line.
    warnings: list[str] = []
    redirected = len(moves.passages) if committed else 0
    try:  # committed: old addresses of what moved now redirect (only now: no map to uncommitted ids)
        moved_ids.record(index, moves)
    except Exception as error:  # the index is committed: a lost map only costs old addresses
        if redirected:
            warnings.append(f"de {redirected} flyttede punkters gamle adresser kunne ikke gemmes ({_why(error)}); "
                            "de giver 404")
        redirected = 0
    try:  # committed: the next run does not read these again while they stay as they are
        write_refused(Path(index_dir), refused_key(stamp), refused_files,
                      {item.source: item.reason for item in corpus.skipped})
    except (OSError, ValueError) as error:  # they are only read again
        warnings.append(f"listen over afviste filer kunne ikke gemmes ({_why(error)}); de læses igen næste gang")
    try:  # committed: the next run without paths indexes these again
        write_folders(Path(index_dir), [str(path) for path in given])
    except OSError as error:  # the index is written; a run without paths then falls back to the default
        warnings.append(f"de indekserede mapper kunne ikke gemmes ({_why(error)}); næste «referatsog index» "
                        "uden mapper skal have dem nævnt")
    report = UpdateReport(
        seen=len(corpus.files) + len(corpus.skipped),
        skipped=tuple(sorted(skipped, key=lambda item: item.source)),
        seconds=time.monotonic() - started,
        full=full,
        rebuilt_because=rebuilt_because,
        notices=tuple(sorted(notices, key=lambda notice: notice.source)),
        kept=tuple(sorted(kept, key=lambda item: item.source)),
        removed=len(removed),
        removed_sources=tuple(removed),
        paths=tuple(str(path) for path in given),
        not_reread=tuple(not_reread),
        committed=committed,
        internal_errors=tuple(sorted(faults, key=lambda item: item.source)),
        redirected=redirected,
        warnings=tuple(warnings),
        **counts,
    )
    progress.done(report)
    return report


def _other_ids(index: Any, before: dict[str, Any], document: Document) -> bool:
    """Whether the items read now from a file are not the ids the last commit holds for it: an
    id new to the index, or fewer or more items than its record counts (an old id gone: two items
    read as one now). A look-up per item, no stored record read: a rebuild asks for every file."""
    return before.get("passages") != len(document.passages) or not index.has_passages([p.id for p in document.passages])


def _why(error: BaseException) -> str:
    """An error beside the index in a few Danish words (its file and reason)."""
    from indexer.files import os_error_text

    if isinstance(error, OSError):
        name = Path(error.filename).name if error.filename else ""
        return f"{name}: {os_error_text(error)}" if name else os_error_text(error)
    return type(error).__name__


# What a run made of each file it looked at, for `-v` (Danish: shown to users).
UNCHANGED = "uændret"
# The note on an indexed file listed at the start of a run and gone when its turn came.
VANISHED_NOTE = "forsvandt under indekseringen – fjernet fra indekset"
GONE_REASON = "filen forsvandt under indekseringen"  # as `indexer.files.file_error_reason` says it
# What `_unless_gone` reads a deleted file as: no file, so no document.
VANISHED = Skipped("", VANISHED_NOTE)


def _unless_gone(source: str, path: Path, read: _Read) -> _Read:
    """`read` (unchanged, refused or skipped) of the indexed file `source` at `path`, unless the file is
    gone now: then `VANISHED` when its folder still holds other files (it was deleted or moved
    while the run went on), and a skip (which keeps its earlier passages) when its folder is
    empty or gone, as a network share that drops out leaves its mount point: that is no deletion."""
    if read is not None and not isinstance(read, Skipped):
        return read  # read just now: it was there
    try:
        os.stat(path)
        return read
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:  # there, or not to be told (a share that does not answer): as it was
        return read
    try:
        with os.scandir(path.parent) as entries:
            if any(not entry.name.startswith(".") for entry in entries):
                return VANISHED
    except OSError:
        pass
    return read if isinstance(read, Skipped) else Skipped(source, GONE_REASON)


def _read_outcome(before: dict[str, Any] | None, sha256: str, passages: int) -> str:
    """"ny", "ændret" or (rebuilt, the content as before) "læst igen", with the passages written."""
    what = "ny" if before is None else "ændret" if before.get("sha256") != sha256 else "læst igen"
    return f"{what}, {passages} {'passage' if passages == 1 else 'passager'}"


class NewerIndex(Exception):
    """A run (not --full) of this release over an index built by a newer one
    (`built_by_newer_release`): rebuilding it, as for any other release's index, undid the
    upgrade without a word (an upgrade review). The index is unchanged; the message names
    the newer release when the stamp does."""

    def __init__(self, index_dir: Path, stamp: str | None) -> None:
        from indexer.progress import printable

        def release(reading: str) -> str:
            name = reading.partition("-")[2]
            return f" ({name})" if name and name != "?" else ""

        theirs, mine = (stamp or "").partition(":")[0], _reading_stamp()
        apart = _versions_apart(theirs, mine)
        if release(theirs) and release(theirs) == release(mine) and apart:
            # Both built between releases (from main): «(0.6.0) end denne (0.6.0)» told the
            # administrator nothing (an upgrade review); the versions that differ do.
            than = f" end denne (begge {release(mine)[2:-1]}, men {apart})"
        else:
            than = f"{release(theirs)} end denne{release(mine)}"
        super().__init__(
            f"søgeindekset i {printable(str(index_dir))} er bygget af en nyere udgave af Referatsøg"
            f"{than} – kør den nye udgaves "
            "«referatsog index», eller brug --full for at bygge det forfra med denne; indekset er uændret")


def _versions_apart(theirs: str, mine: str) -> str:
    """What differs between two stamps' readings of one release name, in Danish: «læseversion 17
    mod 16», «analyseversion 6 mod 5», both when both differ; "" when neither does.

    >>> _versions_apart("r17.a5-0.6.0", "r16.a5-0.6.0"), _versions_apart("r17.a6-0.6.0", "r16.a5-0.6.0")
    ('læseversion 17 mod 16', 'læseversion 17 mod 16 og analyseversion 6 mod 5')
    """
    a, b = _stamp_versions(theirs), _stamp_versions(mine)
    if a is None or b is None:
        return ""
    pairs = (("læseversion", a[0], b[0]), ("analyseversion", a[1], b[1]))
    return " og ".join(f"{name} {x} mod {y}" for name, x, y in pairs if x != y)


class RunRefused(Exception):
    """A run that would remove documents it was not asked about; the index is unchanged.

    `outside`: documents indexed from folders or files not among the paths given, by the
    path they came from (as the index remembers it); `emptied`: given folders that yield no
    files while the index holds documents from them, with the count and whether the folder
    is empty outright. `message` says it in one Danish line with the remedy."""

    def __init__(self, given: list[Path], outside: dict[str, int], emptied: dict[str, tuple[int, bool]]) -> None:
        self.given, self.outside, self.emptied = given, outside, emptied
        super().__init__(self.message())

    def message(self, options: str = "", named_in: str = "kommandoen") -> str:
        """The line; `options` (such as ` --index-dir DIR`) go into the command it suggests;
        `named_in` is where the paths were named (REFERATSOG_CORPUS when no path was given)."""
        import shlex

        from indexer.progress import printable

        parts = []
        if self.outside:
            folders = list(self.outside)
            where = (f"{folders[0]} (ikke nævnt i {named_in})" if len(folders) == 1 else
                     f"mapper, der ikke er nævnt i {named_in}: " + _and([f"{f} ({n})" for f, n in self.outside.items()]))
            there = [f for f in folders if os.path.exists(f)]
            # every path absolute, as the remembered ones are known; none inside another (each is read with it)
            named = [str(path) for path in outermost([Path(f) for f in there] + [Path(os.path.abspath(g)) for g in self.given])]
            command = " ".join(["referatsog index", *(shlex.quote(p) for p in named)])
            removed = f"Kørslen ville fjerne {_documents(sum(self.outside.values()))}, der er indekseret fra {where}"
            if len(there) == len(folders):
                parts.append(f"{printable(removed)}; indekset er uændret. Nævn alle mapperne "
                             f"({printable(command + options)}), eller brug --full for at bygge indekset alene af de "
                             "nævnte mapper.")
            else:  # a folder moved or deleted since: naming it fails, so the remedy is --full
                gone = [f for f in folders if f not in there]
                parts.append(f"{printable(removed)}; indekset er uændret. {printable(_and(gone))} findes ikke længere "
                             "(flyttet eller slettet?): skal dokumenterne derfra fjernes, så kør "
                             f"{printable(command + ' --full' + options)}.")
        for folder, (count, empty) in self.emptied.items():
            what = "er tom" if empty else "har ingen filer, der kan indekseres"
            parts.append(f"{printable(folder)} {what}, men indekset har {_documents(count)} derfra – er drevet "
                         "monteret? Indekset er uændret; skal de fjernes, så kør med --full.")
        return " ".join(parts)


def outermost(paths: Sequence[Path]) -> list[Path]:
    """`paths` without those that lie inside another of them or repeat one, in their order. A file
    or folder inside a folder given is read as part of that folder: remembered as a path of its
    own (`index /srv/referater /srv/referater/bom.txt`), it failed every later run without paths
    once it was deleted (an administrator review).

    >>> [str(p) for p in outermost([Path("/srv/referater/bom.txt"), Path("/srv/referater"), Path("/srv/nye")])]
    ['/srv/referater', '/srv/nye']
    """
    absolute = [os.path.normpath(os.path.abspath(path)) for path in paths]
    return [path for i, (path, mine) in enumerate(zip(paths, absolute))
            if not any(within(mine, [other]) and (mine != other or j < i) for j, other in enumerate(absolute) if j != i)]


def part_of(named: Sequence[Path], folders: Sequence[Path]) -> dict[Path, Path]:
    """Each of the `named` paths that lies inside one of `folders` (strictly: not the folder
    itself), with that folder. `referatsog index` reads such a path as part of its folder, the
    index built from, rather than as the only path (which would remove the folder's other
    documents) or beside it (which remembered it apart: see `outermost`).

    >>> part_of([Path("/srv/referater/2024/bom.txt"), Path("/srv/nye")], [Path("/srv/referater")])
    {PosixPath('/srv/referater/2024/bom.txt'): PosixPath('/srv/referater')}
    """
    inside: dict[Path, Path] = {}
    for path in named:
        mine = os.path.normpath(os.path.abspath(path))
        for folder in folders:
            theirs = os.path.normpath(os.path.abspath(folder))
            if mine != theirs and within(mine, [theirs]):
                inside[path] = folder
                break
    return inside


def _documents(count: int) -> str:
    return f"{count} dokument" if count == 1 else f"{count} dokumenter"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


def _place(root: object, source: str) -> str:
    """Where a document's file is (or was): its record's real root joined with its source."""
    return os.path.normpath(os.path.join(str(root or ""), source))


def _refusal(typed: list[Path], given: list[Path], corpus: Corpus, stored: dict[str, dict[str, Any]],
             remembered: list[str]) -> RunRefused | None:
    """Why this run (not full) must not go on, or None: the documents it would remove that
    lie outside every path given, and the given folders left without files (see `RunRefused`).

    A document's place is its record's real root joined with its source; a given path
    covers it when that lies inside the path's real location or inside the path as named
    from the run's real root (a folder reached through a link keeps its link's name)."""
    # By place, not by name: a file of the same name elsewhere (the seeds' copy of a
    # production file) replaces the document, which is as good as removing it.
    here = {_place(corpus.real_root, source) for source in corpus.files}
    removals = [source for source in stored if _place(stored[source].get("root"), source) not in here
                and not any(source.startswith(prefix) for prefix in corpus.unlisted)]
    if not removals:
        return None

    def covers(path: Path) -> list[str]:
        return [os.path.realpath(path), os.path.normpath(os.path.join(corpus.real_root, source_name(path, corpus.root)))]

    covered = {str(path): covers(path) for path in given}
    outside: dict[str, int] = {}
    inside: dict[str, list[str]] = {}
    for source in removals:
        where = _place(stored[source].get("root"), source)
        holders = [path for path, keys in covered.items() if within(where, keys)]
        if holders:
            inside.setdefault(holders[0], []).append(source)
            continue
        origin = next((folder for folder in remembered if within(where, covers(Path(folder)))), None)
        origin = origin or str(stored[source].get("root") or "?")
        outside[origin] = outside.get(origin, 0) + 1
    emptied: dict[str, tuple[int, bool]] = {}
    for shown, path in zip(typed, given):
        sources = inside.get(str(path))
        if not sources or not path.is_dir():
            continue
        if any(within(str(file), [str(path)]) for file in corpus.files.values()):
            continue  # it still has files: what it lost is gone from it
        try:
            empty = not any(not name.startswith(".") for name in os.listdir(path))
        except OSError:
            continue  # it could not be listed: what was indexed from it is kept (`unlisted`)
        emptied[str(shown)] = (len(sources), empty)
    if not outside and not emptied:
        return None
    return RunRefused(typed, dict(sorted(outside.items())), emptied)


_Read = tuple[Document, dict[str, int]] | Skipped | None  # read, refused, or unchanged

# Why a run rebuilds the whole index when not asked to (see `build_stamp`).
DATA_CHANGED = "datafilerne (ordstammer, sammensatte ord, emneord) er ændret siden sidste fulde opbygning"
READING_CHANGED = "denne udgave af Referatsøg læser dokumenterne anderledes end den, der byggede indekset"
# The extra topic vocabulary is part of the index: a run without the variable the indexing job
# sets (a manual run in another shell) rebuilds it, and drops its topics.
_SAME_TOPICS = "sæt den ens for alle kørsler mod dette indeks"
TOPICS_SET = f"REFERATSOG_TOPICS er sat nu, men var ikke sat ved sidste fulde opbygning ({_SAME_TOPICS})"
TOPICS_UNSET = (f"REFERATSOG_TOPICS var sat ved sidste fulde opbygning, men er ikke sat nu; de ekstra emner "
                f"forsvinder ({_SAME_TOPICS})")
TOPICS_CHANGED = f"emneordlisten i REFERATSOG_TOPICS er ændret siden sidste fulde opbygning ({_SAME_TOPICS})"
# So are the data files $REFERATSOG_DATA replaces: each reason names the files taken from there.
DATA_FOLDER_SET = ("REFERATSOG_DATA er sat nu, men var ikke sat ved sidste fulde opbygning; {now} læses nu derfra "
                   f"({_SAME_TOPICS})")
DATA_FOLDER_UNSET = ("REFERATSOG_DATA var sat ved sidste fulde opbygning, men er ikke sat nu; de medfølgende {then} "
                     f"bruges igen ({_SAME_TOPICS})")
DATA_FOLDER_CHANGED = ("mappen i REFERATSOG_DATA erstatter nu {now}, men erstattede {then} ved sidste fulde "
                       f"opbygning ({_SAME_TOPICS})")
# Between the reasons of a rebuild with several (an upgrade run without the job's REFERATSOG_DATA).
ALSO = " – og "
# Before the digest of the files taken from $REFERATSOG_DATA in a build stamp (`build_stamp`).
_OWN = "~"


def build_stamp() -> str:
    """What shapes the passages and terms a build writes, as `<reading>:<data digest>` (then
    `@<files from $REFERATSOG_DATA>~<their digest>` and `+<extra vocabulary digest>`): how
    files are read and analysed (`indexer.pipeline.READING_VERSION`,
    `search.analysis.ANALYSIS_VERSION` and the installed release) and a
    digest of every data file as it is read: the search engine's (`search.schema.INDEX_DATA_FILES`),
    the topic vocabulary with `$REFERATSOG_TOPICS`, the compounds that keep their hyphen and the
    first names that tell a case handler from a unit, each the shipped file or the one `$REFERATSOG_DATA` replaces it by. The index records it
    at each whole build; a run that finds another one rebuilds whole, so an edited file or an
    upgrade never leaves old and new terms, topics or passages side by side. (The topics and
    hyphen lists were once read from the package itself, whatever file the modules read.)"""
    from indexer import clean, firstnames, topics
    from indexer.datafiles import is_override
    from search.schema import INDEX_DATA_FILES

    digest, own = hashlib.sha256(), hashlib.sha256()
    extra = topics_file()
    used = (*INDEX_DATA_FILES, topics.TOPICS_FILE, clean.HYPHENATED_FILE, firstnames.FIRST_NAMES_FILE)
    for path in used:
        try:
            data = path.read_bytes()
        except OSError as error:  # checked by `check_for_index` before: gone since
            raise DataFileError(path, None, os_reason(error)) from None
        for hashed in (digest, own) if is_override(path) else (digest,):
            hashed.update(f"{path.name}\0{len(data)}\0".encode())
            hashed.update(data)
    # Which files came from $REFERATSOG_DATA, after an "@": a run without the variable the
    # indexing job sets rebuilds (the contents differ, or would be taken from elsewhere) and
    # says that this is why. None: the stamp is as before the variable. Then, after a "~", the
    # digest of those files alone: an upgrade changes the shipped ones, and a rebuild for it
    # must still tell that the administrator's own copies were edited too (`rebuild_reason`).
    replaced = ",".join(sorted(path.name for path in used if is_override(path)))
    folder = f"@{replaced}{_OWN}{own.hexdigest()[:16]}" if replaced else ""
    # The extra vocabulary's digest on its own, after a "+": a run without the variable the
    # indexing job sets rebuilds too, and must say that this is why (it blamed edited data files).
    # (readable: `checked_tagger` has read it before this)
    vocabulary = f"+{hashlib.sha256(extra.read_bytes()).hexdigest()[:16]}" if extra is not None else ""
    return f"{_reading_stamp()}:{digest.hexdigest()[:16]}{folder}{vocabulary}"


def same_build(recorded: str | None, current: str) -> bool:
    """Whether an index stamped `recorded` was built as this run would build it (`current`): the
    same stamp, or the same but for the digest of the `$REFERATSOG_DATA` copies apart (`_OWN`),
    which a stamp made before it lacks: the files are the same, so nothing to rebuild for.

    >>> same_build("r2:abc@topics.txt", "r2:abc@topics.txt~o1"), same_build("r2:abc@topics.txt~o0", "r2:abc@topics.txt~o1")
    (True, False)
    """
    if recorded == current:
        return True
    return recorded is not None and _OWN not in recorded and re.sub(rf"{_OWN}[^+]*", "", current) == recorded


def data_folder_mismatch(stamp: str | None) -> str | None:
    """A Danish line when the index, built by this release with the stamp `stamp`, was built
    with other files from `$REFERATSOG_DATA` than this process reads for searching (the stem
    list, the compound words, the routine titles); None when they are the same ones. Set for
    the indexing job and not for the site (or the other way round), the site stemmed «kulturelle»
    as the index had not, and found 1 item of 3, without a word (an administrator review). The
    files' contents are not compared: an edit is the administrator's own, and rebuilds."""
    from indexer.datafiles import is_override
    from search.schema import INDEX_DATA_FILES

    if stamp is None or not read_as_this_release(stamp):
        return None
    searched = {path.name for path in INDEX_DATA_FILES}
    recorded = stamp.rpartition(":")[2].split("+", 1)[0].partition("@")[2].partition(_OWN)[0]
    built = {name for name in recorded.split(",") if name in searched}
    now = {path.name for path in INDEX_DATA_FILES if is_override(path)}
    if built == now:
        return None

    def described(names: set[str]) -> str:
        return (f"{', '.join(sorted(names))} fra REFERATSOG_DATA" if names else "de medfølgende datafiler")

    return (f"indekset er bygget med {described(built)}, men søgningen her bruger {described(now)} – ord "
            "stemmes da anderledes, end indekset er bygget, og søgninger svarer anderledes; sæt REFERATSOG_DATA "
            "ens for indeksering, søgning og siden (og genstart siden)")


def read_as_this_release(stamp: str | None) -> bool:
    """Whether an index's build stamp (`build_stamp`, None: an index built before stamps) was
    made reading and analysing documents as this release does; its data files aside.

    >>> read_as_this_release(f"{_reading_stamp()}:0123456789abcdef"), read_as_this_release("r1.a1-0.0.1:00"), read_as_this_release(None)
    (True, False, False)
    """
    return (stamp or "").rpartition(":")[0] == _reading_stamp()


def _reading_stamp() -> str:
    from importlib import metadata

    from indexer.pipeline import READING_VERSION
    from search.analysis import ANALYSIS_VERSION

    try:
        release = metadata.version("referatsog")
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        release = "?"
    return f"r{READING_VERSION}.a{ANALYSIS_VERSION}-{release}"


def built_by_newer_release(recorded: str | None) -> bool:
    """Whether an index's build stamp (`indexer.update.build_stamp`, «r15.a5-0.5.0:…») names a
    higher reading or analysis version than this release's, or the same ones and a higher
    release: a site left running on the old release after the new one's `referatsog index`.
    False for a stamp that does not parse (an index built before stamps is older).

    >>> built_by_newer_release("r999.a1-0.0.1:00"), built_by_newer_release("r1.a1-0.0.1:00"), built_by_newer_release(None)
    (True, False, False)
    >>> r, a = _reading_stamp().split("-")[0][1:].split(".a")
    >>> built_by_newer_release(f"r{r}.a{a}-999.0.1rc1:00"), built_by_newer_release(f"r{r}.a{a}-999.0")  # a candidate, no digest
    (True, True)
    """
    index, this = _stamp_versions((recorded or "").partition(":")[0]), _stamp_versions(_reading_stamp())
    if index is None or this is None:
        return False
    if index[:2] != this[:2]:  # the versions only grow: either one higher is a later release
        return index[0] > this[0] or index[1] > this[1]
    return index[2] is not None and this[2] is not None and index[2] > this[2]


def _stamp_versions(reading: str) -> tuple[int, int, tuple[int, ...] | None] | None:
    """A stamp's reading part «r15.a5-0.5.0» as (15, 5, (0, 5, 0)); a release candidate or development
    release by its numbers («0.5.1rc1» → (0, 5, 1)); the release None when it has none («?» from an
    uninstalled checkout); None when no stamp."""
    match = re.fullmatch(r"r(\d+)\.a(\d+)-(.*)", reading)
    if not match:
        return None
    release = re.match(r"\d+(?:\.\d+)*", match[3])
    numbers = tuple(int(part) for part in release[0].split(".")) if release else None
    return int(match[1]), int(match[2]), numbers


def rebuild_reason(recorded: str | None, current: str) -> str:
    """Why a build stamped `current` rebuilds an index stamped `recorded` (a differing stamp),
    every reason that applies, joined: the reading (an upgrade, which may ship data files of its
    own), the files taken from `$REFERATSOG_DATA` and the extra vocabulary of `$REFERATSOG_TOPICS`
    (a variable the indexing job sets and this run lacks); else the data files (a user's edit).
    An index stamped before stamps named the reading holds the data digest alone. An upgrade
    that also changed a shipped data file was said to be an edit of the data files, which an
    administrator had not touched; and an upgrade run without the indexing job's REFERATSOG_DATA
    named the upgrade alone, and the administrator's own topics were gone without a word (an
    upgrade review).

    >>> rebuild_reason("r2-0.1.0:abc", "r3-0.1.0:abc") == READING_CHANGED
    True
    >>> rebuild_reason("abc", "r2-0.1.0:abc") == READING_CHANGED, rebuild_reason("r2-0.1.0:abc", "r2-0.1.0:def") == DATA_CHANGED
    (True, True)
    >>> rebuild_reason("r4.a2-0.1.0:abc", "r5.a3-0.1.0:def") == READING_CHANGED
    True
    >>> pairs = (("r2:abc", "r2:abc+t1"), ("r2:abc+t1", "r2:abc"), ("r2:abc+t1", "r2:abc+t2"))
    >>> [rebuild_reason(old, new) for old, new in pairs] == [TOPICS_SET, TOPICS_UNSET, TOPICS_CHANGED]
    True
    >>> rebuild_reason("r2:abc", "r2:abd@topics.txt")
    'REFERATSOG_DATA er sat nu, men var ikke sat ved sidste fulde opbygning; topics.txt læses nu derfra (sæt den ens for alle kørsler mod dette indeks)'
    >>> rebuild_reason("r2:abd@hyphenated.txt,topics.txt", "r2:abc").startswith("REFERATSOG_DATA var sat ved sidste fulde opbygning, men er ikke sat nu; de medfølgende hyphenated.txt, topics.txt")
    True
    >>> rebuild_reason("r2:abd@topics.txt", "r2:abc@hyphenated.txt").startswith("mappen i REFERATSOG_DATA erstatter nu hyphenated.txt, men erstattede topics.txt")
    True
    >>> rebuild_reason("r2:abd@topics.txt", "r2:abc@topics.txt") == DATA_CHANGED
    True
    >>> rebuild_reason("r2-0.5.0:abd@topics.txt", "r3-0.6.0:abc") == (
    ...     READING_CHANGED + ALSO + DATA_FOLDER_UNSET.format(then="topics.txt", now=""))
    True
    >>> rebuild_reason("r2:abd@topics.txt+t1", "r2:abc") == DATA_FOLDER_UNSET.format(then="topics.txt", now="") + ALSO + TOPICS_UNSET
    True
    >>> rebuild_reason("r2-0.6.0:abd@topics.txt~o1", "r3-0.6.0:abc@topics.txt~o2") == READING_CHANGED + ALSO + DATA_CHANGED
    True
    >>> rebuild_reason("r2-0.6.0:abd@topics.txt~o1", "r3-0.6.0:abc@topics.txt~o1") == READING_CHANGED  # the shipped files
    True
    """
    recorded_reading, _, recorded_data = (recorded or "").rpartition(":")
    current_reading, _, current_data = current.rpartition(":")
    reasons = [READING_CHANGED] if recorded_reading != current_reading else []
    (recorded_files, _, recorded_topics), (current_files, _, current_topics) = (
        recorded_data.partition("+"), current_data.partition("+"))
    (then, _, then_own), (now, _, now_own) = (recorded_files.partition("@")[2].partition(_OWN),
                                               current_files.partition("@")[2].partition(_OWN))
    # An index stamped before the reading was named (no ":") holds no folder or vocabulary either.
    stamped = ":" in (recorded or "")
    if stamped and then != now:  # other files taken from $REFERATSOG_DATA: the variable set, unset or the folder changed
        then, now = then.replace(",", ", "), now.replace(",", ", ")
        reasons.append((DATA_FOLDER_SET if not then else DATA_FOLDER_UNSET if not now else DATA_FOLDER_CHANGED).format(
            then=then, now=now))
    elif recorded_reading == current_reading and recorded_files.partition(_OWN)[0] != current_files.partition(_OWN)[0]:
        reasons.append(DATA_CHANGED)  # the same files, edited: the administrator's own change
    elif then_own and now_own and then_own != now_own:
        # An upgrade changes the whole digest (its shipped files may differ); the administrator's
        # own copies, digested apart, tell whether they were edited too (an upgrade review: the
        # rebuild named the upgrade alone). An index stamped before that digest cannot tell.
        reasons.append(DATA_CHANGED)
    if stamped and recorded_topics != current_topics:
        reasons.append(TOPICS_SET if not recorded_topics else TOPICS_UNSET if not current_topics else TOPICS_CHANGED)
    return ALSO.join(reasons) or READING_CHANGED  # (the same stamp rebuilds nothing)


# Added to the reason of a file that could not be read this time but was indexed before.
KEPT_NOTE = " – den tidligere indekserede udgave beholdes"
# In the record of a file a rebuild kept without reading it (`_write_kept`): its passages are
# another reading's, so the next run reads it even when it is as it was.
KEPT_UNREAD = "kept_unread"
# What `search.schema.file_fields` derives from the document, not from what the indexer passed.
_DERIVED = ("sha256", "root", "document_id", "doc_type", "kind", "passages")


def _write_kept(writer: Any, index: Any, source: str, record: dict[str, Any]) -> int:
    """Write again, into a rebuild, what was indexed from `source` (committed with `record`)
    and cannot be read this time: its passages as stored, under their ids, so its addresses and
    first-indexed times stay (the writer carries them as for any file written again). A rebuild
    cleared them: a half-copied PDF at the run after an upgrade took its meeting off the site and
    redirected its items to another file's (an upgrade review). Returns the passages written."""
    document_id = record.get("document_id")
    passages = tuple(p for p in index.document(document_id) if p.source == source) \
        if isinstance(document_id, str) else ()
    if not passages:  # nothing readable stored: it leaves the index, as before
        return 0
    document = _kept_document(source, record, passages)
    info = {k: v for k, v in record.items() if k not in _DERIVED}
    return writer.add(document, root=Path(str(record.get("root") or ".")), **{**info, KEPT_UNREAD: True})


def _kept_document(source: str, record: dict[str, Any], passages: tuple[Any, ...]) -> Document:
    """A `Document` of stored passages for the writer, which reads its passages, id, source,
    content hash and kinds; the meeting's fields are the first passage's."""
    first = passages[0]
    return Document(
        id=str(record["document_id"]), source=source, source_sha256=str(record.get("sha256") or ""),
        kind=str(record.get("kind") or ""), doc_type=str(record.get("doc_type") or first.doc_type),
        municipality=first.municipality, council=first.council, meeting_date=first.meeting_date,
        year=first.year, place=first.place, present=first.present, absent=first.absent,
        case_number=None, passages=passages)


def _skipped(source: str, error: Exception) -> Skipped:
    return Skipped(source, _reason(error))


# What a file can be blamed for: input that cannot be indexed (`ExtractError`: the pipeline's
# documented failure, see `indexer.pipeline`), an OS error reading it, bytes that are no text.
# Anything else raised while a file is read is a fault in Referatsøg (`_Fault`).
FILE_ERRORS: tuple[type[Exception], ...] = (ExtractError, OSError, UnicodeError)

# Added to the line of a fault in Referatsøg: the administrator must not delete or re-export the file.
NOT_THE_FILE = "filen er ikke nødvendigvis i stykker; den læses igen ved næste kørsel"


@dataclass(frozen=True)
class _Fault(Skipped):
    """A file not indexed because reading it hit a fault in Referatsøg (a bug in segmenting,
    say), not a fault in the file: counted apart (`UpdateReport.internal_errors`), the exit
    code is 1, and it is read again by the next run (it is no `_Refused`)."""


# The line of each fault met in this process during this run, by exception type and the place
# it was raised (`update_index` empties it): a bug that every file of one layout runs into
# saves one traceback file, not ten thousand, and all those files name that one.
_FAULTS: dict[tuple[str, tuple[tuple[str, int | None], ...]], str] = {}


def _failed(source: str, error: Exception) -> Skipped:
    """The `Skipped` line for `error` raised while `source` was looked at or read: the file's
    (`FILE_ERRORS`), or a `_Fault` whose line says the fault is Referatsøg's and where its
    traceback is saved (as the CLI saves its own unexpected errors: `internal_error`)."""
    if isinstance(error, DataFileError):  # a data file edited during the run: stop, blame no document
        raise error
    if isinstance(error, FILE_ERRORS):
        return _skipped(source, error)
    import traceback

    from indexer.danish_click import internal_error

    log.debug("fault in Referatsøg reading %s", source, exc_info=error)
    place = tuple((frame.filename, frame.lineno) for frame in traceback.extract_tb(error.__traceback__))
    key = (type(error).__qualname__, place)
    if key not in _FAULTS:
        _FAULTS[key] = f"{internal_error(error).rstrip('.')} – {NOT_THE_FILE}"
    return _Fault(source, _FAULTS[key])


# Added to the reason of a refused file that was not read again (see `_Refused`).
NOT_READ_AGAIN = " (uændret siden sidste kørsel – ikke læst igen)"


@dataclass(frozen=True)
class _Refused(Skipped):
    """A file read and refused for what it holds (no text layer, corrupt, encrypted, no items),
    with the size and mtime it had: while they stay the same, later runs give the same reason
    without reading it again (a folder of scanned PDFs would otherwise be parsed on every run,
    and an incremental run of one changed file take minutes). Not a file the OS would not give
    (`UnreadableFile`): access comes back without the file changing. `again`: this run gave
    the remembered reason without reading."""

    size: int = 0
    mtime_ns: int = 0
    checked_ns: int = 0
    root: str = ""
    again: bool = False

    def record(self) -> dict[str, Any]:
        return {"reason": self.reason, "size": self.size, "mtime_ns": self.mtime_ns,
                "checked_ns": self.checked_ns, "root": self.root}


def refused_key(stamp: str) -> str:
    """What refused a file: the schema and the build stamp (this release's reading and the data
    files). Another release (OCR, say) or edited data reads every refused file again."""
    from search.schema import SCHEMA_VERSION

    return f"{SCHEMA_VERSION}:{stamp}"


def _read_changed(corpus: Corpus, stored: dict[str, dict[str, Any]], pool: Pool | None,
                  refused: dict[str, dict[str, Any]] | None = None,
                  reading: Callable[[str, int], None] | None = None) -> Iterator[tuple[str, _Read]]:
    """Each file of the corpus in order with what reading it gave; only new or changed files are
    read, and not a file the last run refused for its content and that is as it was (`refused`).

    Which files changed is decided here (stat, else hash: cheap); reading them (extract,
    clean, segment, enrich: ~99% of a full build's parsing time) goes to a process pool
    when there are at least `POOL_MIN_FILES` of them, so a full build uses every core while
    the writer indexes in this process. Results come back in corpus order either way.
    `reading(source, size)` is called before the run waits for a file to be read.
    """
    root = corpus.root
    real_root = str(root.resolve())  # once, not per file: resolve() costs a syscall per path part
    pending: list[tuple[str, Path, os.stat_result, int]] = []  # files to read, in corpus order
    decided: dict[str, _Read] = {}
    for source, path in corpus.files.items():
        try:
            info, checked_ns = _stat(path)
            if _unchanged(path, real_root, stored.get(source), info):
                decided[source] = None
                continue
            earlier = (refused or {}).get(source)
            if earlier is not None and earlier.get("root") == real_root and stat.S_ISREG(info.st_mode) \
                    and _same_stat(earlier, info):
                decided[source] = _Refused(source, earlier["reason"], info.st_size, info.st_mtime_ns,
                                           earlier["checked_ns"], real_root, again=True)
                continue
        except Exception as error:
            decided[source] = _failed(source, error)
            continue
        pending.append((source, path, info, checked_ns))
    if pool is not None and len(pending) >= POOL_MIN_FILES:
        jobs = [(path, root, info, checked_ns, source, real_root) for source, path, info, checked_ns in pending]
        read = ((source, result) for (source, *_), result in zip(pending, pool.imap(_read_job, jobs, _CHUNK)))
    else:
        read = ((source, _read_one(path, root, info, checked_ns, source, real_root))
                for source, path, info, checked_ns in pending)
    reads = iter(read)
    sizes = {source: info.st_size for source, _path, info, _checked in pending}
    try:
        for source in corpus.files:
            if source in decided:
                yield source, decided[source]
            else:
                if reading is not None:
                    reading(source, sizes[source])
                yield next(reads)
    finally:
        close = getattr(reads, "close", None)
        if close is not None:
            close()


def _stat(path: Path) -> tuple[os.stat_result, int]:
    try:
        return path.stat(), time.time_ns()
    except OSError as error:
        raise read_failure(error, path) from None


def _unchanged(path: Path, real_root: str, record: dict[str, Any] | None, info: os.stat_result) -> bool:
    """Whether the indexed record still describes the file (size+mtime, else content hash).

    Something that is no longer a regular file (a FIFO or a link to a device in an indexed
    file's place) is never hashed: reading it would block or never end. Reading refuses it.
    """
    if record is None or record.get("root") != real_root or not stat.S_ISREG(info.st_mode) or record.get(KEPT_UNREAD):
        return False
    return _same_stat(record, info) or record.get("sha256") == _sha256(path)


def _read_one(path: Path, root: Path, info: os.stat_result, checked_ns: int, source: str, real_root: str = "") -> _Read:
    """Read one new or changed file; any error becomes its `Skipped` line (a `_Refused` one
    when it is the file's content that is refused, a `_Fault` when it is no fault of the file's)."""
    try:
        document = pipeline.read_document(path, root)
        if not document.passages:
            raise ExtractError("ingen dagsordenspunkter eller afsnit fundet")
    except Exception as error:
        skipped = _failed(source, error)
        if isinstance(error, ExtractError) and not isinstance(error, UnreadableFile):
            return _Refused(skipped.source, skipped.reason, info.st_size, info.st_mtime_ns, checked_ns, real_root)
        return skipped
    return document, {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "checked_ns": checked_ns}


# --- reading in several processes -----------------------------------------------------------

# Below this many files to read, a pool costs more to start than it saves.
POOL_MIN_FILES = 32
_CHUNK = 4  # files per task: fewer round trips, still an even spread at the end


def _worker_count(workers: int | None) -> int:
    if workers is not None:
        return max(1, workers)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _reading_pool(workers: int | None, files: int) -> Iterator[Pool | None]:
    """Worker processes that read files, for runs with at least `POOL_MIN_FILES` files; else None.

    Forked (fast, nothing to re-import, no `__main__` guard needed in callers' scripts), so
    only on Linux and only from a process with no other threads (forking a threaded process
    can deadlock); elsewhere files are read in this process. Workers ignore Ctrl-C (the
    parent cancels the run and stops them) and exit by themselves if the parent dies.
    """
    from search.spool import fork_is_safe

    count = _worker_count(workers)
    if count < 2 or files < POOL_MIN_FILES or not fork_is_safe():
        yield None
        return
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(count, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        _stop_readers(pool)
        raise
    pool.close()
    pool.join()


# How long a cancelled run gives the pool's own terminate before it kills the readers itself:
# terminate takes well under a second when it works.
STOP_READERS_WAIT = 3.0


def _stop_readers(pool: Pool, wait: float = STOP_READERS_WAIT) -> None:
    """Stop the readers of a cancelled run within about `wait` seconds, whatever state the pool is in.

    `Pool.terminate()` can wait for ever (CPython gh-78178, open). Seen here (a SIGTERM mid-run, in
    CI and under load): terminate stops the pool's result thread, which stops reading the readers'
    results; a reader that finishes a file after that blocks sending its result (a document is more
    than a pipe holds) while holding the queue's lock, and terminate blocks taking that lock to
    send its own sentinel, before it would signal any reader. Also: a reader forked just before
    loses terminate's SIGTERM (Python clears a signal that arrives before its after-fork hook has
    run), and terminate waits for it to exit. So terminate runs in a thread of its own, and once it
    is done or `wait` is over, every reader still alive is killed (SIGKILL is never lost) and
    reaped; a pool thread left waiting is a daemon and ends with the process."""
    import threading

    stopping = threading.Thread(target=pool.terminate, name="referatsog-stop-readers", daemon=True)
    stopping.start()
    try:
        stopping.join(wait)
    finally:  # also when a second Ctrl+C cuts the wait short
        readers = list(pool._pool)  # Pool has no public list of its processes
        for reader in readers:
            if reader.exitcode is None:
                reader.kill()
        for reader in readers:
            reader.join(wait)


def _read_job(job: tuple[Path, Path, os.stat_result, int, str, str]) -> _Read:
    return _read_one(*job)


def _worker_init(parent: int) -> None:
    from search.spool import start_as_helper

    start_as_helper(parent)


def _same_stat(record: dict[str, Any], info: os.stat_result) -> bool:
    """Unchanged by size and mtime, unless the record was taken too soon after a write."""
    mtime, checked = record.get("mtime_ns"), record.get("checked_ns")
    if not isinstance(mtime, int) or not isinstance(checked, int) or checked - mtime < RACY_NS:
        return False
    return record.get("size") == info.st_size and mtime == info.st_mtime_ns


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open_regular(path) as handle:  # it may have become a FIFO since it was looked at
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise read_failure(error, path) from None
    return digest.hexdigest()


def _reason(error: Exception) -> str:
    """One line for the administrator on what is wrong with a file (`FILE_ERRORS`)."""
    if isinstance(error, ExtractError) and error.reason.strip():  # not any `reason`: UnicodeError's is English
        return " ".join(error.reason.split())
    if isinstance(error, OSError):  # its strerror is English: say it in Danish
        log.debug("OS error", exc_info=error)
        return file_error_reason(error, error.filename if isinstance(error.filename, str) else None)
    message = " ".join(str(error).split())
    log.debug("file error", exc_info=error)
    return f"kunne ikke behandles ({type(error).__name__}: {message})"[:300] if message else f"kunne ikke behandles ({type(error).__name__})"


# --- listing the corpus ---------------------------------------------------------------------


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[Callable[[], None]]:
    """Let SIGTERM (systemd stop, docker stop, kill) cancel the run like Ctrl-C.

    The writer then discards its work and releases the lock at once. Only the main thread
    can own signal handlers; elsewhere the default (die; Whoosh's commit protocol still
    keeps the old index) applies. The previous handlers are restored afterwards.

    A SIGTERM or Ctrl-C that lands in os.fork's logging hooks (the reading pool and the
    writer's helper fork) cannot raise there: Python prints the traceback and drops it, and
    the run went on to its end. It is remembered instead (`StopRequest`); the run calls the
    yielded check at every file and raises then.
    """
    stop = StopRequest()
    with stop.installed():
        yield stop.check
