"""`referatsog`: index, extract, search and serve from a terminal.

A thin click layer: it parses options, calls the pipeline, the updater, the search API or
the web server, and turns their errors into one Danish line and an exit code. No stage
logic lives here.
"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from indexer.conventions import shorten_title, without_closing_stop
from indexer.danish_click import DanishGroup, DanishPath, QueryCommand, argument, option, output_is_utf8
from indexer.dates import danish_date
from indexer.numbers import danish_number
from indexer.outcome import decision_label, shown_in_part
from indexer.progress import printable
from indexer.settings import (
    SETTINGS,
    default_corpus,
    default_index_dir,
    from_environment,
    index_dir_problem,
    remembered_corpus,
    unknown_variables,
    write_advice,
)

_FACET_OPTIONS = {
    "municipality": "Kommune, fx Næstved",
    "council": "Råd eller udvalg, fx Integrationsrådet",
    "year": "Årstal, fx 2019",
    "case_handler": "Sagsbehandler",
    "topic": "Emne, fx flygtninge",
    "doc_type": "Dokumenttype: referat, dagsorden eller årsberetning",
    "outcome": "Beslutningens udfald: Godkendt, Anbefalet, Afvist, Udsat, Høringssvar, Taget til efterretning, Drøftet, "
               "Valg eller Andet",
}
# Printed titles are cut here: a passage's title can be a whole paragraph (or a whole file).
TITLE_WIDTH = 200
# The search API's parameters by the names a user of the command line knows them by.
_PARAMETERS = {"q": "søgningen", "page_size": "--limit"}


def _sort_of(value: str) -> str:
    """The sort a Danish word names (`nyeste`: newest), as the web API takes it too."""
    from search.api import DANISH_SORTS  # lazily: the engine is not loaded for `--help`

    return DANISH_SORTS.get(value.lower(), value)


def _index_dir_option(function):
    return option(
        "--index-dir",
        type=DanishPath(file_okay=False, readable=False, path_type=Path),  # no access: said with what to do
        default=None,
        help="Indeksmappe (standard: $REFERATSOG_INDEX eller ~/.local/share/referatsog/index).",
    )(function)


class Failure(click.ClickException):
    """A command's one-line error, shown as "Fejl: ..." (click's own prefix is English)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True, file=file)


class BadArgument(Failure):
    """A value given on the command line that cannot be used (`--year abc`, `--from igår`): one
    line, and exit code 2, as click gives a value it checks itself (`--limit 0`) and as text that
    is not UTF-8 gets, so a script tells a bad argument from a failure."""

    exit_code = 2


def _write_wrapped(formatter: click.HelpFormatter, text: str, indent: int) -> None:
    """`text` wrapped to the help page's width at `indent`, never inside a path or a word
    (click's own wrapping breaks at hyphens: «/opt/wt-|cli»)."""
    import textwrap

    width = max(formatter.width - formatter.current_indent - indent, 30)
    for line in textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False):
        formatter.write(f"{'':>{formatter.current_indent + indent}}{line}\n")


