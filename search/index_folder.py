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

import gc
import io
import json
import os
import pickle
import struct
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


def write_version(path: Path, folders: list[str] | None = None) -> None:
    """Record this code's schema version beside a new index (a temporary file renamed into place),
    keeping the folders the old index remembered (`folders`, when the caller read them before
    the old index was cleared): an upgrade's rebuild that is stopped or fails left an index that
    had forgotten them, and the next bare `referatsog index` built the seeds."""
    folders = remembered_folders(path) if folders is None else folders
    _write_marker(path, {"schema_version": SCHEMA_VERSION, **({"folders": folders} if folders else {})})


def write_folders(path: Path, folders: list[str]) -> None:
    """Remember, beside the committed index, the paths (absolute) its last run was given."""
    _write_marker(path, {"schema_version": SCHEMA_VERSION, "folders": folders})


def _write_marker(path: Path, content: dict[str, Any]) -> None:
    """Write the marker as a commit is written: synced to disk before it is renamed into place,
    and the folder after, so a power loss leaves the old marker or the new one, never an empty
    or half-written one (which made the index «another version», rebuilt from the seeds)."""
    from search.writing import fsync_path

    marker = path / f"{VERSION_FILE}.tmp"
    with open(marker, "w", encoding="utf-8") as stream:
        stream.write(json.dumps(content) + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    marker.replace(path / VERSION_FILE)
    fsync_path(str(path))


def _read_marker(path: Path) -> dict[str, Any] | None:
    """The marker's content; None when it is missing, empty, cut short or no JSON object."""
    try:
        content = json.loads((path / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) else None


def remembered_folders(path: Path) -> list[str]:
    """The paths the last indexing run of the index in `path` was given (`write_folders`);
    empty when none are recorded (an index built before they were, or no index). When the
    marker is missing or damaged beside an index, the folders its documents were read from
    (`recovered_folders`): a bare `referatsog index` or `serve` built the seeds over it."""
    content = _read_marker(path)
    if content is None or not isinstance(content.get("schema_version"), int):
        return recovered_folders(path) if index_exists(path) else []
    folders = content.get("folders")
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        return []
    return folders


def folders_forgotten(path: Path) -> bool:
    """Whether `path` holds an index whose folders cannot be told: its marker lost, damaged or
    naming no folders in its form, and its documents' folders not recoverable (the index does not
    read). A command that names no folder must then ask for one: it built `seeds/` over an
    administrator's index (an administrator review)."""
    if not index_exists(path):
        return False
    content = _read_marker(path)
    if content is not None and isinstance(content.get("schema_version"), int):
        folders = content.get("folders")
        if folders is None:  # an index built before folders were recorded: the default, as then
            return False
        if isinstance(folders, list) and all(isinstance(f, str) and f for f in folders):
            return False
    return not recovered_folders(path)


def recovered_folders(path: Path) -> list[str]:
    """The folders the documents of the index in `path` were read from, from its file records
    (each holds the folder its source is named from, `root`, and its source name): that folder
    when a document lies in it directly, else each of its subfolders holding documents (never a
    folder wider than what was indexed: `index a b` must not become their common folder, with
    its drafts). Empty when the index cannot be read or holds no document."""
    from whoosh.query import Term

    from search.schema import FILE

    found: dict[str, set[str]] = {}
    # A reader that fails half-way leaves its files to the garbage collector: closed here, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
            with ix.searcher() as searcher:
                for docnum in searcher.docs_for_query(Term("kind", FILE)):
                    stored = searcher.stored_fields(docnum)
                    root = json.loads(stored["record"])["root"]
                    found.setdefault(root, set()).add(stored["source"].split("/", 1)[0]
                                                      if "/" in stored["source"] else "")
        except Exception:  # noqa: BLE001 - a damaged index remembers nothing: the caller says it is damaged
            found = {}
        gc.collect()
    if not found:
        return []
    folders: list[str] = []
    for root, firsts in sorted(found.items()):
        folders += [root] if "" in firsts else [str(Path(root) / first) for first in sorted(firsts)]
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
    """The index in `path` if it is of this code's schema version and readable, else None (no
    index, or one of another version). Raises `IndexDamaged` naming the file when the marker
    beside an index is missing or does not read (empty, cut short), or the table of contents
    is cut short: every command had called such an index «another version», or failed with
    «uventet fejl (TypeError …)», and a bare run rebuilt it from the seeds."""
    if not index_exists(path):
        return None
    content = _read_marker(path)
    version = content.get("schema_version") if content is not None else None
    if not isinstance(version, int):
        if _latest_generation(path) <= 0:  # a first build stopped before its marker: nothing committed to lose
            return None
        raise damaged(path, str(path / VERSION_FILE))
    if version != SCHEMA_VERSION:
        return None
    problem = None
    with warnings.catch_warnings():
        # When reading fails, Whoosh's TOC.read leaves its file to be closed by the collector.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
        except (AttributeError, ImportError, pickle.UnpicklingError):  # analyzer classes renamed, no version bump
            toc = _cut_short_toc(path)
            if toc is not None:  # unless it is cut short
                problem = damaged(path, toc)
        except (EOFError, struct.error, TypeError, ValueError, IndexError, AssertionError):
            # a table of contents empty or cut short (Whoosh reads it with struct and pickle)
            problem = damaged(path, _cut_short_toc(path))
        gc.collect()
    if problem is not None:
        raise problem
    return None


def _latest_generation(path: Path) -> int:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    return TOC._latest_generation(FileStorage(str(path)), INDEX_NAME)


def _cut_short_toc(path: Path) -> str | None:
    """The newest table of contents of the index in `path` when it ends before what it holds
    (a copy that stopped, a disk that filled): its path; None when it is whole (unpickling it
    failed for another reason: an older version's classes)."""
    from whoosh.filedb.structfile import StructFile
    from whoosh.index import TOC

    try:
        name = path / TOC._filename(INDEX_NAME, _latest_generation(path))
        data = name.read_bytes()
    except OSError as error:
        return getattr(error, "filename", None)
    stream = StructFile(io.BytesIO(data))
    try:
        for _ in range(3):
            stream.read_varint()
        stream.read_int(), stream.read_int()
        for _ in range(3):
            stream.read_varint()
        length = stream.read_varint()
        if len(stream.read(length)) < length:
            return str(name)
        stream.read_int(), stream.read_int()
        rest = stream.read()
        if not rest:
            return str(name)
        pickle.loads(rest)
    except (struct.error, EOFError, TypeError, IndexError, ValueError, pickle.UnpicklingError):
        return str(name)
    except Exception:  # noqa: BLE001 - whole, but of classes this code does not have: another version
        return None
    return None


def damaged(path: Path, missing: str | None) -> Any:
    """The error (`IndexDamaged`) of an index in `path` whose file `missing` (a path, or None
    when unknown) is gone or does not read: one Danish line naming the file and the command
    that rebuilds it."""
    from indexer.progress import printable
    from search.api import IndexDamaged

    what = f"{printable(Path(missing).name)} mangler eller kan ikke læses" if missing else "dets filer kan ikke læses"
    # Without the folders it was built from, a bare rebuild is refused (`folders_forgotten`): the
    # advice names the folder to give, not a command that answers with another advice (a code review).
    folder = " MAPPE …" if folders_forgotten(path) else ""
    return IndexDamaged(f"Indekset i {printable(str(path))} er beskadiget: {what}. "
                        f"Byg det forfra med «referatsog index{folder} --full --index-dir {printable(str(path))}».")


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
