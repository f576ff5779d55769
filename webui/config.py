"""The web app's settings as data: one table feeds defaults, environment variables and docs.

Precedence, lowest first: defaults (from `indexer.settings`), the instance folder's
`config.py`, `REFERATSOG_*` environment variables, then the mapping given to `create_app`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from indexer.progress import printable
from indexer.settings import default_index_dir, resolve_corpus
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


def base_url(raw: str) -> str:
    """The site's public address (`https://referater.example.dk`, with a path prefix if it has
    one) without a trailing slash, or "" for none; anything else fails with a Danish `ValueError`.

    >>> base_url("https://referater.example.dk/sog/")
    'https://referater.example.dk/sog'
    """
    text = str(raw).strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None
            or parts.query or parts.fragment or "?" in text or "#" in text
            or any(c.isspace() or not c.isprintable() for c in text)):
        raise ValueError(f"skal være en http- eller https-adresse som https://referater.example.dk, ikke «{printable(str(raw))}»")
    return text.rstrip("/")


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
    # Unset (""): resolved once the index folder is known (`load_config`), as `serve` resolves it.
    WebSetting("CORPUS_DIR", "REFERATSOG_CORPUS", lambda: "", str,
               "Corpus folder; source files are served from here only, by document id. Default: the folder "
               "the index was last built from, else the seeds (`indexer.settings.resolve_corpus`)."),
    WebSetting("PAGE_SIZE", "REFERATSOG_PAGE_SIZE", lambda: 10, integer(1, MAX_PAGE_SIZE),
               "Hits per page when the URL does not say page_size."),
    # Off by default: X-Forwarded-* headers are trusted only when the administrator says that
    # this many proxies stand in front (a client could otherwise forge its address or links).
    WebSetting("TRUSTED_PROXIES", "REFERATSOG_TRUSTED_PROXIES", lambda: 0, integer(0, 10),
               "Reverse proxies in front of the site whose X-Forwarded-For/-Proto/-Host/-Port/-Prefix are trusted."),
    # Absolute links (the Atom feed, a citation's addresses) are otherwise built from the
    # request's Host header, which any client can set to put another host into them.
    WebSetting("BASE_URL", "REFERATSOG_BASE_URL", lambda: "", base_url,
               "The site's public address, path prefix included; absolute links are built on it, not on the Host header."),
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
    # Not configured anywhere: the folder the index was built from, else the seeds. (A fixed
    # seeds default made `create_app({"INDEX_DIR": ...})` serve a 404 for every source link
    # of an index built from another folder, while `referatsog serve` found the files.)
    # Named (--corpus, REFERATSOG_CORPUS, a config key): source files are served from it alone.
    # Else it follows the index, which a reindex into another folder moves (`webui.passage_views`).
    app.config["CORPUS_NAMED"] = bool(app.config.get("CORPUS_DIR"))
    app.config["CORPUS_DIR"] = str(resolve_corpus(app.config.get("CORPUS_DIR") or None,
                                                  Path(str(app.config["INDEX_DIR"])).expanduser()))
