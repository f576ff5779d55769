"""The web app's settings as data: one table feeds defaults, environment variables and docs.

Precedence, lowest first: defaults (from `indexer.settings`), the instance folder's
`config.py`, `REFERATSOG_*` environment variables, then the mapping given to `create_app`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask

from indexer.settings import default_corpus, default_index_dir
from search.api import MAX_PAGE_SIZE


class ConfigError(ValueError):
    """A setting with a value the site cannot use, in one Danish line naming the setting."""


def integer(low: int, high: int) -> Callable[[str], int]:
    """A parser of whole numbers from `low` to `high`, failing with a Danish `ValueError`."""
    def parse(raw: str) -> int:
        text = str(raw).strip()
        if not (text.isdigit() and low <= int(text) <= high):
            raise ValueError(f"skal være et helt tal fra {low} til {high}, ikke «{raw}»")
        return int(text)

    return parse


@dataclass(frozen=True)
class WebSetting:
    key: str  # Flask config key
    env: str  # environment variable that sets it
    default: Callable[[], Any]
    parse: Callable[[str], Any]
    help: str


WEB_SETTINGS: tuple[WebSetting, ...] = (
    WebSetting("INDEX_DIR", "REFERATSOG_INDEX", lambda: str(default_index_dir()), str,
               "Index folder the site searches."),
    WebSetting("CORPUS_DIR", "REFERATSOG_CORPUS", lambda: str(default_corpus()), str,
               "Corpus folder; source files are served from here only, by document id."),
    WebSetting("PAGE_SIZE", "REFERATSOG_PAGE_SIZE", lambda: 10, integer(1, MAX_PAGE_SIZE),
               "Hits per page when the URL does not say page_size."),
    # Off by default: X-Forwarded-* headers are trusted only when the administrator says that
    # this many proxies stand in front (a client could otherwise forge its address or links).
    WebSetting("TRUSTED_PROXIES", "REFERATSOG_TRUSTED_PROXIES", lambda: 0, integer(0, 10),
               "Reverse proxies in front of the site whose X-Forwarded-For/-Proto/-Host/-Port/-Prefix are trusted."),
)


def load_config(app: Flask, config: Mapping[str, Any] | None) -> None:
    """Fill `app.config` from defaults, instance `config.py`, environment and `config`."""
    for setting in WEB_SETTINGS:
        app.config.setdefault(setting.key, setting.default())
    app.config.from_pyfile("config.py", silent=True)
    for setting in WEB_SETTINGS:  # a value from config.py is checked as the variable's is
        try:
            app.config[setting.key] = setting.parse(str(app.config[setting.key]))
        except ValueError as error:
            raise ConfigError(f"{setting.key} i {app.instance_path}/config.py {error}.") from None
    for setting in WEB_SETTINGS:
        raw = os.environ.get(setting.env)
        if raw:
            try:
                app.config[setting.key] = setting.parse(raw)
            except ValueError as error:
                raise ConfigError(f"{setting.env} {error}.") from None
    if config:
        app.config.from_mapping(config)
