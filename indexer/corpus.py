"""The files of an indexing run: which files under the paths given are candidates, by the name
(source) each is indexed under, and what is refused while listing them (`list_corpus`).

Split from `indexer.update`, which reads and writes them: the listing rules (links, hidden and
index folders, `.referatsogignore`, a file reached by several names) are read and tested here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexer.extract import is_candidate, is_junk, link_reason, os_error_text, unsupported_reason
from indexer.models import Notice, Skipped

log = logging.getLogger("indexer.update")  # as before the split: administrators' log filters name it

# Why a link that leads out of the corpus root is not followed (see `list_corpus`).
OUTSIDE_ROOT = "symbolsk link peger uden for mappen, der indekseres – følges ikke"


@dataclass
class Corpus:
    """The files of one run: candidates by source name, and what was refused at listing."""

    root: Path
    real_root: str = ""  # `root` with every link resolved: what an indexed file must lie inside
    files: dict[str, Path] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)  # source prefixes of folders we could not list
    notices: list[Notice] = field(default_factory=list)  # links to a file listed under another name


def corpus_root(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The folder sources are named relative to: the common folder of the paths given (a file's
    own folder for a file). The web UI serves source files from it, so it must agree with this.

    >>> str(corpus_root(["/srv/referater/2024", "/srv/referater/2025/a.pdf"]))
    '/srv/referater'
    """
    given = [Path(os.path.abspath(p)) for p in paths]
    # A remembered folder that is gone (a share not mounted) still names the same root.
    bases = [p if p.is_dir() or (not p.exists() and not p.suffix) else p.parent for p in given]
    return Path(os.path.commonpath(bases))


def list_corpus(paths: list[Path], exclude: Path) -> Corpus:
    """The candidate files under `paths` by source name, plus files refused by type or absence.

    Links to folders are followed after everything else is listed, so a folder reached both
    directly and through a link is named where it really is; a link to a folder already
    listed (or to one of its own parents: a loop) is not followed again. Folders holding a
    Referatsøg index (its marker file, or an older index's table of contents) are left out.

    A file reached by several names (a link to a file that is listed where it really is, or
    two links to one file) is listed once: by its real name when that is among them, else by
    the first name in sort order, whatever order the walk met them in, so a document's name,
    ids and citations do not depend on a shortcut someone put in the share. Each other name
    is a note (`Corpus.notices`).

    A link (to a file or a folder) is followed only to somewhere inside the corpus root:
    the site shows each file's text and serves the file itself from that folder only, so a
    link put in a share must not bring in a file from elsewhere on the server. Each link
    leading outside is refused with `OUTSIDE_ROOT`, one line each.
    """
    if not paths:
        raise ValueError("update_index needs at least one folder or file")
    given = [Path(os.path.abspath(p)) for p in paths]
    root = corpus_root(given)
    corpus = Corpus(root=root, real_root=os.path.realpath(root))
    excluded = str(Path(os.path.abspath(exclude)).resolve())
    names: dict[str, dict[str, Path]] = {}  # real path → the names it was reached by (source → path)
    walked: list[str] = []  # real paths of the folders walked so far
    links: list[tuple[Path, str]] = []  # links to folders met while walking, with their real targets
    for path in given:
        if path.is_dir():
            real = os.path.realpath(path)
            if not within(real, [corpus.real_root]):  # a link among the paths given
                corpus.skipped.append(Skipped(source_name(path, corpus.root) + "/", OUTSIDE_ROOT))
                continue
            if not within(real, walked):
                walked.append(real)
            for file, real_file in _walk(path, real, excluded, corpus, links):
                _consider(file, real_file, corpus, names)
        elif path.exists():
            _consider(path, str(path.resolve()), corpus, names)
        else:
            corpus.skipped.append(Skipped(source_name(path, corpus.root), link_reason(path) or "findes ikke"))
    while links:
        link, target = links.pop(0)
        if within(os.path.realpath(link.parent), [target]):  # the link sits inside what it points to
            corpus.skipped.append(Skipped(source_name(link, corpus.root) + "/", "symbolsk link i ring"))
            continue
        if not within(target, [corpus.real_root]):
            corpus.skipped.append(Skipped(source_name(link, corpus.root) + "/", OUTSIDE_ROOT))
            continue
        if within(target, walked) or target == excluded:  # listed already, where it really is
            continue
        walked.append(target)
        for file, real_file in _walk(link, target, excluded, corpus, links):
            _consider(file, real_file, corpus, names)
    for real, reached in names.items():
        if len(reached) == 1:  # the usual case: one name (no relpath per file: 10k files)
            own = source = next(iter(reached))
        else:
            own = Path(os.path.relpath(real, corpus.real_root)).as_posix()  # its name where it really is
            source = own if own in reached else min(reached)
        file = reached[source]
        if is_candidate(file):
            corpus.files[source] = file
            corpus.notices.extend(Notice(other, _same_file_note(source, real_name=source == own))
                                  for other in sorted(reached) if other != source)
        else:  # the one line of why is the kept name's; the other names are not read either
            corpus.skipped.append(Skipped(source, unsupported_reason(file)))
    corpus.files = dict(sorted(corpus.files.items()))
    corpus.skipped.sort(key=lambda item: item.source)
    corpus.notices.sort(key=lambda notice: notice.source)
    return corpus


