"""Reading the editable data files (README, «Editable data files»): one reader for all of them.

An administrator edits these files (`search/data/*.txt`, `indexer/data/*.txt`, or their copies
in `$REFERATSOG_DATA`; the file `$REFERATSOG_TOPICS` names), and an editor may save one as
Latin-1, put a byte-order mark before its first line, or leave a line that is not in the file's
form. Each such fault is a `DataFileError` naming the file and the line, in Danish (`str()` is
the line the command line prints after «Fejl: »), never a document's fault and never an
«uventet fejl».

Files read at query time (variants, routine titles) are `Watched`: re-read when they change,
and a reading that fails keeps the last good contents and is said once (`say`).

Where each file is read from is decided by `data_file`: a file of the same name in the folder
`$REFERATSOG_DATA` names replaces the shipped one, so an administrator's edits live outside the
installed package (a `pip install --upgrade` replaced them, and in a checkout they were changes
to the repository). Each module resolves its file once, at import: a running site is restarted
to follow a changed variable (or a file added to or removed from the folder), while an edit of
a file is read as before.

>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> path = Path(folder) / "liste.txt"
>>> _ = path.write_bytes("\\ufeffhaven # have\\n\\ntalen\\n".encode("utf-8"))
>>> content_lines(path)
[(1, 'haven'), (3, 'talen')]
>>> _ = path.write_bytes("haven\\nfjern\\xf8\\n".encode("latin-1"))
>>> str(DataFileError.of(path, lambda: content_lines(path))).endswith("liste.txt, linje 2: ikke tekst i UTF-8 (gem filen som UTF-8)")
True
"""

from __future__ import annotations

import difflib
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from indexer.settings import DATA_VARIABLE, data_folder

NOT_UTF8 = "ikke tekst i UTF-8 (gem filen som UTF-8)"

# The files a file of the same name in `$REFERATSOG_DATA` replaces (README, «Editable data
# files»). Not the learned compound lexicon (`compound_lexicon.txt`): it is generated from the
# project's seeds, and every index learns its own corpus's compounds at each full build.
EDITABLE_FILES = ("compound_words.txt", "first_names.txt", "hyphenated.txt", "routine_titles.txt", "stem_exclusions.txt",
                  "topics.txt", "variants.txt")
_GENERATED_FILES = ("compound_lexicon.txt",)
_FOLDER_ADVICE = "ret variablen, eller fjern den for at bruge de medfølgende datafiler"

log = logging.getLogger("referatsog")
T = TypeVar("T")


class DataFileError(ValueError):
    """A data file that cannot be used: its path, the line (None: the whole file) and why, in Danish.

    Not an `OSError` nor a `UnicodeError`: the indexer must not take it for a document's fault."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        super().__init__(str(path), line, reason)  # args only: it crosses the reading pool pickled
        self.path, self.line, self.reason = str(path), line, reason

    def __str__(self) -> str:
        where = f"{_printable(self.path)}, linje {self.line}" if self.line else _printable(self.path)
        return f"{where}: {self.reason}"

    @staticmethod
    def of(path: Path, read: Callable[[], object]) -> DataFileError | None:
        """The error `read()` raises (for doctests and checks), else None."""
        try:
            read()
        except DataFileError as error:
            return error
        return None


class DataFolderError(DataFileError):
    """`$REFERATSOG_DATA` names no folder that can be read: one line naming the variable.

    A `DataFileError`, so a command says it as one «Fejl: …» line and exits with 1, as for a
    data file that cannot be used."""

    def __str__(self) -> str:
        return f"{DATA_VARIABLE}: {_printable(self.path)} {self.reason}"


_overrides: set[Path] = set()  # the files `data_file` took from the folder


def data_file(name: str, shipped: Path) -> Path:
    """Where the data file `name` is read from: `$REFERATSOG_DATA/name` when the variable is set
    and the folder holds a file (or anything else) of that name, else `shipped`.

    A variable naming no folder that can be listed is a `DataFolderError`; a name in the folder
    that is no data file (`variant.txt`) is said once (`say`), with the names it could be. An
    entry of the right name that cannot be read (a folder, no access) is taken all the same: its
    reader names it, rather than the shipped file being used without a word. (Tests:
    tests/test_data_folder.py.)"""
    folder = data_folder()
    if folder is None:
        return shipped
    names = _folder_names(folder)
    if name not in names:
        return shipped
    _overrides.add(folder / name)
    return folder / name


def is_override(path: Path) -> bool:
    """Whether `path` was taken from `$REFERATSOG_DATA` by `data_file` (not a shipped file, nor
    another path a caller chose)."""
    return Path(path) in _overrides


def _folder_names(folder: Path) -> list[str]:
    """The names in the data folder; a `DataFolderError` when it cannot be listed. Names that
    are no data file are said, each once."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        raise DataFolderError(folder, None, f"findes ikke – {_FOLDER_ADVICE}") from None
    except NotADirectoryError:
        raise DataFolderError(folder, None, f"er en fil, ikke en mappe – {_FOLDER_ADVICE}") from None
    except PermissionError:
        raise DataFolderError(folder, None, f"kan ikke læses (ingen adgang) – {_FOLDER_ADVICE}") from None
    except (OSError, ValueError):
        raise DataFolderError(folder, None, f"kan ikke læses – {_FOLDER_ADVICE}") from None
    for line in unknown_data_files(names, folder):
        say(line)
    return names


