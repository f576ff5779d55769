"""SIGTERM as Ctrl-C, and the one place where neither can be raised.

A signal handler that raises KeyboardInterrupt works anywhere but in os.fork's hooks: the
logging module registers some (to re-create its locks in the child), and an exception
raised while one runs is printed as a traceback and dropped by Python. A run that forks
(the reading pool, the index writer's helper, serve's workers) then went on as if never
asked to stop. Python's own Ctrl-C handler (`signal.default_int_handler`) is such a handler:
a SIGINT that arrives while the process forks (copying a big process's page tables takes
milliseconds) is handled in logging's `_releaseLock` hook, and the user's Ctrl-C did nothing.

`StopRequest` is the handler for both signals, shared by `referatsog index` and `serve`:
it raises KeyboardInterrupt at once as before, except in a fork hook (`in_fork_hook`), where
it only remembers the request for the run's next `check`.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


def in_fork_hook(frame: Any) -> bool:
    """Whether a signal handler's `frame` is in the logging module's code (its fork hooks),
    where a raised exception would be dropped.

    >>> import logging, types
    >>> in_fork_hook(types.SimpleNamespace(f_globals=vars(logging))), in_fork_hook(None)
    (True, False)
    """
    return frame is not None and getattr(frame, "f_globals", {}).get("__name__") == "logging"


class StopRequest:
    """SIGTERM and Ctrl-C (SIGINT) as KeyboardInterrupt, remembered where it cannot be raised.

    `handle` is the signal handler; `check` raises the remembered request (call it at every
    step of a run that forks); `installed` sets the handler for the time of a run.

    >>> import logging, types
    >>> stop = StopRequest()
    >>> stop.handle(signal.SIGINT, types.SimpleNamespace(f_globals=vars(logging)))  # in a fork hook
    >>> stop.asked()
    True
    """

    def __init__(self) -> None:
        self._signum: int | None = None
        self._replaced: dict[int, Any] = {}  # by `installed`: the handlers it replaced

    def handle(self, signum: int, frame: Any) -> None:
        self._signum = signum
        if in_fork_hook(frame):
            return  # raising there would print a traceback and be dropped: raised by `check`
        raise _interrupt(signum)

    def asked(self) -> bool:
        """Whether a signal asked the run to stop (though its KeyboardInterrupt may have been lost)."""
        return self._signum is not None

    def check(self) -> None:
        """Raise the KeyboardInterrupt of a signal that asked to stop, if one did."""
        if self._signum is not None:
            raise _interrupt(self._signum)

    def clear(self) -> None:
        self._signum = None

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """`handle` for SIGTERM, and for SIGINT while that has Python's own handler (one that is
        ignored, e.g. `nohup`, or set by someone else stays as it is); the previous handlers
        are restored afterwards. Only the main thread can set handlers: elsewhere nothing changes."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        replaced = {signal.SIGTERM: signal.signal(signal.SIGTERM, self.handle)}
        if signal.getsignal(signal.SIGINT) == signal.default_int_handler:
            replaced[signal.SIGINT] = signal.signal(signal.SIGINT, self.handle)
        self._replaced = replaced
        try:
            yield
        finally:
            for signum, handler in replaced.items():
                signal.signal(signum, handler)
            self._replaced = {}

    def restore(self, signum: int) -> None:
        """Give `signum` back the handler `installed` replaced: in a forked child (serve's
        workers), which inherited this one and does not fork."""
        if signum in self._replaced:
            signal.signal(signum, self._replaced[signum])


def _interrupt(signum: int) -> KeyboardInterrupt:
    """What the signal raises: Ctrl-C's KeyboardInterrupt as Python's handler raises it (bare);
    SIGTERM's says so in a traceback."""
    return KeyboardInterrupt() if signum == signal.SIGINT else KeyboardInterrupt(signal.Signals(signum).name)
