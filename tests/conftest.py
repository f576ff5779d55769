"""Shared fixtures: the seed corpus, small indexes built from it in tmp folders, the web app.

Every test that needs an index builds it here from `seeds/` (and fixture files), never
from a developer's own index folder.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAYOUTS = FIXTURES / "layouts"
PDFS = FIXTURES / "pdf"

# The shared seed expectations name the seeds by their original file names; the product
# ships them under descriptive names.
SEED_FILES = {
    "000_db63150ea895a2fe.txt": "naestved-integrationsraadet-aarsberetning-2019.txt",
    "001_91e5afe6c13284a5.txt": "naestved-integrationsraadet-aarsberetning-2015.txt",
    "002_f22cfd0d5377a862.txt": "naestved-integrationsraadet-referat-2015-05-21.txt",
    "003_8c7ad1c6f4db9e5c.txt": "naestved-integrationsraadet-referat-2017-02-23.md",
    "004_079d8931080a713f.txt": "roskilde-integrationsraadet-referat-2026-06-04.txt",
}


@pytest.fixture(scope="session", autouse=True)
def no_default_index(tmp_path_factory) -> Iterator[None]:
    """The default index folder (under XDG_DATA_HOME) is an empty tmp folder for the whole run,
    subprocesses included: a test that forgot --index-dir read the developer's own index and
    passed or failed by what was in it (a query's words after `--` took the option with them)."""
    saved = {name: os.environ.get(name) for name in ("XDG_DATA_HOME", "REFERATSOG_INDEX")}
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    os.environ.pop("REFERATSOG_INDEX", None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def load_expected(folder: Path) -> dict:
    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return {name: spec for name, spec in data.items() if not name.startswith("_")}


@pytest.fixture(scope="session")
def seed_expectations() -> dict:
    """expected.json of the seeds, keyed by the product's seed file names."""
    return {SEED_FILES[name]: spec for name, spec in load_expected(FIXTURES / "seeds").items()}


@pytest.fixture(scope="session")
def layout_expectations() -> dict:
    return load_expected(LAYOUTS)


@pytest.fixture(scope="session")
def seed_documents():
    """Every seed run through the pipeline (extract → clean → segment → enrich), by file name."""
    from indexer.pipeline import read_document

    return {path.name: read_document(path, SEEDS) for path in sorted(SEEDS.iterdir()) if path.is_file()}


@pytest.fixture(scope="session")
def seed_passages(seed_documents):
    return [p for doc in seed_documents.values() for p in doc.passages]


def norm(title: str) -> str:
    """A title as the expectations compare it: spacing and case aside."""
    return " ".join(title.split()).casefold()


def assert_document_as_expected(name: str, document, spec: dict, fields: Sequence[str]) -> None:
    """A fixture's document against its expected.json entry: the meeting's `fields` it names (on
    the first passage), the items' numbers and titles in order, their fields (`assert_item_fields`),
    and no note of item headings in an unknown form."""
    from indexer.segment import NO_ITEM_HEADINGS

    first = document.passages[0]
    for key in fields:
        if key in spec:
            value = getattr(first, key)
            assert (list(value) if isinstance(value, tuple) else value) == spec[key], (name, key)
    assert [(p.item_number, norm(p.title)) for p in document.passages] == [
        (item["number"], norm(item["title"])) for item in spec["items"]]
    assert_item_fields(document.passages, spec["items"])
    assert not [n for n in document.notices if "ukendt format" in n or n == NO_ITEM_HEADINGS]


def assert_item_fields(passages, items) -> None:
    """Each passage has the case number, case handler and decision its item in an expected.json
    names (those it names), in order: the layout fixtures' shared check."""
    for passage, item in zip(passages, items):
        for field in ("case_number", "case_handler"):
            if field in item:
                assert getattr(passage, field) == item[field], (passage.title, field)
        if "decision" in item:
            assert passage.decision == item["decision"], passage.title


def folder_snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` (relative path) → (size, mtime in ns): what a write changes.
    os.scandir, not Path.rglob: taken around every test that uses the seed index (~0.2 ms)."""
    files: dict[str, tuple[int, int]] = {}
    folders = [(str(folder), "")]
    while folders:
        path, relative = folders.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{relative}{entry.name}/"))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    files[relative + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return files


def snapshot_changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """The files added, removed or changed between two snapshots, each named with what happened."""
    return ([f"{name} (added)" for name in sorted(after.keys() - before.keys())]
            + [f"{name} (removed)" for name in sorted(before.keys() - after.keys())]
            + [f"{name} (changed)" for name in sorted(before.keys() & after.keys()) if before[name] != after[name]])


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory) -> Iterator[Path]:
    """An index of the seeds, built once per test session. Tests must not write to it: the
    web, CLI and serve tests share it, and a write would make their outcome depend on their
    order. At the end of the session the folder must be as it was built, file for file (a
    chmod -w would not stop root, who runs the suite here)."""
    from indexer.update import update_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    report = update_index([SEEDS], index_dir)
    assert not report.skipped, report.skipped
    built = folder_snapshot(index_dir)
    yield index_dir
    # Each test using the index is checked on its own (below); this catches a write that came
    # later, e.g. from a process a test left running.
    changed = snapshot_changes(built, folder_snapshot(index_dir))
    assert not changed, f"something wrote to the shared seed index {index_dir}: {', '.join(changed)}"


@pytest.fixture(autouse=True)
def seed_index_left_alone(request):
    """A test that uses the shared seed index (directly or through app, client, seed_index…)
    fails if the folder differs afterwards, naming the files, so the writer is the test named."""
    if "seed_index_dir" not in request.fixturenames:
        yield
        return
    index_dir = request.getfixturevalue("seed_index_dir")
    before = folder_snapshot(index_dir)
    yield
    changed = snapshot_changes(before, folder_snapshot(index_dir))
    assert not changed, f"{request.node.nodeid} wrote to the shared seed index {index_dir}: {', '.join(changed)}"


@pytest.fixture(scope="session")
def seed_index(seed_index_dir):
    from search import open_index

    return open_index(seed_index_dir)


@pytest.fixture(scope="session")
def benchmark_index(tmp_path_factory):
    """The relevance benchmark's corpus (seeds, fixture PDFs, layout minutes) indexed as
    `referatsog index` writes it (`search.relevance.build_index`): the index `referatsog eval`
    measures, built once for the modules that ask what it answers. Tests must not write to it."""
    from search.relevance import build_index, load_benchmark

    index = build_index(load_benchmark(), tmp_path_factory.mktemp("benchmark-index"))
    yield index
    index.close()


@pytest.fixture(scope="session")
def benchmark_searcher(benchmark_index):
    """A Whoosh searcher of `benchmark_index`, for tests that call `run_search` themselves."""
    from search.index_folder import open_current

    with open_current(benchmark_index.path).searcher() as searcher:
        yield searcher


@pytest.fixture
def searcher(benchmark_searcher):
    """The benchmark corpus's searcher, for the query tests (a test file may define its own)."""
    return benchmark_searcher


def search_all(searcher, query: str, **options):
    """`run_search` with every hit on one page (up to 100), as the query tests read answers."""
    from search import SearchRequest
    from search.query import run_search

    options.setdefault("page_size", 100)
    return run_search(searcher, SearchRequest(query=query, **options))


def read_fixture(folder: Path, name: str):
    """The document a fixture file `name` in `folder` yields, named from that folder as `index`
    names it (a test module binds its folder: `read = partial(read_fixture, FOLDER)`)."""
    from indexer.pipeline import read_document

    return read_document(folder / name, folder)


def shared_fixture(folder: Path, shared: Path, name: str) -> Path:
    """Fixture `name` in a module's `folder`, else in the review's `shared` folder it came from: a
    reviewer's file is kept once (`read = partial(read_shared_fixture, FOLDER, SHARED)`)."""
    return folder / name if (folder / name).exists() else shared / name


def read_shared_fixture(folder: Path, shared: Path, name: str):
    """`read_fixture` of `shared_fixture(folder, shared, name)`."""
    return read_fixture(shared_fixture(folder, shared, name).parent, name)


def seeds_in(folder: Path, names: list[str]) -> Path:
    """`folder` (created) holding copies of the named seed files: a corpus of a few real minutes."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def built_index(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    """An index (`tmp_path/index`) of a corpus (`tmp_path/referater`) of the named seed files."""
    from indexer.update import update_index

    corpus = seeds_in(tmp_path / "referater", names)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    return corpus, index_dir


def ranks_written_out(split: Sequence[Sequence[str]], sort: str, marks: Sequence[str] | None = None
                      ) -> tuple[list[int], list[int]]:
    """The date orders of `search.orders.ranks_of` written out in Python, for order keys split into
    (date, document, position): each document's rank, and the document numbers in order. Newest:
    dates (and same-day `marks`, minutes above agendas) backwards, a meeting's items in their order;
    oldest: dates forwards, undated last."""
    docnums = sorted(range(len(split)), key=lambda d: (split[d][1], split[d][2]))
    if sort == "newest":
        docnums.sort(key=lambda d: (split[d][0], marks[d] if marks else ""), reverse=True)
    else:
        docnums.sort(key=lambda d: (split[d][0] == "", split[d][0]))
    expected = [0] * len(split)
    for place, docnum in enumerate(docnums):
        expected[docnum] = place
    return expected, docnums


def client_of(root: Path, files: Sequence[Path]):
    """A Flask test client of an index (`root/index`) of copies of `files` (`root/dokumenter`)."""
    from indexer.update import update_index
    from webui import create_app

    corpus = root / "dokumenter"
    corpus.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, corpus)
    update_index([corpus], root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


def cut_short(path: Path, size: int | None = None) -> None:
    """An index file cut short, as a copy that stopped leaves it: to `size` bytes, else to half."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2 if size is None else size])


def damage_said(result, index_dir: Path, name: str) -> None:
    """`result` (of `run`) said, in one line with exit code 1, that the index is damaged, naming `name`."""
    assert result.exit_code == 1, result.output
    assert f"Indekset i {index_dir} er beskadiget: {name} " in result.output, result.output
    assert "uventet" not in result.output and "anden version" not in result.output and "Afbrudt" not in result.output


def read_written(tmp_path: Path, name: str, text: str):
    """`text` written to `tmp_path/name` as UTF-8 and read through the pipeline (corpus root: `tmp_path`)."""
    from indexer.pipeline import read_document

    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))  # as given: a fixture's CRLF stays
    return read_document(path, tmp_path)


def read_rewritten(folder: Path, tmp_path: Path, name: str, change, new_name: str | None = None):
    """The fixture `folder/name` with its text changed by `change` (which must change it), read
    through the pipeline as `new_name` (default: its own name)."""
    text = (folder / name).read_bytes().decode("utf-8")
    changed = change(text)
    assert changed != text, "the change must change the file"
    return read_written(tmp_path, new_name or name, changed)


def index_copies(root: Path, files: Sequence[Path]) -> tuple[Path, Path]:
    """`files` copied into `root/corpus` and indexed into `root/index`, none skipped: (corpus, index)."""
    from indexer.update import update_index

    corpus = root / "corpus"
    corpus.mkdir()
    for path in files:
        shutil.copy(path, corpus / path.name)
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    return corpus, root / "index"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the seeds, for tests that change, add or delete files."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def app(seed_index_dir):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir), "CORPUS_DIR": str(SEEDS)})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    """click's test runner for `referatsog`."""
    from click.testing import CliRunner

    return CliRunner()


def run(runner, *args, **kwargs):
    """`referatsog ARGS…` through `runner`; no traceback may reach the output, whatever the exit code."""
    from indexer.cli import main

    result = runner.invoke(main, [str(a) for a in args], **kwargs)
    assert "Traceback" not in result.output
    return result


# A few queries whose answers tests compare before and after something happens to an index.
QUERIES = ("flygtninge", "boligplacering", '"negativ social kontrol"', "foreningernes dag")


def answers(index_dir: Path) -> dict[str, tuple[int, tuple[str, ...]]]:
    """What the index answers to `QUERIES`: total and the ids of the first hits."""
    from search import SearchRequest, open_index

    index = open_index(index_dir)
    try:
        return {q: (r.total, tuple(h.id for h in r.hits)) for q in QUERIES for r in [index.search(SearchRequest(query=q))]}
    finally:
        index.close()


# LAYOUTS.md layout 10 (`f10-glued-number`, no sample file): numbers glued to titles ("38Godkendelse
# af dagsorden", "3F" no heading) and an item printed without number and title after item 39,
# which a citation names by the item before it. `{municipality}` is the first line ("Tornby Kommune").
UNTITLED_MINUTES = """{municipality}

Referat

Socialudvalget

Mødedato: 12.03.2018
Mødested: Mødelokale 4, Tornby Rådhus

38Godkendelse af dagsorden
Sagsnr.: 18/1021

Indstilling
Direktøren indstiller, at dagsordenen godkendes.

Beslutning
Godkendt.

39Støtte til boligsocial indsats i Østerbyen
Sagsnr.: 17/8830

Sagsfremstilling
Boligforeningen Østerbo har sammen med 3F's lokalafdeling søgt om 120.000 kr.
3F Tornby stiller lokaler til rådighed for lektiecaféen.

Indstilling
Direktøren indstiller, at ansøgningen imødekommes.

Beslutning
Godkendt.

Sagsfremstilling
Udvalget orienteres om modtagelsen af flygtninge i 1. kvartal 2018. Der er
kommet 7 flygtninge, og alle er boligplaceret.

Indstilling
Direktøren indstiller, at orienteringen tages til efterretning.

Beslutning
Taget til efterretning.

40Eventuelt
Sagsnr.: 18/1021

Beslutning
Formanden orienterede om næste møde.
"""


def soup(response):
    """A page as parsed HTML."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def answered_soup(response):
    """A page that must be answered (200), as parsed HTML."""
    assert response.status_code == 200, response.status_code
    return soup(response)


def words(element) -> str:
    """An element's text as it reads, whitespace collapsed."""
    return " ".join(element.get_text().split())


def api(client, **params) -> dict:
    """`/api/search` with `params`, which must be answered (200)."""
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def raw_pdf(contents: Sequence[bytes], font: bytes, descriptor: bytes) -> bytes:
    """A small PDF written by hand, xref offsets right: one A4 page per content stream, its
    text in the font object `font` (as /F1), whose descriptor is `descriptor` (object 4)."""
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               font, descriptor]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (6 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.fixture
def as_from_cron(monkeypatch, tmp_path):
    """Runs as from cron: no REFERATSOG_CORPUS or REFERATSOG_INDEX, in a folder without ./seeds."""
    monkeypatch.delenv("REFERATSOG_CORPUS", raising=False)
    monkeypatch.delenv("REFERATSOG_INDEX", raising=False)
    monkeypatch.chdir(tmp_path)