def unknown_data_files(names: Iterable[str], folder: Path | str) -> list[str]:
    """One Danish line for each name in the data folder that is no data file, and is ignored
    (editors' backups, `variants.txt~` and dot files, aside).

    >>> unknown_data_files(["variant.txt", "topics.txt", ".topics.txt.swp"], "/srv/data")[0]
    'REFERATSOG_DATA: variant.txt i /srv/data er ingen af datafilerne og bruges ikke (mente du variants.txt? de kendte er compound_words.txt, first_names.txt, hyphenated.txt, routine_titles.txt, stem_exclusions.txt, topics.txt, variants.txt)'
    """
    lines = []
    for name in sorted(names):
        if name in EDITABLE_FILES or name.startswith(".") or name.endswith("~"):
            continue
        if name in _GENERATED_FILES:
            hint = "den genereres og erstattes ikke; hvert indeks lærer selv sit korpus' sammensatte ord"
        else:
            close = difflib.get_close_matches(name, EDITABLE_FILES, n=1, cutoff=0.6)
            hint = (f"mente du {close[0]}? " if close else "") + f"de kendte er {', '.join(EDITABLE_FILES)}"
        lines.append(f"{DATA_VARIABLE}: {_printable(name)} i {_printable(str(folder))} er ingen af datafilerne "
                     f"og bruges ikke ({hint})")
    return lines


def malformed(path: Path | str, number: int, line: str, form: str) -> DataFileError:
    """A line that is not in the file's form: «… er ikke på formen «form»»."""
    shown = line if len(line) <= 60 else line[:59] + "…"
    return DataFileError(path, number, f"«{_printable(shown)}» er ikke på formen {form}")


def read_text(path: Path | str) -> str:
    """The text of a data file: UTF-8, a byte-order mark before the first line dropped.

    Raises `DataFileError` for a file that cannot be read or is no UTF-8 (with the line of the
    first byte that is not)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(path, None, os_reason(error)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[:error.start].decode("utf-8-sig", "replace")
        raise DataFileError(path, len((before + "x").splitlines()), NOT_UTF8) from None


def numbered_lines(path: Path | str) -> list[tuple[int, str]]:
    """Every line of a data file with its number (from 1), as written."""
    return list(enumerate(read_text(path).splitlines(), 1))


def content_lines(path: Path | str) -> list[tuple[int, str]]:
    """The lines that say something, with their numbers: `#` comments and blanks dropped, stripped."""
    out = []
    for number, raw in numbered_lines(path):
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append((number, line))
    return out


def os_reason(error: OSError) -> str:
    """Why a file could not be read, in Danish."""
    return ("findes ikke" if isinstance(error, FileNotFoundError) else
            "er en mappe, ikke en fil" if isinstance(error, IsADirectoryError) else
            "kan ikke læses (ingen adgang)" if isinstance(error, PermissionError) else
            "kan ikke læses")


def file_stamp(path: Path) -> tuple[int, int] | None:
    """When and how big `path` was last written (None if it is gone): whether it changed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


_said: set[str] = set()
_said_lock = threading.Lock()


def say(message: str) -> None:
    """Say a data file's problem once per process: in the log where one is set up (the site,
    `webui.stderr_log`), else as one «Advarsel: …» line on stderr (the command line)."""
    with _said_lock:
        if message in _said:
            return
        _said.add(message)
    if logging.getLogger().handlers or log.handlers:
        log.warning(message)
    else:
        try:
            print(f"Advarsel: {message}", file=sys.stderr, flush=True)
        except (OSError, ValueError, AttributeError):  # no stderr to say it on
            pass


class Watched(Generic[T]):
    """A data file read at query time, read again when it changes (size or mtime).

    A reading that fails (`DataFileError`) keeps the last good contents, or `empty` when none
    was ever read, and is said once (`say`) with what the search does meanwhile (`kept`,
    `without`). `notes(value)` are warnings of a good reading, said once each."""

    def __init__(self, path: Callable[[], Path], read: Callable[[Path], T], empty: T, *, kept: str, without: str,
                 notes: Callable[[T], Iterable[str]] | None = None) -> None:
        self._path, self._read, self._empty = path, read, empty
        self._kept, self._without, self._notes = kept, without, notes
        self._lock = threading.Lock()
        self._stamp: object = None
        self._value: T = empty
        self._good: dict[Path, T] = {}  # the last good reading of each path

    def get(self) -> T:
        path = self._path()
        stamp = (path, file_stamp(path))
        if stamp == self._stamp:
            return self._value
        with self._lock:
            if stamp == self._stamp:
                return self._value
            try:
                value = self._read(path)
            except DataFileError as error:
                if Path(error.path) != path:  # another file the reading needs (the compound words): not ours to keep
                    raise
                good = self._good.get(path)
                say(f"{error}; {self._kept if good is not None else self._without}")
                value = good if good is not None else self._empty
            else:
                self._good[path] = value
                for note in (self._notes(value) if self._notes else ()):
                    say(note)
            self._value, self._stamp = value, stamp
            return value

    def forget(self) -> None:
        """Read the file again at the next `get`, changed or not."""
        with self._lock:
            self._stamp = None


def check_for_index() -> None:
    """Read every data file an index build depends on, strictly: a `DataFileError` stops the
    run before it reads any document (else every document was refused for the data file's
    fault, «kunne ikke behandles (UnicodeDecodeError)», and dropped from the index)."""
    from indexer import clean, firstnames
    from search import danish, decompound, schema

    danish.load_stem_exclusions(danish._EXCLUSIONS_FILE)
    for path in (decompound.LEXICON_FILE, decompound.WORDS_FILE):
        decompound.read_words(path)
    schema.routine_titles()
    clean.kept_hyphen_words()
    firstnames.first_names()


def _printable(text: str) -> str:
    """`text` with control characters escaped, as `indexer.progress.printable` (not imported:
    `search` imports this module early)."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
