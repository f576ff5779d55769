"""The administrator's log: warnings, errors with their tracebacks and the access log, on stderr.

One access-log line per request (`webui.accesslog.AccessLog`, the combined log format plus
the time taken) and warnings and errors with their tracebacks, each with a timestamp,
written by a background thread so that no request ever waits for stderr. Users never see a
traceback (`webui.errors`).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time

from .accesslog import ACCESS_LOGGER

LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d]: %(message)s"
# The log is the administrator's, and Danish: «ADVARSEL», not "WARNING", and no Python module
# names ("webui.workers:"), which say nothing to whoever reads it (operations review).
LEVEL_NAMES = {"DEBUG": "FEJLSØGNING", "INFO": "INFO", "WARNING": "ADVARSEL", "ERROR": "FEJL", "CRITICAL": "KRITISK"}


class DanishFormatter(logging.Formatter):
    """`LOG_FORMAT` with the level in Danish.

    >>> record = logging.LogRecord("webui.workers", logging.WARNING, "", 0, "Arbejdsproces 12 stoppede.", None, None)
    >>> DanishFormatter(LOG_FORMAT).format(record).split(" ", 2)[2].replace(str(record.process), "N")
    'ADVARSEL [N]: Arbejdsproces 12 stoppede.'
    """

    def format(self, record: logging.LogRecord) -> str:
        shown = logging.makeLogRecord(record.__dict__)
        shown.levelname = LEVEL_NAMES.get(record.levelname, record.levelname)
        return super().format(shown)


def configure_logging() -> None:
    """Warnings and errors (tracebacks included) and the access log to stderr, with timestamps,
    through `BackgroundStderr`: no request ever waits for stderr."""
    root = logging.getLogger()
    if not root.handlers:
        handler = BackgroundStderr()
        handler.setFormatter(DanishFormatter(LOG_FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    access = logging.getLogger(ACCESS_LOGGER)
    if not access.handlers:
        handler = BackgroundStderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False


class BackgroundStderr(logging.Handler):
    """A log handler that hands its lines to one background thread per process, which writes
    them to stderr.

    A request thread never blocks on a log line: when stderr is a pipe nobody reads (a full
    pipe buffer, a stalled supervisor), lines beyond `QUEUED` are dropped, and the writer says
    how many once it can write again. Flushing and closing never wait, so the process can
    always stop. A forked worker starts its own writer.
    """

    QUEUED = 10_000
    _lines: queue.Queue[str] | None = None
    _dropped = 0

    def __init__(self) -> None:
        super().__init__()
        if BackgroundStderr._lines is None:
            BackgroundStderr._start()
            os.register_at_fork(after_in_child=BackgroundStderr._start)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + "\n"
        except Exception:  # noqa: BLE001 (a record that cannot be formatted)
            self.handleError(record)
            return
        try:
            self._lines.put_nowait(line)  # type: ignore[union-attr]
        except queue.Full:
            BackgroundStderr._dropped += 1

    @classmethod
    def _start(cls) -> None:
        cls._lines, cls._dropped = queue.Queue(cls.QUEUED), 0
        threading.Thread(target=cls._write, args=(cls._lines,), name="log-writer", daemon=True).start()

    @classmethod
    def _write(cls, lines: queue.Queue[str]) -> None:
        reported = 0
        while True:
            text = lines.get()
            if cls._dropped != reported:
                text = f"({cls._dropped - reported} loglinjer tabt: stderr blev ikke læst)\n" + text
                reported = cls._dropped
            if not write_stderr(text):
                return
            lines.task_done()

    @classmethod
    def drain(cls, timeout: float = 1.0) -> None:
        """Give the writer up to `timeout` seconds to write what is queued (before exiting)."""
        deadline = time.monotonic() + timeout
        while cls._lines is not None and cls._lines.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)


def write_stderr(text: str) -> bool:
    """Write `text` to file descriptor 2 whole, past Python's buffers (a forked process and
    the log-writer thread share none); False when stderr is closed: nothing more can be said."""
    data = text.encode("utf-8", "backslashreplace")
    try:
        while data:
            data = data[os.write(2, data):]
    except OSError:
        return False
    return True
