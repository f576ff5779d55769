"""`ServeError`: why the site cannot start, for every step of starting it.

Its own module because the steps that raise it (binding the address, `webui.listening`;
building a missing index, `webui.first_build`; reading the settings, `webui.serve`) are
modules that `webui.serve` imports.
"""

from __future__ import annotations


class ServeError(Exception):
    """Why the site cannot start, in one Danish line for the user (no traceback)."""
