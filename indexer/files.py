"""Reading an input file's bytes, and telling why the OS would not give them, in Danish.

The only place input files are opened. `ExtractError` (one Danish line for the administrator)
is how every stage of reading a file says that it cannot be indexed.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024  # a council PDF is a few MB; anything this big is not minutes
# Characters of text read from one file (a text's, a web page's markup, a PDF's pages): a
# 1,000-page report holds some 3 million. What lies beyond is not read, with a notice (see
# `indexer.extract`); one passage holds at most a tenth of it (`indexer.pipeline`).
MAX_TEXT_CHARS = 10_000_000


class ExtractError(Exception):
    """A file that cannot be indexed; `reason` is one Danish line for the administrator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnreadableFile(ExtractError):
    """The OS would not give us the file's bytes (no access, I/O error, a network share gone
    away): nothing is known about its content, so what was indexed from it before is kept."""


def read_failure(error: OSError, path: Path | str) -> ExtractError:
    """The ExtractError for an OS error while opening or reading `path`: `UnreadableFile`,
    unless the file is gone (vanished, or a link that leads nowhere), which is plain."""
    reason = file_error_reason(error, path)
    if error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR) or link_reason(path):
        return ExtractError(reason)
    return UnreadableFile(reason)


def read_bytes(path: Path) -> bytes:
    """All bytes of the file, with every OS failure turned into one clear line.

    What is checked is the file opened, not the name looked up before (a FIFO put in a file's
    place between the two would block the run forever), and no more than `MAX_BYTES` is read
    (a file that grows while it is read, a log being written, would otherwise never end).
    """
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                raise ExtractError("tom fil (0 bytes)")
            if size > MAX_BYTES:
                raise ExtractError(f"for stor ({size // 2**20} MB; grænsen er {MAX_BYTES // 2**20} MB)")
            data = bytearray(handle.read(size))
            while len(data) <= MAX_BYTES:  # it grew while we read: up to the limit, not forever
                more = handle.read(1 << 20)
                if not more:
                    break
                data += more
    except OSError as e:
        raise read_failure(e, path) from None
    if not data:  # emptied between stat and read
        raise ExtractError("tom fil (0 bytes)")
    if len(data) > MAX_BYTES:
        raise ExtractError(f"for stor (voksede under læsningen; grænsen er {MAX_BYTES // 2**20} MB)")
    return bytes(data)


def open_regular(path: Path | str) -> io.BufferedReader:
    """`path` opened for reading if it is a regular file; else `ExtractError` with the reason.

    Opened without blocking (a FIFO with no writer, a device), then checked through the open
    descriptor, so nothing can be swapped in between the check and the read.
    """
    _refuse_irregular(os.stat(path).st_mode)  # a device is not even opened (a tape rewinds on open)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        _refuse_irregular(os.fstat(fd).st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _refuse_irregular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ExtractError("er en mappe, ikke en fil")
    if not stat.S_ISREG(mode):
        raise ExtractError("ikke en almindelig fil (enhed, socket eller pipe)")


# The OS's own messages (strerror) are English; these say the same in Danish.
_OS_ERRORS: dict[int, str] = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ELOOP: "symbolsk link i ring",
    errno.ENOENT: "findes ikke",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.ENAMETOOLONG: "stien er for lang",
    errno.EIO: "læsefejl (I/O-fejl) – disken eller drevet kan være beskadiget",
    errno.ENXIO: "enheden findes ikke",
    errno.ENODEV: "enheden findes ikke",
    errno.ENOMEM: "ikke nok hukommelse",
    errno.EMFILE: "for mange åbne filer",
    errno.ENFILE: "for mange åbne filer",
    errno.EBUSY: "filen er optaget",
    errno.ETXTBSY: "filen er optaget",
    errno.EAGAIN: "filen er midlertidigt utilgængelig",
    errno.EINTR: "afbrudt",
    errno.EINVAL: "ugyldigt filnavn eller ugyldig fil",
    errno.EILSEQ: "filnavnet har ugyldige tegn",
    errno.ESTALE: "netværksdrevet svarer ikke",
    errno.ETIMEDOUT: "netværksdrevet svarer ikke",
    errno.EHOSTDOWN: "netværksdrevet svarer ikke",
    errno.EHOSTUNREACH: "netværksdrevet svarer ikke",
    errno.ENOTCONN: "netværksdrevet svarer ikke",
    errno.ECONNABORTED: "netværksdrevet svarer ikke",
    errno.ECONNRESET: "netværksdrevet svarer ikke",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "diskkvoten er opbrugt",
    errno.EFBIG: "filen er for stor til systemets grænse for filstørrelse",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EEXIST: "findes allerede",
    errno.ENOTEMPTY: "mappen er ikke tom",
}


