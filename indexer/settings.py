"""Where Referatsøg finds its corpus and keeps its index: settings as data.

Each setting is (name, environment variable, help); the CLI, the web app's config and the
README read the same table, so a default is documented in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    help: str


SETTINGS = (
    # Help texts are shown to users (CLI help), so they are Danish.
    Setting("corpus", "REFERATSOG_CORPUS", "mappe med dokumenter (standard: ./seeds, ellers de medfølgende seeds/)"),
    Setting("index", "REFERATSOG_INDEX", "indeksmappe (standard: ~/.local/share/referatsog/index)"),
    Setting("topics", "REFERATSOG_TOPICS", "ekstra emneordliste, lagt til den medfølgende (indexer/data/topics.txt)"),
)


def default_corpus() -> Path:
    """The seeds: `$REFERATSOG_CORPUS`, else `./seeds` in the working folder, else the project's own."""
    if os.environ.get("REFERATSOG_CORPUS"):
        return Path(os.environ["REFERATSOG_CORPUS"]).expanduser()
    local = Path.cwd() / "seeds"
    return local if local.is_dir() else PROJECT_ROOT / "seeds"


def default_index_dir() -> Path:
    """`$REFERATSOG_INDEX`, else the XDG data folder, so the index survives a fresh clone."""
    if os.environ.get("REFERATSOG_INDEX"):
        return Path(os.environ["REFERATSOG_INDEX"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "referatsog" / "index"


def topics_file() -> Path | None:
    value = os.environ.get("REFERATSOG_TOPICS")
    return Path(value).expanduser() if value else None
