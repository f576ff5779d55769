"""`$REFERATSOG_DATA`: a folder whose data files replace the shipped ones of the same name (a
review: every list but the extra topics could only be edited inside the installed package, where
`pip install --upgrade` silently replaced the edits, and in a checkout they were git changes).

The modules resolve their files at import, so the effects are checked in a fresh process (the
command line, or a short script), as an administrator meets them."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from indexer import clean, datafiles, firstnames, topics
from indexer.datafiles import EDITABLE_FILES, DataFileError, DataFolderError, data_file, is_override
from indexer.settings import SETTINGS, SHIPPED_DATA_FOLDERS, unknown_variables
from indexer.update import build_stamp
from search import danish, decompound, schema, variants

CLI = "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()"


def referatsog(*args: object, data: Path | None = None) -> subprocess.CompletedProcess:
    """`referatsog ARGS…` in a fresh process, `$REFERATSOG_DATA` set to `data` (else unset)."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("REFERATSOG_DATA", "REFERATSOG_TOPICS", "REFERATSOG_CORPUS")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    if data is not None:
        env["REFERATSOG_DATA"] = str(data)
    result = subprocess.run([sys.executable, "-c", CLI, *map(str, args)], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def python(script: str, data: Path) -> dict:
    """What `script` prints (one JSON value) in a process with `$REFERATSOG_DATA` set to `data`."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env={**os.environ, "REFERATSOG_DATA": str(data), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def total(result: subprocess.CompletedProcess) -> int:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def shipped(name: str) -> Path:
    return next(folder / name for folder in SHIPPED_DATA_FOLDERS if (folder / name).is_file())


def copy_with(folder: Path, name: str, added: str) -> Path:
    """The shipped `name` copied into `folder` with `added` lines at its end, as the README says
    to start an own version."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    shutil.copy(shipped(name), path)
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "referater"
    shutil.copytree(SEEDS, folder)
    return folder


# --- where the files are read from --------------------------------------------------------------


def test_the_editable_files_are_the_shipped_ones_but_the_learned_lexicon():
    names = {path.name for folder in SHIPPED_DATA_FOLDERS for path in folder.glob("*.txt")}
    assert set(EDITABLE_FILES) == names - {"compound_lexicon.txt"}


def test_unset_every_module_reads_its_shipped_file(monkeypatch):
    monkeypatch.delenv("REFERATSOG_DATA", raising=False)
    used = {variants.VARIANTS_FILE, danish._EXCLUSIONS_FILE, schema.ROUTINE_TITLES, decompound.WORDS_FILE,
            clean.HYPHENATED_FILE, topics.TOPICS_FILE, firstnames.FIRST_NAMES_FILE}
    assert {path.name for path in used} == set(EDITABLE_FILES)
    assert used == {shipped(name) for name in EDITABLE_FILES}
    assert not any(is_override(path) for path in used)
    assert data_file("variants.txt", shipped("variants.txt")) == shipped("variants.txt")


def test_a_file_in_the_folder_replaces_the_shipped_one_of_its_name(tmp_path, monkeypatch):
    (tmp_path / "variants.txt").write_text("CAM = Center for Arbejdsmarked\n", encoding="utf-8")
    (tmp_path / "stem_exclusions.txt").mkdir()  # of the right name but no file: its reader names it
    monkeypatch.setenv("REFERATSOG_DATA", str(tmp_path))
    assert data_file("variants.txt", shipped("variants.txt")) == tmp_path / "variants.txt"
    assert is_override(tmp_path / "variants.txt")
    assert data_file("topics.txt", shipped("topics.txt")) == shipped("topics.txt")
    exclusions = data_file("stem_exclusions.txt", shipped("stem_exclusions.txt"))
    assert exclusions == tmp_path / "stem_exclusions.txt"
    with pytest.raises(DataFileError) as raised:
        danish.load_stem_exclusions(exclusions)
    assert str(raised.value) == f"{exclusions}: er en mappe, ikke en fil"


@pytest.mark.parametrize("make, reason", [
    (lambda path: None, "findes ikke"),
    (lambda path: path.write_text("x", encoding="utf-8"), "er en fil, ikke en mappe"),
])
def test_a_variable_naming_no_folder_is_one_line_naming_it(tmp_path, monkeypatch, make, reason):
    folder = tmp_path / "data"
    make(folder)
    monkeypatch.setenv("REFERATSOG_DATA", str(folder))
    with pytest.raises(DataFolderError) as raised:
        data_file("variants.txt", shipped("variants.txt"))
    assert str(raised.value) == (f"REFERATSOG_DATA: {folder} {reason} – ret variablen, eller fjern den for at bruge "
                                 "de medfølgende datafiler")
    assert isinstance(raised.value, DataFileError)  # the commands' one «Fejl: …» line


def test_an_unknown_name_in_the_folder_is_said_once_with_the_known_names(tmp_path, monkeypatch, caplog):
    for name in ("variant.txt", "noter.md", "variants.txt~", ".variants.txt.swp", "topics.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_DATA", str(tmp_path))
    with caplog.at_level(logging.WARNING):
        data_file("topics.txt", shipped("topics.txt"))
        data_file("variants.txt", shipped("variants.txt"))
    said = [r.getMessage() for r in caplog.records if "REFERATSOG_DATA" in r.getMessage()]
    known = ", ".join(EDITABLE_FILES)
    assert said == [f"REFERATSOG_DATA: noter.md i {tmp_path} er ingen af datafilerne og bruges ikke (de kendte er {known})",
                    f"REFERATSOG_DATA: variant.txt i {tmp_path} er ingen af datafilerne og bruges ikke "
                    f"(mente du variants.txt? de kendte er {known})"]


def test_the_variable_is_a_setting_and_help_names_the_shipped_folders():
    assert not unknown_variables({"REFERATSOG_DATA": "/srv/referatsog/data"})
    assert "REFERATSOG_DATA" in [setting.env for setting in SETTINGS]
    result = referatsog("--help")
    # its entry: the name, and its help wrapped below it, up to the next variable
    entry = result.stdout.split("\n  REFERATSOG_DATA\n", 1)[1].split("\n  REFERATSOG_", 1)[0]
    assert all(str(folder) in " ".join(entry.split()) for folder in SHIPPED_DATA_FOLDERS)


# --- the effects ---------------------------------------------------------------------------------


def test_variants_from_the_folder_are_used_at_query_time_without_a_rebuild(tmp_path, corpus):
    index_dir = tmp_path / "index"
    assert referatsog("index", "-q", "--index-dir", index_dir, corpus).returncode == 0
    data = tmp_path / "data"
    copy_with(data, "variants.txt", "zebrafolk = flygtninge\n")
    query = ("search", "--json", "--index-dir", index_dir, "zebrafolk")
    assert total(referatsog(*query)) == 0
    assert total(referatsog(*query, data=data)) > 0
    again = referatsog("index", "--index-dir", index_dir, corpus, data=data)  # variants are not in the index
    assert again.returncode == 0 and "Bygger hele indekset igen" not in again.stdout + again.stderr


def test_each_index_file_from_the_folder_takes_effect_through_the_rebuild_it_forces(tmp_path, corpus):
    index_dir = tmp_path / "index"
    assert referatsog("index", "-q", "--index-dir", index_dir, corpus).returncode == 0
    data = tmp_path / "data"
    copy_with(data, "stem_exclusions.txt", "flygtninge -> refugiat\n")
    copy_with(data, "routine_titles.txt", "zebrapunkt\n")
    copy_with(data, "compound_words.txt", "zebra\nmodel\n")
    copy_with(data, "hyphenated.txt", "zebra-model\n")
    copy_with(data, "topics.txt", "zebraemne: flygtninge\n")
    assert total(referatsog("search", "--json", "--index-dir", index_dir, "refugiat")) == 0

    run = referatsog("index", "--index-dir", index_dir, corpus, data=data)

    assert run.returncode == 0, run.stderr
    assert ("Bygger hele indekset igen: REFERATSOG_DATA er sat nu, men var ikke sat ved sidste fulde opbygning; "
            "compound_words.txt, hyphenated.txt, routine_titles.txt, stem_exclusions.txt, topics.txt læses nu "
            "derfra") in run.stdout + run.stderr
    # in the index: the stem and the topic the folder's lists give
    assert total(referatsog("search", "--json", "--index-dir", index_dir, "refugiat", data=data)) > 0
    assert total(referatsog("search", "--json", "--index-dir", index_dir, "--topic", "zebraemne", data=data)) > 0
    # what the build read
    read = python("import json; from indexer import clean, topics; from search import danish, decompound, schema; "
                  "print(json.dumps([danish.stem('flygtninge'), schema.is_routine('Zebrapunkt'), "
                  "decompound.split('zebramodellen'), 'zebra-model' in clean.kept_hyphen_words(), "
                  "'zebraemne' in topics.TopicTagger.from_files().names]))", data)
    assert read == ["refugiat", True, ["zebra", "modellen"], True, True]


def test_the_build_stamp_follows_the_variable_and_edits_of_the_folders_files(tmp_path, corpus):
    index_dir = tmp_path / "index"
    data = tmp_path / "data"
    exclusions = copy_with(data, "stem_exclusions.txt", "")
    assert referatsog("index", "-q", "--index-dir", index_dir, corpus).returncode == 0

    def run(folder: Path | None) -> str:
        result = referatsog("index", "--index-dir", index_dir, corpus, data=folder)
        assert result.returncode == 0, result.stderr
        return result.stdout + result.stderr

    # the same contents as shipped, but now from the folder: set it alike for every run
    assert "REFERATSOG_DATA er sat nu, men var ikke sat ved sidste fulde opbygning; stem_exclusions.txt" in run(data)
    assert "Bygger hele indekset igen" not in run(data)
    exclusions.write_text(exclusions.read_text(encoding="utf-8") + "budget -> budget\n", encoding="utf-8")
    assert "Bygger hele indekset igen: datafilerne" in run(data)
    assert ("REFERATSOG_DATA var sat ved sidste fulde opbygning, men er ikke sat nu; de medfølgende "
            "stem_exclusions.txt bruges igen") in run(None)
    empty = tmp_path / "tom"
    empty.mkdir()
    assert "Bygger hele indekset igen" not in run(empty)  # a folder that replaces nothing changes nothing


def test_an_upgrade_run_without_the_jobs_data_folder_says_the_topics_go_back_too(tmp_path, corpus):
    """The upgrade warning's command run as printed, without REFERATSOG_DATA: the rebuild named
    the upgrade alone, and the administrator's own topic was gone without a word (an upgrade review)."""
    index_dir = tmp_path / "index"
    data = tmp_path / "data"
    copy_with(data, "topics.txt", "zebraemne: flygtninge\n")
    older = subprocess.run(  # the release before: it read documents as a lower READING_VERSION
        [sys.executable, "-c", "import indexer.pipeline as p; p.READING_VERSION -= 1; " + CLI,
         "index", "-q", "--index-dir", str(index_dir), str(corpus)], capture_output=True, text=True, cwd=ROOT,
        timeout=120, env={**os.environ, "REFERATSOG_DATA": str(data), "PYTHONPATH": str(ROOT)})
    assert older.returncode == 0, older.stderr

    run = referatsog("index", "--index-dir", index_dir, corpus)

    assert run.returncode == 0, run.stderr
    assert ("Bygger hele indekset igen: denne udgave af Referatsøg læser dokumenterne anderledes end den, der "
            "byggede indekset – og REFERATSOG_DATA var sat ved sidste fulde opbygning, men er ikke sat nu; de "
            "medfølgende topics.txt bruges igen") in run.stdout + run.stderr
    assert total(referatsog("search", "--json", "--index-dir", index_dir, "--topic", "zebraemne")) == 0


def test_the_stamp_digests_the_files_the_modules_read(tmp_path, monkeypatch):
    """Not the package's own topics, hyphen and first-name lists: an edited replacement rebuilds too."""
    before = build_stamp()
    for module, attribute in ((topics, "TOPICS_FILE"), (clean, "HYPHENATED_FILE"), (firstnames, "FIRST_NAMES_FILE")):
        copy = tmp_path / getattr(module, attribute).name
        shutil.copy(getattr(module, attribute), copy)
        monkeypatch.setattr(module, attribute, copy)
        assert build_stamp() == before  # the same contents
        copy.write_text(copy.read_text(encoding="utf-8") + "zebra\n", encoding="utf-8")
        assert build_stamp() != before
        monkeypatch.undo()


# --- what a command says -------------------------------------------------------------------------


def test_commands_refuse_a_variable_naming_no_folder_in_one_line(tmp_path):
    missing = tmp_path / "mangler"
    result = referatsog("index", "--index-dir", tmp_path / "index", SEEDS, data=missing)
    assert (result.returncode, result.stderr) == (1, f"Fejl: REFERATSOG_DATA: {missing} findes ikke – ret variablen, "
                                                     "eller fjern den for at bruge de medfølgende datafiler\n")
    a_file = tmp_path / "data.txt"
    a_file.write_text("", encoding="utf-8")
    result = referatsog("search", "--index-dir", tmp_path / "index", "flygtninge", data=a_file)
    assert result.returncode == 1
    assert result.stderr == (f"Fejl: REFERATSOG_DATA: {a_file} er en fil, ikke en mappe – ret variablen, eller fjern "
                             "den for at bruge de medfølgende datafiler\n")
    assert not (tmp_path / "index").exists()


def test_a_file_in_the_folder_that_cannot_be_read_stops_the_run_naming_it(tmp_path):
    data = tmp_path / "data"
    (data / "stem_exclusions.txt").mkdir(parents=True)
    result = referatsog("index", "--index-dir", tmp_path / "index", SEEDS, data=data)
    assert (result.returncode, result.stderr) == (1, f"Fejl: {data / 'stem_exclusions.txt'}: er en mappe, ikke en fil\n")
    shutil.rmtree(data)
    topics_copy = copy_with(data, "topics.txt", "idræt: fodbold\n")
    topics_copy.write_bytes(topics_copy.read_text(encoding="utf-8").encode("latin-1", "replace"))
    result = referatsog("index", "--index-dir", tmp_path / "index", SEEDS, data=data)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Fejl: {topics_copy}, linje ") and result.stderr.endswith(
        f": {datafiles.NOT_UTF8}\n") and result.stderr.count("\n") == 1


