"""SIGTERM as Ctrl-C, and the one place where neither can be raised.

A signal handler that raises KeyboardInterrupt works anywhere but in os.fork's hooks: the
logging module registers some (to re-create its locks in the child), and an exception
raised while one runs is printed as a traceback and dropped by Python. A run that forks
(the reading pool, the index writer's helper, serve's workers) then went on as if never
asked to stop. Python's own Ctrl-C handler (`signal.default_int_handler`) is such a handler:
a SIGINT that arrives while the process forks (copying a big process's page tables takes
milliseconds) is handled in logging's `_releaseLock` hook, and the user's Ctrl-C did nothing.

`StopRequest` is the handler for both signals, shared by `referatsog index` and `serve`:
it raises KeyboardInterrupt at once as before, except in logging's fork hooks (`in_fork_hook`;
not in other logging code, where nothing would check), where it only remembers the request
for the run's next `check`.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


# The functions logging registers with os.register_at_fork: Python 3.11 and 3.12 take and
# give back its module lock by `_acquireLock`/`_releaseLock`, 3.13 by `_prepareFork`/`_afterFork`;
# the child re-creates its handlers' locks in `_after_at_fork_child_reinit_locks`.
_FORK_HOOKS = ("_acquireLock", "_releaseLock", "_prepareFork", "_afterFork", "_after_at_fork_child_reinit_locks")


def _fork_hook_codes() -> frozenset[Any]:
    import logging

    return frozenset(function.__code__ for name in _FORK_HOOKS
                     if (function := getattr(logging, name, None)) is not None and hasattr(function, "__code__"))


def in_fork_hook(frame: Any) -> bool:
    """Whether a signal handler's `frame` is in one of logging's os.fork hooks (or in code they
    call), where a raised exception would be dropped.

    Only the hooks as os.fork runs them: logging also takes its module lock by the same
    functions when it configures loggers, and code that merely logs (a warning of waitress) is
    no hook; a KeyboardInterrupt raised there reaches the program as anywhere else. A hook
    run by os.fork has no caller in logging (os.fork's caller, or none, comes before it).

    >>> import logging, types
    >>> hook = types.SimpleNamespace(f_code=logging._releaseLock.__code__, f_back=None)
    >>> logging_code = types.SimpleNamespace(f_code=logging.Logger.warning.__code__, f_back=None)
    >>> in_fork_hook(hook), in_fork_hook(logging_code), in_fork_hook(None)
    (True, False, False)
    """
    hooks = _fork_hook_codes()
    while frame is not None:
        if getattr(frame, "f_code", None) in hooks:
            caller = getattr(frame, "f_back", None)
            return caller is None or not _is_logging(caller)
        frame = getattr(frame, "f_back", None)
    return False


def _is_logging(frame: Any) -> bool:
    name = getattr(frame, "f_globals", {}).get("__name__", "")
    return name == "logging" or name.startswith("logging.")


class StopRequest:
    """SIGTERM and Ctrl-C (SIGINT) as KeyboardInterrupt, remembered where it cannot be raised.

    `handle` is the signal handler; `check` raises the remembered request (call it at every
    step of a run that forks); `installed` sets the handler for the time of a run.

    >>> import logging, types
    >>> stop = StopRequest()
    >>> stop.handle(signal.SIGINT, types.SimpleNamespace(f_code=logging._releaseLock.__code__, f_back=None))  # a fork hook
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
