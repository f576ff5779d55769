"""`serve`'s index: when the folder holds none this code can search, build it from the corpus.

`index_needed` only looks (and refuses a folder that cannot be used, before the site binds
its address or forks); `build_index` builds, saying so before and after, as
`referatsog index` does. Their failures are `ServeError`s, one Danish line each.
`corpus_warning` looks, for an index that exists, whether the corpus folder the site serves
source files from holds them: a wrong `--corpus` is one line at startup, not every source
link answering 404 without a word. `stale_warning` says, for an index built by another
release or from other data files, that the site answers from it until `referatsog index` has
rebuilt it: an upgrade does not change the passages in silence, nor rebuild a large archive
unasked at startup.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

from indexer.extract import index_write_error
from indexer.files import link_reason
from indexer.progress import printable
from indexer.settings import index_dir_problem, write_advice

from .corpus_paths import inside_corpus
from .serve_error import ServeError


def ensure_index(index_dir: Path, corpus_dir: Path, progress: Any = None, *, index_setting: str = "",
                 corpus_setting: str = "") -> bool:
    """Build the index from `corpus_dir` if `index_dir` holds none; True when it built one.

    Prints, as `referatsog index` does, the summary with every skipped file and its reason.
    A corpus folder that does not exist is refused (`ServeError`), not built into an empty index;
    so is an index folder this user cannot read (it is not "no index"). `index_setting` and
    `corpus_setting` name the variable a folder came from, for the message.
    """
    needed = index_needed(index_dir, corpus_dir, index_setting=index_setting, corpus_setting=corpus_setting)
    if needed:
        build_index(index_dir, corpus_dir, progress)
    return needed


def index_needed(index_dir: Path, corpus_dir: Path, *, index_setting: str = "", corpus_setting: str = "") -> bool:
    """Whether `index_dir` holds no index this code can search, so that one must be built from
    `corpus_dir`; a `ServeError` when it cannot be (see `ensure_index`). Reads, writes nothing."""
    from search import open_index
    from search.api import IndexDamaged, IndexMissing

    problem = index_dir_problem(index_dir)
    if problem:
        raise ServeError(f"{index_setting + ': ' if index_setting else ''}{problem}.")
    try:
        open_index(index_dir).close()
        return False
    except IndexDamaged as error:  # not built over unasked: a full build may take an hour
        raise ServeError(str(error)) from None
    except IndexMissing:
        pass
    fix = f"ret {corpus_setting}, eller angiv mappen med --corpus" if corpus_setting else "angiv den med --corpus"
    if not corpus_dir.exists():
        link = link_reason(corpus_dir)  # a ring of links, or one to nothing: said as `referatsog index` says it
        what = f"kan ikke følges: {printable(str(corpus_dir))} ({link}; " if link else \
            f"findes ikke: {printable(str(corpus_dir))} ("
        raise ServeError(f"intet søgeindeks i {printable(str(index_dir))}, og dokumentmappen {what}{fix}).")
    if not corpus_dir.is_dir():
        raise ServeError(f"dokumentmappen er ikke en mappe: {printable(str(corpus_dir))} ({fix}).")
    return True


SAMPLED_SOURCES = 5  # source files looked for by `corpus_warning`: enough to tell a wrong folder, cheap


def corpus_warning(index_dir: Path, corpus_dir: Path, *, corpus_setting: str = "") -> str | None:
    """A Danish warning line when the corpus folder, from which the site serves the source files,
    does not exist or holds none of the first few source files of the index in `index_dir`;
    None when it holds one of them (or the index has none, or cannot be read: then the site
    says so itself). Looks them up as the site serves them from a named corpus folder (by source
    name, `search.index.served_source`): a corpus folder moved since indexing holds them.
    Reads a few stored records (`SearchIndex.source_files`), not the whole index."""
    from search import open_index
    from search.api import SearchError

    fix = f"ret {corpus_setting}, eller angiv mappen med --corpus" if corpus_setting else "angiv --corpus"
    shown = printable(str(corpus_dir))
    consequence = f"links til kildefilerne vil svare 404 ({fix})."
    try:
        if not corpus_dir.exists():
            link = link_reason(corpus_dir)
            if link:
                return f"Advarsel: kildemappen {shown} kan ikke følges ({link}) – {consequence}"
            return f"Advarsel: kildemappen {shown} findes ikke – {consequence}"
        if not corpus_dir.is_dir():
            return f"Advarsel: kildemappen {shown} er ikke en mappe – {consequence}"
        with open_index(index_dir) as index:
            sources = index.source_files(SAMPLED_SOURCES, corpus=corpus_dir)
    except (SearchError, OSError):  # a warning never stops the start: an index the site cannot read, it says so itself
        return None
    if not sources or any(path is not None and inside_corpus(path, corpus_dir) for path in sources):
        return None
    return f"Advarsel: kildemappen {shown} rummer ingen af søgeindeksets kildefiler – {consequence}"


def stale_warning(index_dir: Path, index_setting: str = "") -> str | None:
    """A Danish warning line when the index in `index_dir` was built by a release that reads
    documents differently (`indexer.update.build_stamp`'s reading part); None when it is
    current, or cannot be read (the site says so itself). Not for the data files' digest:
    it holds `$REFERATSOG_TOPICS`, which the indexing job sets and the site need not, and an
    administrator who edits a data file knows it. The line names the command that rebuilds
    this index, its folder included (a bare `referatsog index` builds the default one)."""
    from search import open_index
    from search.api import SearchError

    try:
        with open_index(index_dir) as index:
            recorded = index.build_stamp
    except (SearchError, OSError):  # a warning never stops the start
        return None
    return stamp_warning(recorded, index_dir, index_setting)


# The variables whose files shape what a build writes (`indexer.update.build_stamp`).
BUILD_VARIABLES = ("REFERATSOG_DATA", "REFERATSOG_TOPICS")


def stamp_warning(recorded: str | None, index_dir: Path, index_setting: str = "") -> str | None:
    """`stale_warning` for an index whose build stamp is `recorded`: also said when a running
    site picks up a commit built by another release (`webui.index.start_warming`). The command
    it names carries `BUILD_VARIABLES` as set here."""
    from indexer.update import READING_CHANGED, built_by_newer_release, data_folder_mismatch, read_as_this_release

    if read_as_this_release(recorded):
        mismatch = data_folder_mismatch(recorded)  # REFERATSOG_DATA set for the indexing job only, say
        return f"Advarsel: {mismatch}." if mismatch else None
    if built_by_newer_release(recorded):  # rebuilding would undo the upgrade: this process is the old one
        return ("Advarsel: søgeindekset er bygget af en nyere udgave af Referatsøg end den, siden kører – "
                "genstart «referatsog serve» med den nye udgave, så søgningerne svarer som indekset er bygget.")
    command = "referatsog index" if index_setting else f"referatsog index --index-dir {shlex.quote(str(index_dir))}"
    # With the variables the build reads as this process has them: run as printed without
    # them, the rebuild dropped the administrator's own topics (an upgrade review).
    command = " ".join([*(f"{name}={shlex.quote(os.environ[name])}" for name in BUILD_VARIABLES
                          if os.environ.get(name)), command])
    # Not "fewer": an index built before «ikke» was searched finds more items for "ikke godkendt"
    # (the approvals) than one built now (an upgrade review).
    return (f"Advarsel: {READING_CHANGED} – siden svarer fra det nuværende indeks, og nogle søgninger svarer "
            f"anderledes end med et nyt, til «{printable(command)}» har bygget det forfra.")


def built_by_newer_release(recorded: str | None) -> bool:
    """`indexer.update.built_by_newer_release` (kept here for `webui.index`): the indexing
    command refuses such an index too."""
    from indexer import update

    return update.built_by_newer_release(recorded)


def folders_to_build(index_dir: Path, corpus_dir: Path) -> list[Path]:
    """What serve builds: the folders the index remembers (an older version's index, rebuilt
    after an upgrade) when the site serves their common folder, as a bare `referatsog index`
    reads them; else `corpus_dir`. Built from the common folder, `index a b` became an index
    of `a`, `b` and every sibling beside them, drafts in `privat/` published."""
    from indexer.corpus import corpus_root
    from indexer.settings import remembered_corpus

    remembered = remembered_corpus(index_dir)
    if (remembered and all(folder.exists() for folder in remembered)
            and corpus_root(remembered) == Path(os.path.abspath(corpus_dir))):
        return remembered
    return [corpus_dir]


def _wait_for_other_writer(index_dir: Path, poll: float = 1.0) -> None:
    """Return once no process holds the index's writer lock (the other build committed or
    stopped); a Ctrl+C or SIGTERM ends the wait as it ends a build."""
    import time

    from search.index_folder import storage_lock

    lock = storage_lock(index_dir)
    while not lock.acquire(blocking=False):
        time.sleep(poll)
    lock.release()


def build_index(index_dir: Path, corpus_dir: Path, progress: Any = None, serving: bool = False) -> None:
    """Build the index of `corpus_dir` in `index_dir`, saying so before and after (`serving`:
    while the site answers). Its failures are `ServeError`s; Ctrl+C is said and passed on."""
    from search import IndexLocked, IndexWriteFailed, index_outdated

    from indexer.datafiles import DataFileError
    from indexer.files import IgnoreFileUnreadable
    from indexer.progress import format_summary
    from indexer.topics import VocabularyError
    from indexer.update import NewerIndex, update_index

    meanwhile = " Siden svarer imens med 503 (søgeindekset mangler)." if serving else ""
    folders = folders_to_build(index_dir, corpus_dir)
    named = ", ".join(printable(str(folder)) for folder in folders)
    if index_outdated(index_dir):
        print(f"Søgeindekset i {printable(str(index_dir))} er bygget af en anden version af Referatsøg; "
              f"bygger det forfra fra {named} …{meanwhile}", flush=True)
    else:
        print(f"Intet søgeindeks i {printable(str(index_dir))}; bygger det fra {named} …{meanwhile}",
              flush=True)
    try:
        report = update_index(folders, index_dir, progress=progress)
    except IndexLocked as error:
        if not serving:
            raise ServeError(str(error)) from None
        # Another process builds it (the indexing job, a second serve started at the same
        # time): this site goes on answering 503 and serves the index once it is committed.
        print(f"Indekset i {printable(str(index_dir))} bygges af en anden proces; siden svarer med 503, "
              "til det er færdigt, og søger derefter i det.", flush=True)
        _wait_for_other_writer(index_dir)  # meanwhile visitors read «being built», not «build it»
        return
    except (VocabularyError, DataFileError) as error:  # an edited data file: its name, line and reason
        raise ServeError(str(error)) from None
    except NewerIndex as error:  # committed by a newer release meanwhile: not undone
        raise ServeError(f"{error}.") from None
    except IgnoreFileUnreadable as error:  # what it leaves out is unknown: nothing is built
        raise ServeError(f"{error.message('der er stadig intet søgeindeks')}.") from None
    except IndexWriteFailed as error:  # a helper process failed (disk full), or the folder holds other files
        advice = write_advice(error)
        raise ServeError(f"{str(error).rstrip('.')} – {advice}." if advice else str(error)) from None
    except OSError as error:  # of the index folder itself (no write access, disk full)
        advice = write_advice(error)
        raise ServeError(f"{index_write_error(error, index_dir)}{' – ' + advice if advice else ''}.") from None
    except KeyboardInterrupt:
        print("Indekseringen blev afbrudt; der er stadig intet søgeindeks.", flush=True)
        raise
    print(f"Indekset er bygget. {format_summary(report, index_dir)}", flush=True)