class _Examples:
    """A command whose help ends with «Eksempler:», a section as «Tilvalg:» is: each example a
    line saying what it does and the command to type (`examples`: pairs of the two)."""

    def __init__(self, *args: Any, examples: tuple[tuple[str, str], ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.examples = examples

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        if self.examples:
            with formatter.section("Eksempler"):
                for number, (what, command) in enumerate(self.examples):
                    if number:
                        formatter.write_paragraph()
                    _write_wrapped(formatter, what, 0)
                    formatter.write(f"{'':>{formatter.current_indent + 2}}{command}\n")  # as typed: never wrapped


class _Command(_Examples, DanishGroup.command_class):
    pass


class _QueryCommand(_Examples, QueryCommand):
    pass


class _Group(DanishGroup):
    """`DanishGroup`, and a data file that cannot be used (`indexer.datafiles.DataFileError`,
    raised where a command reads it, at import too) is one line naming file and line, exit 1.
    Its help ends with where each command's options are told and the environment variables."""

    command_class = _Command

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        formatter.write_text("Se referatsog KOMMANDO --help for en kommandos valgmuligheder.")
        with formatter.section("Miljøvariabler"):  # a section as «Kommandoer:», not text indented under it
            for setting in SETTINGS:
                formatter.write(f"{'':>{formatter.current_indent}}{setting.env}\n")
                _write_wrapped(formatter, setting.help, 4)

    def invoke(self, ctx: click.Context) -> Any:
        from indexer.datafiles import DataFileError

        try:
            return super().invoke(ctx)
        except DataFileError as error:
            raise Failure(str(error)) from None


@click.group(cls=_Group)
@click.version_option(package_name="referatsog", help="Vis versionen og afslut.", message="%(prog)s %(version)s")
def main() -> None:
    """Referatsøg: fuldtekstsøgning i kommunale referater, dagsordener og årsberetninger."""
    for line in unknown_variables():  # a mistyped REFERATSOG_INDEX_DIR would send the index elsewhere unseen
        click.echo(f"Advarsel: {line}.", err=True)


@main.command(short_help="Indeksér mapper og filer; kun ændrede filer læses igen.", examples=(
    ("Byg eller opdatér indekset af kommunens referatmappe; kun ændrede filer læses igen:",
     "referatsog index /srv/referater"),
    ("Som natlig kørsel (cron, systemd): kun opsummeringen, og fejlkode 1, hvis en fil springes over:",
     "referatsog index --quiet --strict"),
    ("Byg indekset forfra af mappen alene, fx efter at en anden mappe er flyttet:",
     "referatsog index /srv/referater --full"),
))
@argument("paths", nargs=-1, type=DanishPath(path_type=Path, readable=False))  # unreadable: said by the run, one line
@_index_dir_option
@option("--full", is_flag=True, help="Byg indekset helt forfra i stedet for kun at læse ændrede filer; en fil, "
        "der ikke kan læses, fjernes da fra indekset.")
@option("--strict", is_flag=True, help="Afslut med fejlkode, hvis blot én fil springes over.")
@option("--quiet", "-q", is_flag=True, help="Skriv kun opsummeringen.")
@option("--verbose", "-v", is_flag=True, help="Skriv en linje for hver fil.")
def index(paths: tuple[Path, ...], index_dir: Path | None, full: bool, strict: bool, quiet: bool, verbose: bool) -> None:
    """Indeksér mapper og filer. Kun ændrede filer læses igen.

    Uden STI: $REFERATSOG_CORPUS, ellers de mapper, indekset sidst blev bygget af, ellers
    seeds/ (samme rækkefølge som serve). Indekset afspejler de nævnte mapper; en kørsel, der ville fjerne dokumenter fra
    en mappe, der ikke er nævnt, eller alle dokumenter fra en nævnt mappe, der nu er tom,
    afvises (brug --full for at bygge indekset alene af de nævnte mapper). En fil eller mappe i en
    mappe, indekset er bygget af, læses som en del af den mappe. Første kørsel efter en
    opgradering eller en ændret datafil læser alle filer igen og bygger det nye indeks ved siden
    af, mens siden svarer fra det gamle; kun et nyt indeksformat (se CHANGELOG.md) bygges forfra,
    mens siden svarer 503.

    Afslutningskoder: 0 når kørslen lykkedes; 1 når en fejl i Referatsøg holdt en fil ude, med
    --strict når en fil blev sprunget over, eller når kørslen afvises eller fejler; 2 når et
    argument ikke kan bruges (et ukendt tilvalg, -q sammen med -v); 130 når kørslen stoppes
    (Ctrl+C eller SIGTERM).
    En afvist, fejlet eller stoppet kørsel efterlader det tidligere indeks uændret."""
    from indexer.files import IgnoreFileUnreadable
    from indexer.progress import make_progress, format_summary
    from indexer.topics import VocabularyError
    from indexer.update import NewerIndex, RunRefused, outermost, update_index
    from search import IndexDamaged, IndexLocked, IndexWriteFailed

    if quiet and verbose:  # which one was meant is not ours to guess; an argument error, as --csv with --json
        raise BadArgument("-q (--quiet) og -v (--verbose) kan ikke bruges sammen – vælg ét af dem.")
    given, index_dir = index_dir, index_dir or default_index_dir()
    _refuse_unusable_index_dir(index_dir, given)
    # The variable before what the index remembers, as for serve's corpus: an explicit setting
    # wins over state, and index and serve then read the same folder (else serve would show
    # source files from one folder while index reads another).
    from_variable = not paths and bool(os.environ.get("REFERATSOG_CORPUS"))
    # Without a folder of their own: a path inside another remembered folder is read with it (an
    # older run remembered a file so, and failed every run once the file was gone).
    remembered = [] if paths else outermost(remembered_corpus(index_dir))  # REFERATSOG_CORPUS first, as serve
    if paths and not full:
        paths = _as_part_of_folders(paths, index_dir, quiet)
    if not paths and not remembered and not from_variable:
        _refuse_forgotten_folders(index_dir)
    if not paths and not remembered:
        _refuse_missing_default_corpus()
    targets = list(paths) or remembered or [default_corpus()]
    _refuse_missing(targets, remembered=bool(remembered))
    if not full:
        _refuse_emptying(targets, index_dir)
    progress = make_progress(quiet=quiet, verbose=verbose)
    from search import index_outdated

    if index_outdated(index_dir) and not quiet:  # else an "update" that reads every file is a surprise
        click.echo(f"Indekset i {printable(str(index_dir))} er bygget af en anden version af Referatsøg; "
                   "det bygges forfra af alle filer.")
    try:
        try:
            report = update_index(targets, index_dir, full=full, progress=progress)
        finally:  # a failure's «Fejl:» line must not be glued to the bar (an administrator review)
            progress.close()
    except (IndexLocked, VocabularyError, IndexDamaged) as error:  # damaged: only --full rebuilds it
        raise Failure(str(error)) from None
    except IgnoreFileUnreadable as error:  # what it leaves out is unknown: nothing was read or changed
        raise Failure(f"{error.message(_left_behind(index_dir))}.") from None
    except NewerIndex as error:  # rebuilding it would undo the upgrade: nothing was changed
        raise Failure(f"{error}.") from None
    except RunRefused as error:  # it would remove documents it was not asked about: nothing was changed
        # absolute, as the folders it names (the remembered ones are known so only)
        raise Failure(error.message(f" --index-dir {shlex.quote(os.path.abspath(given))}" if given else "",
                                    named_in="REFERATSOG_CORPUS" if from_variable else "kommandoen")) from None
    except IndexWriteFailed as error:  # a helper process failed (disk full), or the folder holds other files
        advice = write_advice(error)
        raise Failure(f"{str(error).rstrip('.')} – {_left_behind(index_dir)}; {advice}." if advice else str(error)) from None
    except OSError as error:  # of the index folder itself (disk full, no write access): files are skipped, not this
        from indexer.extract import index_write_error

        advice = write_advice(error)
        raise Failure(f"{index_write_error(error, index_dir)} – {_left_behind(index_dir)}"
                      f"{'; ' + advice if advice else ''}.") from None
    except KeyboardInterrupt:  # Ctrl+C, or SIGTERM (turned into one by update_index)
        interrupted = Failure(f"afbrudt – {_left_behind(index_dir)}.")
        interrupted.exit_code = 130  # 128 + SIGINT: what shells and schedulers read as "interrupted"
        raise interrupted from None
    click.echo(format_summary(report, index_dir, verbose=verbose and not quiet, quiet=quiet))
    if report.internal_errors:  # a fault of ours, not the files': a script must notice, --strict or not
        count = len(report.internal_errors)
        click.echo(f"Afslutter med kode 1: {count} {'fil' if count == 1 else 'filer'} sprunget over på grund af "
                   "en fejl i Referatsøg (se ovenfor) – meld fejlen.", err=True)
        sys.exit(report.exit_status(strict))
    if strict and report.seen == 0:  # nothing to index is no success for a job that expects files
        click.echo("Afslutter med kode 1 (--strict): der er ingen filer at indeksere.")
        sys.exit(1)
    if strict and report.warnings and not report.skipped:
        click.echo("Afslutter med kode 1 (--strict): indekset er opdateret, men noget ved siden af det "
                   "kunne ikke gemmes (se advarslerne).")
        sys.exit(1)
    if strict and report.skipped:  # the exit code alone reads as a refusal, which changes nothing
        count = len(report.skipped)
        state = "indekset er opdateret" if report.committed else "indekset var i forvejen ajour"
        click.echo(f"Afslutter med kode 1 (--strict): {count} {'fil' if count == 1 else 'filer'} "
                   f"sprunget over; {state}.")
        sys.exit(1)


def _as_part_of_folders(paths: tuple[Path, ...], index_dir: Path, quiet: bool) -> tuple[Path, ...]:
    """`paths` with each one that lies inside a folder the index was last built from replaced by
    that folder, said in a line: `referatsog index /srv/referater/bom.txt` re-reads the file as
    part of its folder and keeps the folder's other documents, instead of being refused (its
    remedy remembered the file as a folder of its own: a later run failed once it was gone)."""
    from indexer.update import outermost, part_of
    from search.index_folder import remembered_folders

    folders = outermost([Path(folder) for folder in remembered_folders(index_dir)])
    # a path that does not exist (a typo) stays, to be named as missing, not passed over in a run of its folder
    there = [path for path in paths if os.path.exists(path)]  # os.path: False, not a raise, without access
    inside = part_of(there, [folder for folder in folders if os.path.isdir(folder)])
    for path, folder in inside.items():
        if not quiet:
            click.echo(f"{printable(str(path))} ligger i {printable(str(folder))}, som indekset er bygget af, og "
                       "læses som en del af mappen (kun ændrede filer læses igen).")
    if inside and len(inside) == len(paths):
        # Every path lies in a folder the index was built from: the run is the plain one over all of
        # them, as `referatsog index` alone; with one folder of two, the other folder's documents were
        # to be removed and the run refused, right after the line promising the read (code review 33).
        return tuple(folders)
    return tuple(outermost([inside.get(path, path) for path in paths]))


def _extract_root(file: Path, corpus_dir: Path | None, index_dir: Path | None = None) -> Path:
    """The folder `extract` names `file` from, as `index` names it: its source path and the
    passages' ids are the index's only so (a file in a subfolder, `a/referat.txt`, was
    `referat.txt`: an id no /api/passage knows, and the same for `b/referat.txt`). Without
    `corpus_dir`: $REFERATSOG_CORPUS, else the folder the index in `index_dir` (default: the
    default index) was last built from, when `file` lies in it."""
    from indexer.settings import resolve_corpus

    if corpus_dir is not None:
        root = corpus_dir.resolve()
        if not file.is_relative_to(root):
            raise click.BadParameter(f"filen {printable(str(file))} ligger ikke i mappen {printable(str(corpus_dir))}.",
                                     param_hint="'--corpus'")
        return root
    root = resolve_corpus(os.environ.get("REFERATSOG_CORPUS") or None, index_dir or default_index_dir()).resolve()
    return root if file.is_relative_to(root) else file.parent


@main.command(short_help="Vis, hvordan én fil deles i passager, uden at indeksere den.", examples=(
    ("Se punkterne i et referat, som indekset deler det:",
     "referatsog extract seeds/naestved-integrationsraadet-referat-2015-05-21.txt"),
    ("En PDF i mappen, du står i, som én JSON-linje pr. passage:",
     "referatsog extract referat.pdf --json"),
))
@argument("file", type=DanishPath(exists=True, dir_okay=False, path_type=Path))
@option("--json", "as_json", is_flag=True, help="Én JSON-linje pr. passage.")
@option("--corpus", "corpus_dir", type=DanishPath(exists=True, file_okay=False, path_type=Path), default=None,
        help="Dokumentmappen, som filens kildesti og id'er regnes fra, som ved indeksering (standard: "
             "$REFERATSOG_CORPUS eller den mappe, indekset sidst blev bygget af, når filen ligger i den; "
             "ellers filens egen mappe).")
@_index_dir_option
def extract(file: Path, as_json: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Vis hvordan én fil deles i passager, uden at indeksere den.

    Kildestien og id'erne regnes som ved indeksering: fra --corpus, ellers $REFERATSOG_CORPUS,
    ellers den mappe, indekset (--index-dir) sidst blev bygget af – så id'erne er dem, indekset har.

    Afslutningskoder: 0 når filen blev læst; 1 når den ikke kan læses; 2 når et argument ikke
    kan bruges (filen findes ikke, et ukendt tilvalg)."""
    from indexer.extract import ExtractError, is_candidate, unsupported_reason
    from indexer.pipeline import read_document
    from indexer.settings import topics_file
    from indexer.topics import VocabularyError, checked_tagger

    try:
        checked_tagger(topics_file())
    except VocabularyError as error:
        raise Failure(str(error)) from None
    try:
        document = read_document(file.resolve(), _extract_root(file.resolve(), corpus_dir, index_dir))
    except ExtractError as error:
        raise Failure(f"{printable(str(file))}: {error.reason}") from None
    for note in document.notices:  # to stderr: --json's lines stay JSON
        click.echo(f"Bemærkning: {printable(document.source)}: {printable(note)}", err=True)
    if not is_candidate(file):
        # `extract` reads any file it is given; `index` picks files from a folder by name first.
        # Said here, so what extract shows is not taken for what indexing a folder does.
        click.echo(f"Bemærkning: {printable(document.source)}: referatsog index springer filen over i en mappe: "
                   f"{unsupported_reason(file)}", err=True)
    if as_json:
        for passage in document.passages:
            click.echo(_json_text(passage.to_json()))
        return
    meta = " · ".join(str(v) for v in (document.doc_type, document.municipality, document.council,
                                       danish_date(document.meeting_date) or document.year) if v)
    count = len(document.passages)
    click.echo(f"{printable(document.source)}: {_one_line(meta)} · {count} {'passage' if count == 1 else 'passager'}")
    if document.meeting_note:  # a correction or the meeting's kind, printed above its first item
        click.echo("Bemærkning til mødet: " + _one_line(document.meeting_note))
    for passage in document.passages:
        number = f"{passage.heading_number} " if passage.item_number is not None else ""
        where = _passage_where(passage)
        click.echo(f"  {number}{_first_line(passage.title, TITLE_WIDTH)}  ({where})")
        # Each part named, as `search` names them: a bare number or name is a riddle.
        numbers = {s.key: s.text for s in passage.sections if s.key in ("journalnummer", "dokumentnummer")}
        details = ["lukket punkt" if passage.closed else None,  # the meeting's closed part (`Passage.closed`)
                   f"sagsnr. {passage.case_number}" if passage.case_number else None,
                   f"j.nr. {numbers['journalnummer']}" if "journalnummer" in numbers else None,
                   f"dok.nr. {numbers['dokumentnummer']}" if "dokumentnummer" in numbers else None,
                   f"sagsbehandler {passage.case_handler}" if passage.case_handler else None,
                   f"emner: {', '.join(passage.topics)}" if passage.topics else None]
        if any(details):  # a note without any (LÆSMIG.txt) gets no blank line
            click.echo("     " + _one_line(" · ".join(d for d in details if d)))
        if passage.decision:
            click.echo(f"     {decision_label(passage.outcome)}: " + _first_line(passage.decision, 100))


@main.command(cls=_QueryCommand, short_help="Søg i indekset (ord, \"fraser\", OR, -ord og felt:værdi).", examples=(
    ("En frase i Næstveds referater:",
     'referatsog search "negativ social kontrol" --municipality Næstved'),
    ("Kun i beslutningerne, nyeste møder først:",
     "referatsog search flygtninge --decisions-only --sort nyeste"),
    ("Alle resultater som CSV til Excel:",
     "referatsog search flygtninge --csv > flygtninge.csv"),
))
@argument("query", nargs=-1)
@option("--municipality", multiple=True, help=_FACET_OPTIONS["municipality"])
@option("--council", multiple=True, help=_FACET_OPTIONS["council"])
@option("--year", multiple=True, help=_FACET_OPTIONS["year"])
@option("--case-handler", "case_handler", multiple=True, help=_FACET_OPTIONS["case_handler"])
@option("--topic", multiple=True, help=_FACET_OPTIONS["topic"])
@option("--doc-type", "doc_type", multiple=True, help=_FACET_OPTIONS["doc_type"])
@option("--outcome", multiple=True, help=_FACET_OPTIONS["outcome"])
@option("--from", "date_from", default="", metavar="DATO",
         help="Kun møder fra denne dato (21.05.2015, 2015-05-21, en måned som maj 2015 eller et årstal); "
              "årsberetninger, hvis året overlapper.")
@option("--to", "date_to", default="", metavar="DATO", help="Kun møder til og med denne dato (eller måned eller år).")
@option("--decisions-only", is_flag=True, help="Søg kun i beslutningsteksten.")
@option("--sort", type=click.Choice(["relevance", "newest", "oldest", "added", "relevans", "nyeste", "ældste", "aeldste",
                                    "tilføjet", "tilfoejet"],
                                   case_sensitive=False),
         default="relevance", show_default=True, callback=lambda ctx, param, value: _sort_of(value),
         metavar="RÆKKEFØLGE",  # the choices, Danish words too, are in the help: as a metavar, one 92-character line
         help="Rækkefølge: relevance/relevans, newest/nyeste (nyeste møder først), oldest/ældste (ældste først) "
              "eller added/tilføjet (senest tilføjet til søgeindekset først).")
@option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Antal resultater pr. side.")
@option("--page", type=click.IntRange(1, 100_000), default=1, show_default=True,
         help="Hvilken side af resultaterne (med --limit resultater pr. side).")
@option("--json", "as_json", is_flag=True, help="Svar som JSON (samme form som /api/search).")
@option("--csv", "as_csv", is_flag=True,
        help="Svar som CSV (samme kolonner som /api/search.csv): alle resultater, højst 5.000, eller kun "
             "den side, --limit og --page angiver.")
@_index_dir_option
def search(query: tuple[str, ...], as_json: bool, as_csv: bool, index_dir: Path | None, decisions_only: bool, sort: str,
           limit: int, page: int, date_from: str, date_to: str, **facets: tuple[str, ...]) -> None:
    """Søg i indekset. Ord kombineres med OG; brug "fraser", OR, -ord og felt:værdi.

    Søgningen kan skrives som ét argument i anførselstegn eller som flere ord; et ord, der
    begynder med -, udelukkes (referatsog search flygtninge -bolig). Filtrene kan gentages;
    flere værdier af ét filter kombineres med ELLER (--year 2015 --year 2019), forskellige
    filtre med OG.

    Afslutningskoder: 0 når søgningen lykkedes, også uden resultater (et script læser total
    i --json); 1 når der intet indeks er, eller --page er efter sidste side; 2 ved en ugyldig
    værdi eller et ukendt tilvalg."""
    from search import IndexMissing, InvalidParameter, SearchRequest, open_index

    if as_csv and as_json:
        raise BadArgument("--csv og --json kan ikke bruges sammen – vælg ét af dem.")
    params = {"q": [" ".join(query)], "sort": [sort], "page": [str(page)], "page_size": [str(limit)],
              "decisions_only": ["1" if decisions_only else "0"], "from": [date_from], "to": [date_to]}
    params.update({name: list(values) for name, values in facets.items()})
    _refuse_unusable_index_dir(index_dir or default_index_dir(), index_dir)  # else "no index", though there is one
    try:
        from search import parse_request

        request: SearchRequest = parse_request(params)
        index = open_index(index_dir or default_index_dir())
        response = index.search(request)
    except IndexMissing as error:
        from search import IndexDamaged, index_outdated

        if isinstance(error, IndexDamaged):
            raise Failure(str(error)) from None
        where = index_dir or default_index_dir()
        # the command to copy builds this folder: without --index-dir it would build the default one
        # and names a folder when one is given: without one it would index the sample corpus (seeds/)
        # into the administrator's index, unless $REFERATSOG_CORPUS names the folder
        folder = " MAPPE" if index_dir and not os.environ.get("REFERATSOG_CORPUS") else ""
        build = "referatsog index" + folder + (f" --index-dir {shlex.quote(str(index_dir))}" if index_dir else "")
        # there is one, written by another version: say so, not "none" (a first build that was
        # stopped leaves an empty one of this version: that is none)
        if index_outdated(where):
            raise Failure(f"indekset i {printable(str(where))} er bygget af en anden version af Referatsøg – byg det "
                          f"igen: {printable(build)}") from None
        raise Failure(f"intet indeks i {printable(str(where))} – kør først: {printable(build)}") from None
    except InvalidParameter as error:
        from search.api import FACET_LABELS

        name = _PARAMETERS.get(error.parameter, f"--{error.parameter.replace('_', '-')}")
        if error.message.casefold().startswith(name.casefold()):  # "Søgningen er for lang …" names itself
            raise BadArgument(error.message) from None
        label = f"{FACET_LABELS.get(error.parameter)}: "  # "År: højst 20 …" names the web's filter: here the option does
        message = error.message[len(label):] if error.message.startswith(label) else error.message
        raise BadArgument(f"{name}: {message}") from None
    from indexer.update import data_folder_mismatch

    if mismatch := data_folder_mismatch(index.build_stamp):  # on stderr: --json stays JSON
        click.echo(f"Advarsel: {mismatch}.", err=True)
    if as_csv:
        _print_csv(index, request, response)
    elif as_json:
        from webui.links import with_hit_links  # the API's hits carry the same links

        click.echo(_json_text(with_hit_links(response.to_json()), indent=2))
    else:
        _print_response(response)
    if response.past_last_page:  # the API answers 404: a script paging on must see it too
        raise Failure(f"--page: {response.past_last_message}")


def _print_csv(index: Any, request: Any, response: Any) -> None:
    """`search --csv`: the rows `/api/search.csv` gives, every hit up to its cap; with --limit or
    --page given, the hits of that page alone. To a file or pipe the download's bytes (a BOM
    first, so Excel reads æøå); on a terminal plain text without the BOM, an invisible character there."""
    from click.core import ParameterSource

    from webui.config import base_url
    from webui.exports import (BOM, CSV_MAX_ROWS, all_hits, csv_text, full_decisions, newer_versions, site_link,
                               spelt_otherwise)

    try:  # the links as the site writes them, on its public address when one is set
        root = base_url(os.environ.get("REFERATSOG_BASE_URL", ""))
    except ValueError as error:
        raise Failure(f"REFERATSOG_BASE_URL {error}.") from None
    ctx = click.get_current_context()
    paged = any(ctx.get_parameter_source(name) is not ParameterSource.DEFAULT for name in ("limit", "page"))
    if paged:  # that page's rows, as the download's: none for a close spelling only
        hits = [hit for hit in response.hits if not spelt_otherwise(hit, response)]
        total = response.total - (len(response.hits) - len(hits))
    else:
        hits, total = all_hits(index, request)
    text = csv_text(hits, full_decisions(index, hits), site_link(root), newer_versions(index, hits))
    if response.approximate:  # the page labels them so: a row count is not one of the word asked for
        click.echo(_style("Advarsel: ingen eksakte træf – CSV'en har omtrentlige resultater.", fg="yellow"), err=True)
    if not paged and total > len(hits):  # on stderr: the CSV stays a CSV
        click.echo(f"Advarsel: CSV'en har de første {danish_number(len(hits))} af {danish_number(total)} resultater "
                   f"(højst {danish_number(CSV_MAX_ROWS)} i én fil).", err=True)
    if _is_terminal():
        click.echo(text, nl=False)
    else:
        click.echo((BOM + text).encode("utf-8"), nl=False)  # UTF-8 whatever the locale: a CSV file's bytes


def _is_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


@main.command(short_help="Start websøgningen (bygger først indekset, hvis det mangler).", examples=(
    ("Websøgningen på http://127.0.0.1:5000 af de mapper, indekset sidst blev bygget af:",
     "referatsog serve"),
    ("På en anden port, med kildefilerne vist fra kommunens referatmappe:",
     "referatsog serve --port 8080 --corpus /srv/referater"),
    ("Bag nginx på samme maskine:",
     "referatsog serve --trusted-proxies 1 --corpus /srv/referater"),
))
@option("--host", default="127.0.0.1", show_default=True, help="Adresse at lytte på.")
@option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True, help="Port at lytte på.")
@_index_dir_option
@option("--corpus", type=DanishPath(file_okay=False, path_type=Path), default=None,
         help="Mappe med dokumenterne, som kildefilerne vises fra (standard: $REFERATSOG_CORPUS, ellers den mappe, "
              "indekset sidst blev bygget af, ellers ./seeds eller de medfølgende seeds/); indekseres først, "
              "hvis der intet indeks er.")
@option("--trusted-proxies", type=click.IntRange(0, 10), default=None, metavar="N",
         help="Antal proxyer foran (fx nginx), hvis X-Forwarded-*-headere skal bruges "
              "(standard: $REFERATSOG_TRUSTED_PROXIES eller 0).")
def serve(host: str, port: int, index_dir: Path | None, corpus: Path | None, trusted_proxies: int | None) -> None:
    """Start websøgningen (bygger indekset af kildemappen først, hvis det mangler).

    Afslutningskoder: 0 når siden stoppes (Ctrl+C eller SIGTERM); 1 når den ikke kan startes
    (fx porten er optaget); 2 når et argument ikke kan bruges (et ukendt tilvalg, --port 0)."""
    from indexer.progress import make_progress
    from webui.serve import serve as run_server
    from webui.serve_error import ServeError

    progress = make_progress()
    try:
        run_server(host=host, port=port, index_dir=index_dir, corpus_dir=corpus, progress=progress,
                   trusted_proxies=trusted_proxies)  # None: from the variables, which serve names when wrong
    except ServeError as error:
        raise Failure(str(error)) from None
    finally:  # a first build that fails or is stopped: its «Fejl:» line not glued to the bar
        progress.close()


@main.command(name="eval", short_help="Mål søgekvaliteten (nDCG@10, MRR, recall@10) på testsættet.", examples=(
    ("Mål søgekvaliteten (fra en kopi af kildekoden):", "referatsog eval"),
    ("Med de ti første resultater og deres karakter for hver søgning:", "referatsog eval --details"),
))
@option("--details", is_flag=True, help="Vis de ti første resultater for hver søgning med deres karakter.")
@option("--json", "as_json", is_flag=True, help="Svar som JSON (pr. type og pr. søgning).")
@option("--record-floors", is_flag=True, help="Gem de målte tal (minus 0,02) som nye gulve for testen.")
def evaluate(details: bool, as_json: bool, record_floors: bool) -> None:
    """Mål søgekvaliteten på det bedømte testsæt: nDCG@10, MRR og recall@10 pr. type (bench/relevance/).

    Afslutningskoder: 0 når målingen lykkedes; 1 når en type er under sit gulv; 2 når et
    argument ikke kan bruges (et ukendt tilvalg)."""
    from search.relevance import command

    failures = command(details=details, as_json=as_json, record_floors=record_floors, echo=click.echo)
    for line in failures:
        click.echo(f"Under gulvet: {line}", err=True)
    if failures:
        sys.exit(1)


# --- Output ------------------------------------------------------------------------------


def _left_behind(index_dir: Path) -> str:
    """What a failed or interrupted run leaves: the previous index, or (a first build) none."""
    from search import open_index
    from search.api import IndexMissing

    try:
        open_index(index_dir)
    except IndexMissing:
        return "der er stadig intet indeks"
    return "det tidligere indeks er uændret"


def _refuse_forgotten_folders(index_dir: Path) -> None:
    """Stop a run that names no folder when the index cannot tell which it was built from:
    the default (`seeds/`) would replace its documents."""
    from search.index_folder import VERSION_FILE, folders_forgotten

    if folders_forgotten(index_dir):
        shown = printable(str(index_dir))
        raise Failure(f"indekset i {shown} husker ikke, hvilke mapper det er bygget af ({VERSION_FILE} mangler "
                      f"eller er beskadiget, og indekset selv nævner dem ikke) – angiv dem: "
                      f"«referatsog index MAPPE … --full --index-dir {shown}».")


def _refuse_missing_default_corpus() -> None:
    """`referatsog index` without paths reads the default corpus: one line when it is missing,
    naming REFERATSOG_CORPUS when that chose it (a bare path would not say where it came from)."""
    corpus = default_corpus()
    try:
        if not corpus.is_dir() and corpus.exists() and from_environment("REFERATSOG_CORPUS", None):
            # a file: its advice would index the seeds beside it and move every address up a level
            raise Failure(f"REFERATSOG_CORPUS: {printable(str(corpus))} er en fil, ikke en mappe – ret variablen "
                          "til dokumentmappen, eller angiv mappen: referatsog index MAPPE.")
        corpus.stat()
    except FileNotFoundError:
        if from_environment("REFERATSOG_CORPUS", None):
            raise Failure(f"REFERATSOG_CORPUS: dokumentmappen {printable(str(corpus))} findes ikke – ret variablen, "
                          "eller angiv mappen: referatsog index MAPPE.") from None
        raise Failure(f"ingen mappe angivet, og standardmappen {printable(str(corpus))} findes ikke – angiv mappen: "
                      "referatsog index MAPPE (eller sæt REFERATSOG_CORPUS).") from None
    except OSError:
        pass  # said by _refuse_missing, as for a path given


def _refuse_unusable_index_dir(index_dir: Path, given: Path | None) -> None:
    """One line when `index_dir` is a file or out of this user's reach, naming REFERATSOG_INDEX
    when that chose it: else it reads as "no index" or as a failure to write."""
    problem = index_dir_problem(index_dir)
    if problem:
        raise Failure(f"{'REFERATSOG_INDEX: ' if from_environment('REFERATSOG_INDEX', given) else ''}{problem}.")


def _refuse_emptying(targets: list[Path], index_dir: Path) -> None:
    """Refuse a run that would remove every document because every folder given is empty: a
    network share or disk that is not mounted leaves its mount point so, and the site would
    answer nothing until the next run. `--full` empties the index when that is what is meant."""
    from search import open_index
    from search.api import IndexMissing

    try:
        if not all(target.is_dir() for target in targets):
            return
        if any(not name.startswith(".") for target in targets for name in os.listdir(target)):
            return
    except OSError:
        return  # said where the run reads the folder
    try:
        index = open_index(index_dir)
    except IndexMissing:
        return
    try:
        documents = index.stats()["documents"]
    finally:
        index.close()
    if documents:
        folders = ", ".join(printable(str(target)) for target in targets)
        raise Failure(f"{folders} er tom, men indekset har {documents} dokumenter – er drevet monteret? "
                      "Indekset er uændret; skal det tømmes, så kør med --full.")


def _refuse_missing(paths: list[Path], remembered: bool = False) -> None:
    """One line naming every path that does not exist or lies behind a folder without access;
    `remembered`: the paths are those the index was last built from (no path was given)."""
    from indexer.extract import link_reason

    missing, closed, unreadable, links = [], [], [], []
    for path in paths:
        try:
            path.stat()
        except PermissionError:
            closed.append(printable(str(path)))
            continue
        except (OSError, ValueError):
            link = link_reason(path)
            (links if link else missing).append(f"{printable(str(path))} ({link})" if link else printable(str(path)))
            continue
        if path.is_dir():
            try:  # a named folder whose files cannot be listed: the whole run's input, not one skipped file
                with os.scandir(path):
                    pass
            except PermissionError:
                unreadable.append(printable(str(path)))
    reasons = ([f"mappen eller filen findes ikke: {', '.join(missing)}"] if missing else []) + (
        [f"ingen adgang (en af mapperne på vejen er lukket): {', '.join(closed)}"] if closed else []) + (
        [f"mappen kan ikke læses (ingen adgang): {', '.join(unreadable)}"] if unreadable else []) + (
        [f"kan ikke følges: {', '.join(links)}"] if links else [])
    if reasons and remembered:
        raise Failure(f"ingen mappe angivet, og mapperne, indekset sidst blev bygget af, kan ikke bruges "
                      f"({'; '.join(reasons)}) – angiv mapperne: referatsog index MAPPE …")
    if reasons:
        raise Failure("; ".join(reasons))


def _widening_line(widening, request) -> str:
    """What a search finds without one of its filters, named as the option is typed (the web page's
    «Fjern filteret kommune: Næstved – giver 4 resultater»): «Uden --municipality Næstved: 4 resultater.»"""
    parameter = widening.parameter
    if parameter == "decisions_only":
        without = "--decisions-only"
    elif parameter in ("from", "to"):
        without = f"--{parameter} {_shell_word(request.date_from if parameter == 'from' else request.date_to)}"
    else:
        values = tuple(request.filters.get(parameter, ()))
        name = f"--{parameter.replace('_', '-')}"
        without = f"{name} {_shell_word(values[0])}" if len(values) == 1 else f"{name} (alle værdier)"
    label = "resultat" if widening.total == 1 else "resultater"
    return f"Uden {printable(without)}: {widening.total} {label}."


def _shell_word(value: str) -> str:
    """`value` as typed after an option: bare where the shell reads it as one word («Næstved»), else quoted."""
    return value if re.fullmatch(r"[\w@%+=:,./-]+", value) else shlex.quote(value)


def _print_response(response) -> None:
    request = response.request
    first, last = (request.page - 1) * request.page_size + 1, (request.page - 1) * request.page_size + len(response.hits)
    shown = f"{first}" if first == last else f"{first}–{last}"  # as the web page: «viser 1», «viser 1–10»
    label = "resultat" if response.total == 1 else "resultater"
    about = f" for «{request.query}»" if request.query else ""  # the quotes of every other message
    if response.notice:
        click.echo(_style(response.notice, fg="yellow"))
    if response.approximate:
        click.echo(_style("Ingen eksakte træf – viser omtrentlige resultater.", fg="yellow"))
    click.echo(f"{response.total} {label}{about}" + (f" (viser {shown})" if response.hits else ""))
    for widening in response.widenings:  # a search that found nothing with filters on
        click.echo(_widening_line(widening, request))
    if response.suggestion:
        click.echo(f"Mente du: {response.suggestion}?")
    for rank, hit in enumerate(response.hits, (request.page - 1) * request.page_size + 1):
        click.echo()
        click.echo(_style(f"{rank}. {_first_line(hit.title, TITLE_WIDTH)}", bold=True))
        # The document's type first, as on the web page: an agenda's «…indstiller, at taksterne
        # godkendes» read as a decision without it (a journalist review).
        kind = _DOC_TYPES.get(hit.doc_type, hit.doc_type)
        meta = [f"Tillægs{kind[0].lower()}{kind[1:]}" if hit.supplement and hit.doc_type in ("dagsorden", "referat") else kind,
                hit.municipality, hit.council,
                danish_date(hit.meeting_date) or hit.period or (str(hit.year) if hit.year else None), hit.item_reference,
                "lukket punkt" if hit.closed else None]  # the meeting's closed part: its minutes print little of it
        if any(meta):  # a note in the folder (LÆSMIG.txt) has none: no blank line
            click.echo("   " + _one_line(" · ".join(m for m in meta if m)))
        # The case on a line of its own, each part named: a case number or a name alone is a riddle.
        case = [f"sagsnr. {hit.case_number}" if hit.case_number else None,
                f"sagsbehandler {hit.case_handler}" if hit.case_handler else None]
        if any(case):
            click.echo("   " + _one_line(" · ".join(c for c in case if c)))
        snippet = _terminal_snippet(hit.snippet)
        # labelled «uddrag» when shown in part, by the rule the web page and the feed label it by
        if hit.snippet_from == "decision":  # cut from the decision: shown once, as the decision
            click.echo(f"   {decision_label(hit.outcome, shown_in_part(snippet))}: " + snippet)
        else:
            if snippet.strip() and hit.snippet_from == "decision_record":  # a dissent's words: under its own label
                click.echo(f"   {hit.snippet_label or 'Protokoltilførsel'} (uddrag): " + snippet)
            elif snippet.strip():
                click.echo("   " + snippet)
            if hit.decision:  # its words marked, as on the web page: a hit found by its decision alone shows why
                line = _marked_line(hit.decision_html, 160) if hit.decision_html else _first_line(hit.decision, 160)
                click.echo(f"   {decision_label(hit.outcome, shown_in_part(line))}: " + line)
        if hit.missing:  # a most-words hit: which of the words it lacks, so it is not read as having them all
            click.echo("   Mangler: " + _one_line(", ".join(f"«{word}»" for word in hit.missing)))
        if hit.superseded_by:  # corrected minutes indexed later: a terminal user quoted the old figure (a case review)
            click.echo(_style(f"   En senere indekseret version af punktet, med en anden tekst: {printable(hit.superseded_by)}",
                              fg="yellow"))
        # a web page's lines are those of its text as read, not of the file: no line to look up there
        where = "" if is_web_page(hit.source) and not hit.page else f", {_hit_where(hit)}"
        click.echo(_style(f"   {printable(hit.source)}{where} · {printable(hit.id)}", dim=True))


_DOC_TYPES = {"referat": "Referat", "dagsorden": "Dagsorden (før mødet, uden beslutning)", "årsberetning": "Årsberetning"}


def _where(page: int | None, line: int, decision_page: int | None, decision_end_page: int | None = None,
           pdf_pages: bool = False, bracketed: bool = False) -> str:
    """Where an item starts in its source, and the pages of its decision when they are another or
    run over a page break: what a reporter quotes is often pages on (the web page's "side 4
    (beslutningen side 6)", the citation's "s. 6, beslutningen s. 6–7").
    `pdf_pages`: the document prints other page numbers than the PDF's own, so the pages are
    named "PDF-side", as the citation names them ("s. 2; PDF-side 3"), not as its printed "s.".
    `bracketed`: for use inside brackets ("side 4, beslutningen side 6").

    >>> _where(4, 1, 6), _where(6, 1, 6, 7, bracketed=True), _where(9, 1, 9, 9), _where(None, 12, None)
    ('side 4 (beslutningen side 6)', 'side 6, beslutningen side 6–7', 'side 9', 'linje 12')
    >>> _where(3, 1, 3, 4, pdf_pages=True), _where(3, 1, 3, pdf_pages=True)
    ('PDF-side 3 (beslutningen PDF-side 3–4)', 'PDF-side 3')
    """
    if not page:
        return f"linje {line}"
    unit = "PDF-side" if pdf_pages else "side"
    end = max(decision_end_page or decision_page or 0, decision_page or 0)
    if not decision_page or (decision_page == page and end == page):
        return f"{unit} {page}"
    decided = f"{decision_page}" if end == decision_page else f"{decision_page}–{end}"
    if bracketed:
        return f"{unit} {page}, beslutningen {unit} {decided}"
    return f"{unit} {page} (beslutningen {unit} {decided})"


def is_web_page(source: str) -> bool:
    """Whether a source is a web page, whose passages' `line` counts lines of the text read from it.

    >>> is_web_page("html5/09-iframe-srcdoc.html"), is_web_page("referat.HTM"), is_web_page("referat.txt")
    (True, True, False)
    """
    return source.lower().endswith((".html", ".htm", ".xhtml"))


def _hit_where(hit) -> str:
    """`_where` for a search hit: "PDF-side" where its citation names them so (`prints_other_pages`)."""
    return _where(hit.page, hit.line, hit.decision_page, hit.decision_end_page, hit.prints_other_pages)


def _passage_where(passage) -> str:
    """`_where` for `extract`: "PDF-side" where a page of the passage prints another number."""
    return _where(passage.page, passage.line, passage.decision_page, passage.decision_end_page,
                  passage.prints_other_pages, bracketed=True)


def _colour() -> bool:
    """Bold, dim and colours on stdout: only on a terminal, and not when NO_COLOR is set
    (https://no-color.org) or TERM=dumb (a terminal that shows escape codes as text)."""
    try:
        terminal = sys.stdout is not None and sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False
    return terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _style(text: str, **styles: Any) -> str:
    """`text` in `styles` (click.style) where `_colour` allows, else as it is."""
    return click.style(text, **styles) if _colour() else text


def _json_text(value: Any, **options: Any) -> str:
    """`value` as JSON: æ, ø, å as they are, or as \\uXXXX where stdout cannot take every character
    (a Latin-1 terminal), so the JSON stays whole and valid there too."""
    return json.dumps(value, ensure_ascii=not output_is_utf8(), **options)


def _terminal_snippet(snippet: str) -> str:
    """The HTML snippet as terminal text: matches in bold on a terminal with colours (`_colour`),
    [brackets] otherwise."""
    color = _colour()
    marked = re.sub(
        r"<mark>(.*?)</mark>",
        lambda m: click.style(m.group(1), bold=True) if color else f"[{m.group(1)}]",
        snippet,
        flags=re.S,
    )
    return html.unescape(re.sub(r"<[^>]+>", "", marked)).replace("\n", " ")


def _marked_line(marked: str, width: int) -> str:
    """An HTML line with matches in `<mark>` (`Hit.decision_html`) as `_first_line` cuts it, its
    matches marked as `_terminal_snippet` marks them; a match the cut splits is left unmarked.

    >>> _marked_line("Jens Vang blev valgt som <mark>ordstyrer</mark> &amp; <mark>referent</mark>.", 40)
    'Jens Vang blev valgt som [ordstyrer] &…'

    A first match beyond the line's width is shown: the line starts a little before it, after «…»
    (a code review: neither the snippet nor the decision line showed the word searched for).

    >>> _marked_line("Polsk-dansk forening: Formanden fortalte om foreningens år og om modtagelsen af "
    ...              "nye <mark>flygtninge</mark> i kommunen.", 40)
    '…modtagelsen af nye [flygtninge] i…'
    """
    # private-use characters stand for the marks while the text is cut: neither a document's text
    # nor `printable` has them
    text = _one_line(html.unescape(re.sub(r"<(?!/?mark>)[^>]+>", "", marked)
                                   .replace("<mark>", "\ue000").replace("</mark>", "\ue001")))
    first = text.find("\ue000")
    if first > width * 2 // 3:  # the first match would be cut off or at the edge: start some words before it
        start = text.find(" ", max(0, first - 20))
        start = first if start == -1 or start >= first else start + 1
        text = "…" + text[start:]
    line = _first_line(text, width)
    return _terminal_snippet(re.sub("\ue000([^\ue001]*)\ue001", r"<mark>\1</mark>", html.escape(line, quote=False))
                             .replace("\ue000", ""))


def _one_line(text: str) -> str:
    """`text` on one line: runs of white space as one space, other control characters escaped."""
    return printable(" ".join(text.split()))


def _first_line(text: str, width: int) -> str:
    """`text` on one line of at most `width` characters, cut as titles are cut everywhere, the
    ellipsis in place of a closing period as the snippet has it («indtil videre.…» read as a typo),
    not of an abbreviation's («ca.…»: `without_closing_stop`).

    >>> _first_line("Dusan deltager i andre foreningsstande indtil videre. Dusan aftaler afhentning.", 60)
    'Dusan deltager i andre foreningsstande indtil videre…'
    >>> _first_line("Prisen er ca. 2.500 kr. og dækkes af kassen, jf. vedtægterne.", 25)
    'Prisen er ca. 2.500 kr.…'
    """
    line = shorten_title(_one_line(text), width)
    return without_closing_stop(line[:-1]) + "…" if line.endswith("…") and line != _one_line(text) else line
