"""The index's folder: which files make an index, of which schema version, and the writers' lock.

An index is one folder holding Whoosh's files under `INDEX_NAME` and our `VERSION_FILE`,
which records the schema version that wrote it. Code of another version does not read it
(`open_current` says None), so it is rebuilt whole instead of answering from terms it
cannot match. The same file remembers the folders and files the last indexing run was given
(`write_folders`, `remembered_folders`): a run without paths indexes them again, and a run
that names others can say which folders its documents came from.

Locking. One writer at a time, by Whoosh's `WRITELOCK`, an `fcntl.flock` on a file in the
index folder: the kernel releases it when the holding process dies, so a crashed indexer
never leaves a stale lock. A second writer fails at once with `IndexLocked`
(`locked_message`).
"""

from __future__ import annotations

import json
import pickle
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from search.schema import SCHEMA_VERSION

INDEX_NAME = "MAIN"
VERSION_FILE = "referatsog-index.json"
MOVED_FILE = "referatsog-moved.json"  # old ids → new ones (`search.moved`)
REFUSED_FILE = "referatsog-refused.json"  # files read and refused for their content (`remembered_refused`)


def is_index_folder(names: Iterable[str]) -> bool:
    """Whether a folder holding files of these names holds a Referatsøg index (of any version)."""
    toc = f"_{INDEX_NAME}_"
    return any(name == VERSION_FILE or name.startswith(toc) and name.endswith(".toc") for name in names)


def index_exists(path: str | Path) -> bool:
    """Whether `path` holds a Referatsøg index (of any schema version).

    Looks for a table of contents by name: Whoosh's own `exists_in` unpickles the schema,
    which fails outright for an index whose analyzer classes this code no longer has.
    """
    return Path(path).is_dir() and any(Path(path).glob(f"_{INDEX_NAME}_*.toc"))  # not is_index_folder: the marker alone is no index


def write_version(path: Path) -> None:
    """Record this code's schema version beside a new index (a temporary file renamed into place),
    keeping the folders the old index remembered: an upgrade's rebuild that is stopped or fails
    left an index that had forgotten them, and the next bare `referatsog index` built the seeds."""
    _write_marker(path, {"schema_version": SCHEMA_VERSION, **_folders_entry(path)})


def write_folders(path: Path, folders: list[str]) -> None:
    """Remember, beside the committed index, the paths (absolute) its last run was given."""
    _write_marker(path, {"schema_version": SCHEMA_VERSION, "folders": folders})


def _folders_entry(path: Path) -> dict[str, list[str]]:
    folders = remembered_folders(path)
    return {"folders": folders} if folders else {}


def _write_marker(path: Path, content: dict[str, Any]) -> None:
    marker = path / f"{VERSION_FILE}.tmp"
    marker.write_text(json.dumps(content) + "\n", encoding="utf-8")
    marker.replace(path / VERSION_FILE)


def remembered_folders(path: Path) -> list[str]:
    """The paths the last indexing run of the index in `path` was given (`write_folders`);
    empty when none are recorded (an index built before they were, or no index)."""
    try:
        folders = json.loads((path / VERSION_FILE).read_text(encoding="utf-8")).get("folders")
    except (OSError, ValueError, AttributeError):
        return []
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        return []
    return folders


def write_refused(path: Path, key: str, files: dict[str, dict[str, Any]],
                  passed_over: dict[str, str] | None = None) -> None:
    """Remember, beside the committed index, the files its last run read and refused for what
    they hold (no text layer, corrupt, encrypted), by source, with the size, mtime and reason
    each was refused with; `key` names the code and data that refused them. `passed_over`:
    the files it skipped without reading them (by name, a link, a pipe), with the reason."""
    temporary = path / f"{REFUSED_FILE}.tmp"
    # ASCII escapes: a source name that is not UTF-8 (kept as surrogates) must round-trip too
    temporary.write_text(json.dumps({"key": key, "files": files, "passed_over": passed_over or {}}) + "\n",
                         encoding="utf-8")
    temporary.replace(path / REFUSED_FILE)


def remembered_refused(path: Path, key: str) -> dict[str, dict[str, Any]]:
    """`write_refused`'s files, if written under the same `key`; else (none, another version,
    unreadable) nothing: every file is then read again."""
    return {source: record for source, record in _remembered(path, key, "files").items()
            if isinstance(record, dict) and isinstance(record.get("reason"), str)}


def _remembered(path: Path, key: str, part: str) -> dict[str, Any]:
    """One part of what `write_refused` wrote, if under the same `key`; else nothing."""
    try:
        data = json.loads((path / REFUSED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = data.get(part) if isinstance(data, dict) and data.get("key") == key else None
    return found if isinstance(found, dict) else {}


def remembered_passed_over(path: Path, key: str) -> dict[str, str]:
    """`write_refused`'s files skipped unread, with their reasons, if written under `key`."""
    return {source: reason for source, reason in _remembered(path, key, "passed_over").items()
            if isinstance(reason, str)}


def open_current(path: Path) -> FileIndex | None:
    """The index in `path` if it is of this code's schema version and readable, else None."""
    if not index_exists(path):
        return None
    try:
        version = json.loads((path / VERSION_FILE).read_text(encoding="utf-8"))["schema_version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if version != SCHEMA_VERSION:
        return None
    with warnings.catch_warnings():
        # When unpickling fails, Whoosh's TOC.read leaves its file to be closed by the collector.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
        except (AttributeError, ImportError, pickle.UnpicklingError):  # analyzer classes renamed, no version bump
            pass
    return None


def not_index_files(path: Path) -> list[str]:
    """Names in `path` that no index (of any version, whole or half-written) would hold: an
    index folder pointed at a folder of documents must not fill it with index files."""
    if index_exists(path) or not path.is_dir():
        return []
    ours = (INDEX_NAME, f"_{INDEX_NAME}", VERSION_FILE, MOVED_FILE, REFUSED_FILE, ".")  # hidden files: .keep, .nfs…
    return sorted(e.name for e in path.iterdir() if not e.name.startswith(ours) and e.name != "lost+found")


def storage_lock(path: Path) -> Any:
    """The writers' lock of the index in `path` (not yet acquired)."""
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(path)).lock(f"{INDEX_NAME}_WRITELOCK")


def locked_message(path: Path) -> str:
    return f"Indekset i {path} opdateres allerede af en anden proces. Prøv igen, når den er færdig."