def os_error_text(error: OSError) -> str:
    """What an OS error means, in Danish (never the OS's English `strerror`)."""
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    code = errno.errorcode.get(error.errno) if error.errno is not None else None
    return f"systemfejl {code}" if code else "ukendt systemfejl"


def index_write_error(error: OSError, index_dir: Path | str) -> str:
    """Why the index folder could not be written (disk full, no access), in Danish, naming the
    file the OS named or else the folder: what `referatsog index` and `serve` both say."""
    from indexer.progress import printable

    return f"indekset kunne ikke skrives: {printable(str(error.filename or index_dir))}: {os_error_text(error)}"


def file_error_reason(error: OSError, path: Path | str | None = None) -> str:
    """The Danish reason for a file the OS would not give us; `path`: to tell a symbolic link's faults."""
    if path is not None and os.path.islink(path) and error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
        return link_reason(path) or "filen forsvandt under indekseringen"
    if error.errno == errno.ENOENT:
        return "filen forsvandt under indekseringen"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "ingen læseadgang"
    if error.errno == errno.EISDIR:
        return "er en mappe, ikke en fil"
    return f"kan ikke læses ({os_error_text(error)})"


def link_reason(path: Path | str) -> str | None:
    """Why a symbolic link cannot be followed (dangling or looping), or None when it can (or is none)."""
    try:
        os.stat(path)
    except OSError as e:
        if not os.path.islink(path):
            return None
        if e.errno == errno.ELOOP:
            return "symbolsk link i ring"
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            return "symbolsk link peger på en fil, der ikke findes"
        return f"symbolsk link kan ikke følges ({os_error_text(e)})"
    return None


# --- .referatsogignore ------------------------------------------------------------------------

# A file in a corpus folder naming what below it is not to be read (notes to colleagues,
# drafts, a folder of attachments): gitignore-style patterns, one a line, `#` comments.
IGNORE_FILE = ".referatsogignore"
_IGNORE_FILE_MAX = 1 << 20  # an ignore file is a few lines; beyond this much nothing more is read


class IgnoreRule:
    """One pattern of an ignore file, matched against paths relative to `base`, its folder.

    As in .gitignore: `!` re-includes what an earlier pattern left out, a trailing `/` matches
    folders only, a pattern with a `/` at its start or in its middle is anchored to `base` (else
    it matches a name at any depth), `*` and `?` stay within one name and `**` spans folders.
    Matching ignores case: minutes come from Windows shares, where `Referat.PDF` is `referat.pdf`.
    """

    __slots__ = ("base", "negated", "folders_only", "_regex")

    def __init__(self, pattern: str, base: str) -> None:
        self.base = os.path.abspath(base)
        self.negated = pattern.startswith("!")
        if self.negated:
            pattern = pattern[1:]
        elif pattern.startswith("\\"):  # "\#name", "\!name": a name that starts with the sign
            pattern = pattern[1:]
        self.folders_only = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        anchored = "/" in pattern
        pattern = pattern.lstrip("/")
        body = _glob_regex(pattern)
        self._regex = re.compile(body if anchored else f"(?:.*/)?{body}", re.I | re.S)

    def matches(self, relative: str, is_folder: bool) -> bool:
        """Whether the rule names `relative` (POSIX separators, relative to `base`)."""
        if self.folders_only and not is_folder:
            return False
        return self._regex.fullmatch(relative) is not None


def _glob_regex(pattern: str) -> str:
    """A glob pattern as a regex: `**/` any folders (or none), `/**` everything below, `**`
    anything, `*` and `?` within one name, `[…]` a set of characters."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (end := pattern.find("]", i + 2)) > 0:
            inner = pattern[i + 1:end]
            negate = inner[:1] in ("!", "^")
            inner = inner[1:] if negate else inner
            out.append(f"[{'^' if negate else ''}{inner.replace(chr(92), chr(92) * 2)}]")
            i = end + 1
        elif c == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


class IgnoreFileUnreadable(Exception):
    """A `.referatsogignore` that exists but cannot be read (no access, an I/O error, a link
    that leads nowhere, not a file). What it leaves out is then unknown, and an ignore file is
    there to keep drafts and internal notes off the site: a run must stop, not read them.
    `path`: the file; `reason`: why, in Danish; `message()`: one Danish line."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(self.message())

    def message(self, left_behind: str = "indekset er uændret") -> str:
        """The line, without a full stop; `left_behind`: what the refused run leaves."""
        from indexer.progress import printable

        return (f"{printable(self.path)} kan ikke læses: {self.reason} – uden den vides ikke, hvilke filer der skal "
                f"udelades, så kørslen er afvist, og {left_behind}. Ret eller fjern filen, og kør igen")