def test_an_unknown_name_is_a_warning_and_the_command_goes_on(tmp_path, corpus):
    data = tmp_path / "data"
    data.mkdir()
    (data / "variant.txt").write_text("zebrafolk = flygtninge\n", encoding="utf-8")
    result = referatsog("index", "-q", "--index-dir", tmp_path / "index", corpus, data=data)
    assert result.returncode == 0
    assert (f"Advarsel: REFERATSOG_DATA: variant.txt i {data} er ingen af datafilerne og bruges ikke (mente du "
            f"variants.txt? de kendte er {', '.join(EDITABLE_FILES)})\n") in result.stderr
    assert result.stderr.count("variant.txt") == 1


# --- an index built with other files than the search reads --------------------------------------


def test_a_search_without_the_folder_the_index_was_built_with_is_warned(tmp_path, corpus):
    """REFERATSOG_DATA set for the indexing job, not for the site or a manual search: queries were
    stemmed as the index was not, «kulturelle» found 1 item of 3, and nothing said why (an
    administrator review)."""
    index_dir = tmp_path / "index"
    data = tmp_path / "data"
    copy_with(data, "stem_exclusions.txt", "kulturelle\n")
    assert referatsog("index", "-q", "--index-dir", index_dir, corpus, data=data).returncode == 0
    same = referatsog("search", "--json", "--index-dir", index_dir, "kulturelle", data=data)
    assert total(same) == 3 and "Advarsel" not in same.stderr
    other = referatsog("search", "--json", "--index-dir", index_dir, "kulturelle")
    # why the line is needed: the items are not found as they are with the folder (fewer, or only by a
    # close spelling, «kultur», since the spelling help of the citizen review)
    answer = json.loads(other.stdout)
    assert other.returncode == 0 and (answer["total"] < 3 or answer["approximate"])
    assert other.stderr.startswith("Advarsel: indekset er bygget med stem_exclusions.txt fra REFERATSOG_DATA, "
                                   "men søgningen her bruger de medfølgende datafiler"), other.stderr


def test_the_site_says_so_too_at_start_and_only_for_files_searches_read(monkeypatch):
    from indexer import datafiles
    from indexer.update import build_stamp
    from search.schema import INDEX_DATA_FILES
    from webui.first_build import stamp_warning

    current = build_stamp()
    reading, _, digest = current.rpartition(":")
    plain = f"{reading}:{digest.split('@')[0].split('+')[0]}"  # built with the shipped files
    built_with = f"{plain}@stem_exclusions.txt,topics.txt"
    warning = stamp_warning(built_with, Path("idx"))
    assert warning is not None and "stem_exclusions.txt fra REFERATSOG_DATA" in warning
    assert "topics.txt" not in warning  # the topics are the index's own: a search does not read them
    (exclusions,) = [path for path in INDEX_DATA_FILES if path.name == "stem_exclusions.txt"]
    monkeypatch.setattr(datafiles, "_overrides", {exclusions})
    assert stamp_warning(built_with, Path("idx")) is None
    assert "bygget med de medfølgende datafiler" in stamp_warning(plain, Path("idx"))