def _same_file_note(kept: str, real_name: bool) -> str:
    """The note on a name that leads to a file listed as `kept` (Danish, for the summary)."""
    from indexer.progress import printable

    if real_name:
        return f"symbolsk link til {printable(kept)} – filen indekseres kun under sit rigtige navn"
    return f"samme fil som {printable(kept)} (symbolsk link) – filen indekseres kun som {printable(kept)}"


def within(real: str, folders: list[str]) -> bool:
    """Whether the real path `real` is one of `folders` or inside one of them."""
    return any(real == folder or real.startswith(folder.rstrip(os.sep) + os.sep) for folder in folders)


def _walk(
    folder: Path, real_folder: str, excluded: str, corpus: Corpus, links: list[tuple[Path, str]],
) -> Iterator[tuple[Path, str]]:
    """Files under `folder` in a stable order with their real paths, skipping hidden folders and indexes.

    Real paths are derived per folder, not resolved per file (a 100k-passage archive has
    10k files in 8k folders; resolving each cost more than the rest of an incremental run):
    `os.walk` does not descend into folder links, so a walked folder's real path is its
    parent's plus its name; only links are resolved. Links to folders are added to `links`
    for `list_corpus` to follow; links that lead nowhere or in a ring are reported here.
    """
    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        source = source_name(where, corpus.root)
        prefix = "" if source == "." else source + "/"  # "": the root itself, keep everything
        corpus.skipped.append(Skipped(prefix or f"{where}/", f"mappen kan ikke læses ({os_error_text(error)})"))
        corpus.unlisted.append(prefix)  # keep what was indexed from it before

    real_of = {str(folder): real_folder}
    from search.index_folder import is_index_folder  # the engine knows its own file names
    from indexer.files import walk_unignored

    # An administrator's .referatsogignore leaves notes and drafts out, silently.
    for current, folders, files in walk_unignored(folder, onerror=unreadable, root=corpus.root):
        here, real_here = Path(current), real_of.pop(current, None) or os.path.realpath(current)
        if is_index_folder(files):  # an index (ours or another's) inside the corpus: not documents
            log.info("skipping index folder %s", current)
            folders[:] = []
            continue
        kept = []
        for name in sorted(folders):
            if name.startswith("."):
                continue
            path = os.path.join(current, name)
            if os.path.islink(path):
                links.append((here / name, os.path.realpath(path)))
                continue
            real = os.path.join(real_here, name)
            if real != excluded:
                kept.append(name)
                real_of[path] = real
        folders[:] = kept
        for name in sorted(files):
            path = os.path.join(current, name)
            if os.path.islink(path):
                broken = None if is_junk(here / name) else link_reason(path)
                if broken:
                    corpus.skipped.append(Skipped(source_name(here / name, corpus.root), broken))
                    continue
                yield here / name, os.path.realpath(path)
            else:
                yield here / name, os.path.join(real_here, name)


def _consider(file: Path, real: str, corpus: Corpus, names: dict[str, dict[str, Path]]) -> None:
    """Note `file` (whose real path is `real`) as a name of its file; one leading out of the
    corpus is refused at once."""
    if is_junk(file):
        return
    source = source_name(file, corpus.root)
    if not within(real, [corpus.real_root]):
        if Skipped(source, OUTSIDE_ROOT) not in corpus.skipped:  # not twice when given twice
            corpus.skipped.append(Skipped(source, OUTSIDE_ROOT))
        return
    names.setdefault(real, {}).setdefault(source, file)  # the same name twice: given twice, or nested paths


def source_name(path: Path, root: Path) -> str:
    """`path` as a source name: relative to `root`, with forward slashes."""
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base):len(base) + 1] == os.sep:  # the usual case, without relpath
        return text[len(base) + 1:].replace(os.sep, "/")
    return Path(os.path.relpath(path, root)).as_posix()
