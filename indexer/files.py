"""Reading an input file's bytes, and telling why the OS would not give them, in Danish.

The only place input files are opened. `ExtractError` (one Danish line for the administrator)
is how every stage of reading a file says that it cannot be indexed.
"""

from __future__ import annotations

import errno
import io
import os
import stat
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
