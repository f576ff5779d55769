"""Where Referatsøg finds its corpus and keeps its index: settings as data.

Each setting is (name, environment variable, help); the CLI, the web app's config and the
README read the same table, so a default is documented in one place. Also what an
administrator is told when the index folder cannot be used, and what to do about it.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where the shipped data files are (`indexer.datafiles.data_file`): in site-packages when installed.
SHIPPED_DATA_FOLDERS = (PROJECT_ROOT / "search" / "data", PROJECT_ROOT / "indexer" / "data")
DATA_VARIABLE = "REFERATSOG_DATA"


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    help: str


SETTINGS = (
    # Help texts are shown to users (CLI help), so they are Danish.
    Setting("corpus", "REFERATSOG_CORPUS", "mappe med dokumenter (standard: de mapper, indekset sidst blev bygget af, "
                                           "ellers ./seeds, ellers de medfølgende seeds/)"),
    Setting("index", "REFERATSOG_INDEX", "indeksmappe (standard: ~/.local/share/referatsog/index)"),
    Setting("topics", "REFERATSOG_TOPICS", "ekstra emneordliste, lagt til den medfølgende (indexer/data/topics.txt)"),
    # The shipped folders are named, so `referatsog -h` says where to copy a file from.
    Setting("data", DATA_VARIABLE, "mappe med egne udgaver af datafilerne: en fil dér (fx variants.txt) erstatter den "
                                   "medfølgende af samme navn; de medfølgende ligger i "
                                   + " og ".join(str(folder) for folder in SHIPPED_DATA_FOLDERS)),
    # The web server's own, read by webui.config; listed here so `referatsog -h` names them all.
    Setting("page_size", "REFERATSOG_PAGE_SIZE", "resultater pr. side på websiden (standard: 10)"),
    Setting("workers", "REFERATSOG_WORKERS", "processer, som serve kører, 1-64 (standard: én pr. kerne, højst 4)"),
    Setting("trusted_proxies", "REFERATSOG_TRUSTED_PROXIES",
            "antal proxyer foran, hvis X-Forwarded-*-headere skal bruges, 0-10 (standard: 0)"),
    Setting("base_url", "REFERATSOG_BASE_URL", "sidens offentlige adresse, fx https://eksempel.dk/referatsog "
                                               "(standard: forespørgslens Host)"),
)


def default_corpus() -> Path:
    """The seeds: `$REFERATSOG_CORPUS`, else `./seeds` in the working folder, else the project's own."""
    if os.environ.get("REFERATSOG_CORPUS"):
        return Path(os.environ["REFERATSOG_CORPUS"]).expanduser()
    local = Path.cwd() / "seeds"
    return local if local.is_dir() else PROJECT_ROOT / "seeds"


def remembered_corpus(index_dir: Path) -> list[Path]:
    """The folders and files the index in `index_dir` was last built from, as it remembers them,
    for a command that names none; none when `$REFERATSOG_CORPUS` is set: an explicit setting
    wins over the index's state, so `index` and `serve` read the same folder."""
    if os.environ.get("REFERATSOG_CORPUS"):
        return []
    from search.index_folder import remembered_folders

    return [Path(folder) for folder in remembered_folders(index_dir)]


def indexed_corpus(index_dir: Path) -> Path | None:
    """The folder the source files of the index in `index_dir` are named from (the common folder
    of `remembered_corpus`), when it still is a folder; None when the index remembers none (none
    yet, an older index, or `$REFERATSOG_CORPUS` set) or it is gone (a clone deleted, a share
    not mounted: the default is no worse, and may hold the files)."""
    from indexer.update import corpus_root

    folders = remembered_corpus(index_dir)
    root = corpus_root(folders) if folders else None
    return root if root is not None and root.is_dir() else None


def resolve_corpus(explicit: str | os.PathLike[str] | None, index_dir: Path) -> Path:
    """The corpus folder the site serves source files from: `explicit` (--corpus, CORPUS_DIR),
    else `$REFERATSOG_CORPUS`, else the folder the index in `index_dir` was last built from
    (`indexed_corpus`), else the seeds (`default_corpus`). `referatsog index` without paths
    follows the same order (`remembered_corpus`), so what is indexed is what is served: an
    administrator who ran `referatsog index /srv/referater` gets no 404 for every source link."""
    if explicit:
        return Path(explicit).expanduser()
    return indexed_corpus(Path(index_dir).expanduser()) or default_corpus()


