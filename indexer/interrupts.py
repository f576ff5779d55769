"""SIGTERM as Ctrl-C, and the one place where it cannot be raised.

A signal handler that raises KeyboardInterrupt works anywhere but in os.fork's hooks: the
logging module registers some (to re-create its locks in the child), and an exception
raised while one runs is printed as a traceback and dropped by Python. A run that forks
(the reading pool, the index writer's helper, serve's workers) then went on as if never
asked to stop. Handlers call `in_fork_hook` and, there, only remember the request.
"""

from __future__ import annotations

from typing import Any


def in_fork_hook(frame: Any) -> bool:
    """Whether a signal handler's `frame` is in the logging module's code (its fork hooks),
    where a raised exception would be dropped.

    >>> import logging, types
    >>> in_fork_hook(types.SimpleNamespace(f_globals=vars(logging))), in_fork_hook(None)
    (True, False)
    """
    return frame is not None and getattr(frame, "f_globals", {}).get("__name__") == "logging"