def read_ignore_file(folder: str) -> tuple[IgnoreRule, ...]:
    """The rules of `folder`'s ignore file; none when it has none. One that exists but cannot
    be read raises `IgnoreFileUnreadable`: reading what it may name would put it on the site."""
    path = os.path.join(folder, IGNORE_FILE)
    try:
        with open_regular(path) as file:
            data = file.read(_IGNORE_FILE_MAX)
    except FileNotFoundError:
        broken = link_reason(path)  # a link to an ignore file that is gone is one that cannot be read
        if broken:
            raise IgnoreFileUnreadable(path, broken) from None
        return ()  # none (or removed since the folder was listed)
    except (OSError, ExtractError) as e:
        reason = e.reason if isinstance(e, ExtractError) else os_error_text(e)
        raise IgnoreFileUnreadable(path, reason) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Notepad's ANSI: Windows-1252
        text = data.decode("cp1252", errors="replace")
    rules = []
    for line in text.splitlines():
        line = line.rstrip()  # trailing blanks are no part of a name (as in .gitignore)
        if line and not line.startswith("#") and line not in ("!", "/", "!/"):
            rules.append(IgnoreRule(line, folder))
    return tuple(rules)


def ignored(rules: tuple[IgnoreRule, ...], folder: str, name: str, is_folder: bool) -> bool:
    """Whether `name` in `folder` is left out by `rules` (the last rule that matches decides)."""
    path = os.path.join(os.path.abspath(folder), name)
    for rule in reversed(rules):
        if path.startswith(rule.base.rstrip(os.sep) + os.sep):
            relative = path[len(rule.base.rstrip(os.sep)) + 1:].replace(os.sep, "/")
            if rule.matches(relative, is_folder):
                return not rule.negated
    return False


def walk_unignored(
    top: str | os.PathLike[str], onerror: Callable[[OSError], None] | None = None, root: str | os.PathLike[str] | None = None,
) -> Iterator[tuple[str, list[str], list[str]]]:
    """`os.walk(top, onerror=onerror)`, top-down, without what a `.referatsogignore` leaves out.

    The folder and file names it yields are those not named by the ignore files of their
    folder and the folders above it up to `top`, and from `root` (the corpus root) down to
    `top` when `top` lies below it (a folder given on its own, or reached through a link).
    What is left out is left out silently: the caller never sees it. The lists yielded are
    os.walk's own, so a caller may prune `folders` further in place, as with os.walk. An ignore
    file that cannot be read raises `IgnoreFileUnreadable` when its folder is reached.
    """
    top = os.fspath(top)
    inherited: tuple[IgnoreRule, ...] = ()
    if root is not None:
        root = os.path.abspath(os.fspath(root))
        above = os.path.abspath(top)
        if above != root and above.startswith(root.rstrip(os.sep) + os.sep):
            folder, inherited = root, read_ignore_file(root)
            for part in os.path.relpath(above, root).split(os.sep):
                if ignored(inherited, folder, part, True):  # `top` is itself left out, or a folder above it
                    return
                folder = os.path.join(folder, part)
                if folder != above:  # `top`'s own is read below
                    inherited += read_ignore_file(folder)
    rules_of = {top: inherited}
    for current, folders, names in os.walk(top, onerror=onerror):
        rules = rules_of.pop(current, inherited)
        if IGNORE_FILE in names or IGNORE_FILE in folders:  # a folder of that name is no ignore file: refused
            rules += read_ignore_file(current)
        if rules:
            folders[:] = [f for f in folders if not ignored(rules, current, f, True)]
            names[:] = [n for n in names if not ignored(rules, current, n, False)]
            # rules are kept for the folders walked next (the caller may prune some of them)
            rules_of.update((os.path.join(current, f), rules) for f in folders)
        yield current, folders, names