def default_index_dir() -> Path:
    """`$REFERATSOG_INDEX`, else the XDG data folder, so the index survives a fresh clone."""
    if os.environ.get("REFERATSOG_INDEX"):
        return Path(os.environ["REFERATSOG_INDEX"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "referatsog" / "index"


def topics_file() -> Path | None:
    value = os.environ.get("REFERATSOG_TOPICS")
    return Path(value).expanduser() if value else None


def data_folder() -> Path | None:
    """The folder `$REFERATSOG_DATA` names (its files replace the shipped data files of the same
    name, `indexer.datafiles.data_file`), None when it is not set."""
    value = os.environ.get(DATA_VARIABLE)
    return Path(value).expanduser() if value else None


# Every REFERATSOG_* variable the product reads (the web app's and the server's as well), for
# telling a mistyped one (REFERATSOG_INDEX_DIR) from a setting. REFERATSOG_BENCH_*: bench/.
KNOWN_VARIABLES = ("REFERATSOG_CORPUS", "REFERATSOG_INDEX", "REFERATSOG_TOPICS", DATA_VARIABLE,
                   "REFERATSOG_PAGE_SIZE", "REFERATSOG_WORKERS", "REFERATSOG_TRUSTED_PROXIES", "REFERATSOG_BASE_URL")


def unknown_variables(environ: dict[str, str] | None = None) -> list[str]:
    """One Danish line for each REFERATSOG_* variable that is set but no setting: it is
    ignored, so the index or the corpus silently lands somewhere else.

    >>> unknown_variables({"REFERATSOG_INDEX_DIR": "/srv/idx", "REFERATSOG_INDEX": "/srv/idx"})
    ['miljøvariablen REFERATSOG_INDEX_DIR kendes ikke og bruges ikke (mente du REFERATSOG_INDEX?)']
    """
    lines = []
    for name in sorted(os.environ if environ is None else environ):
        if not name.startswith("REFERATSOG_") or name in KNOWN_VARIABLES or name.startswith("REFERATSOG_BENCH_"):
            continue
        known = {variable.removeprefix("REFERATSOG_"): variable for variable in KNOWN_VARIABLES}
        close = difflib.get_close_matches(name.removeprefix("REFERATSOG_"), known, n=1, cutoff=0.6)
        hint = f"mente du {known[close[0]]}?" if close else f"de kendte er {', '.join(KNOWN_VARIABLES)}"
        lines.append(f"miljøvariablen {name} kendes ikke og bruges ikke ({hint})")
    return lines


def from_environment(env: str, given: object) -> bool:
    """Whether a folder came from the variable `env`: no option `given`, and the variable set."""
    return given is None and bool(os.environ.get(env))


def index_dir_problem(index_dir: Path) -> str | None:
    """Why `index_dir` cannot hold the index and what to do, in one Danish line (no full stop),
    or None when it can be tried (it may not exist yet). A file in its place, a folder this
    user may not read, or a folder of other files (documents) and no index would otherwise be
    reported as "no index" or as a failure to write, after the command said what it starts."""
    from indexer.progress import printable
    from search.index import foreign_files_problem

    where = printable(str(index_dir))
    try:
        mode = os.stat(index_dir).st_mode
        if not stat.S_ISDIR(mode):
            return f"{where} er en fil, ikke en mappe – vælg en mappe til indekset med --index-dir"
        os.listdir(index_dir)
        foreign = foreign_files_problem(index_dir)
    except PermissionError:
        return f"ingen adgang til indeksmappen {where} for denne bruger – {INDEX_DIR_ADVICE}"
    except (OSError, ValueError):
        return None  # missing (the first build makes it), or said where it is written
    return foreign


INDEX_DIR_ADVICE = "kør som den bruger, der ejer indekset, eller vælg en anden mappe med --index-dir"


def write_advice(error: BaseException) -> str:
    """What the administrator can do about a failure to write the index folder, in Danish
    ("" when there is nothing to add). A helper process's failure has no errno: its message
    (`IndexWriteFailed`) says whether the disk was full."""
    from indexer.files import os_error_text

    code = getattr(error, "errno", None)
    if code is None and os_error_text(OSError(errno.ENOSPC, "")) in str(error):
        code = errno.ENOSPC
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "frigør plads på disken, eller vælg en anden mappe med --index-dir, og kør igen"
    if code in (errno.EACCES, errno.EPERM):
        return "kør som en bruger, der må skrive i indeksmappen, eller vælg en anden mappe med --index-dir"
    if code is None and os_error_text(OSError(errno.EFBIG, "")) in str(error):
        code = errno.EFBIG
    if code == errno.EFBIG:  # `ulimit -f`, systemd's LimitFSIZE=, or a file system's largest file (FAT: 4 GB)
        return ("hæv grænsen for filstørrelse (ulimit -f, LimitFSIZE= i systemd), eller vælg en mappe på et "
                "andet filsystem med --index-dir, og kør igen")
    if code == errno.EROFS:
        return "indeksmappen ligger på et skrivebeskyttet drev: vælg en anden mappe med --index-dir"
    return ""
