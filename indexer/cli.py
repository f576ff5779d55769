"""`referatsog`: index, extract, search and serve from a terminal.

A thin click layer: it parses options, calls the pipeline, the updater, the search API or
the web server, and turns their errors into one Danish line and an exit code. No stage
logic lives here.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from indexer.settings import SETTINGS, default_corpus, default_index_dir

_FACET_OPTIONS = {
    "municipality": "Kommune, f.eks. Næstved",
    "council": "Råd eller udvalg, f.eks. Integrationsrådet",
    "year": "Årstal, f.eks. 2019",
    "case_handler": "Sagsbehandler",
    "topic": "Emne, f.eks. flygtninge",
    "doc_type": "Dokumenttype: referat, dagsorden eller årsberetning",
}
_ENV_HELP = "\n".join(f"  {s.env}  {s.help}" for s in SETTINGS)


def _index_dir_option(function):
    return click.option(
        "--index-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Indeksmappe (standard: $REFERATSOG_INDEX eller ~/.local/share/referatsog/index).",
    )(function)


class Failure(click.ClickException):
    """A command's one-line error, shown as "Fejl: ..." (click's own prefix is English)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True, file=file)


# --- click in Danish: help headings, the help option, usage errors ---------------------------

_SECTIONS = {"Options": "Tilvalg", "Commands": "Kommandoer", "Arguments": "Argumenter"}
# click's usage errors a user meets, as click 8 words them; any other message stays as it is.
_USAGE_ERRORS = [
    (re.compile(r"No such option:? '?([^'.]+)'?\.?(?: Did you mean '?([^'?]+)'?\?)?$"),
     lambda m: f"Ukendt tilvalg '{m[1]}'." + (f" Mente du '{m[2]}'?" if m[2] else "")),
    (re.compile(r"No such command '?([^'.]+)'?\.(?: \(Did you mean(?: one of:)? (.*)\?\))?$"),
     lambda m: f"Ukendt kommando '{m[1]}'." + (f" Mente du {m[2].replace(', ', ' eller ')}?" if m[2] else "")),
    (re.compile(r"Missing argument '?([^'.]+)'?\.$"), lambda m: f"Argumentet '{m[1]}' mangler."),
    (re.compile(r"Option '?([^']+)'? requires an argument\.$"), lambda m: f"Tilvalget '{m[1]}' kræver en værdi."),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)$"), lambda m: f"Uventet argument: {m[1]}."),
    (re.compile(r"Invalid value for '?([^':]+)'?: (.*)$"), lambda m: f"Ugyldig værdi for '{m[1]}': {_in_danish(m[2], _DETAILS)}"),
]
_DETAILS = [
    (re.compile(r"(.*) is not one of (.*)\.$"), lambda m: f"{m[1]} er ikke en af {m[2]}."),
    (re.compile(r"(?:File|Directory|Path) (.*) does not exist\.$"), lambda m: f"{m[1]} findes ikke."),
    (re.compile(r"(.*) is not a valid integer(?: range)?\.$"), lambda m: f"{m[1]} er ikke et heltal."),
]


def _in_danish(message: str, translations: list[tuple[re.Pattern[str], Any]]) -> str:
    """`message` by the first translation whose pattern matches it, else as it is."""
    for pattern, danish in translations:
        match = pattern.match(message)
        if match:
            return danish(match)  # type: ignore[no-any-return]
    return message


class _DanishHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Brug: " if prefix is None else prefix)

    def section(self, name: str) -> Any:
        return super().section(_SECTIONS.get(name, name))


class _DanishContext(click.Context):
    formatter_class = _DanishHelpFormatter


class _DanishHelp:
    """Help pages in Danish (a mixin for click's Command and Group)."""

    context_class = _DanishContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Vis denne hjælp og afslut."
        return option


class _DanishCommand(_DanishHelp, click.Command):
    pass


class _DanishGroup(_DanishHelp, click.Group):
    """The `referatsog` group: its commands' help and usage errors in Danish, not click's English.

    `main` runs click non-standalone, to print usage errors itself; everything else is as in
    click's standalone mode (a broken pipe stays silent there too)."""

    command_class = _DanishCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            if not standalone_mode:
                raise
            if error.ctx is not None:
                click.echo(error.ctx.get_usage(), err=True)
                click.echo(f"Se '{error.ctx.command_path} --help' for hjælp.\n", err=True)
            click.echo(f"Fejl: {_in_danish(error.format_message(), _USAGE_ERRORS)}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            if not standalone_mode:
                raise
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            if not standalone_mode:
                raise
            click.echo("Afbrudt.", err=True)
            sys.exit(1)
        if standalone_mode:  # an int is the code of a ctx.exit(); the commands return nothing
            sys.exit(result if isinstance(result, int) else 0)
        return result


@click.group(cls=_DanishGroup, epilog=f"\b\nMiljøvariabler:\n{_ENV_HELP}")
@click.version_option(package_name="referatsog", help="Vis versionen og afslut.", message="%(prog)s %(version)s")
def main() -> None:
    """Referatsøg: fuldtekstsøgning i kommunale referater, dagsordener og årsberetninger."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_index_dir_option
@click.option("--full", is_flag=True, help="Byg indekset helt forfra i stedet for kun at læse ændrede filer.")
@click.option("--strict", is_flag=True, help="Afslut med fejlkode, hvis blot én fil springes over.")
@click.option("--quiet", "-q", is_flag=True, help="Skriv kun opsummeringen.")
@click.option("--verbose", "-v", is_flag=True, help="Skriv en linje for hver fil.")
def index(paths: tuple[Path, ...], index_dir: Path | None, full: bool, strict: bool, quiet: bool, verbose: bool) -> None:
    """Indeksér mapper og filer (standard: seeds/). Kun ændrede filer læses igen."""
    from indexer.progress import make_progress, format_summary
    from indexer.update import update_index
    from search import IndexLocked, IndexWriteFailed

    targets = list(paths) or [default_corpus()]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise Failure(f"findes ikke: {', '.join(missing)}")
    index_dir = index_dir or default_index_dir()
    progress = make_progress(quiet=quiet, verbose=verbose)
    try:
        report = update_index(targets, index_dir, full=full, progress=progress)
    except (IndexLocked, IndexWriteFailed) as error:
        raise Failure(str(error)) from None
    except OSError as error:  # of the index folder itself (disk full, no write access): files are skipped, not this
        where = error.filename or index_dir
        raise Failure(
            f"indekset kunne ikke skrives: {where}: {error.strerror or error} – det tidligere indeks er uændret."
        ) from None
    except KeyboardInterrupt:
        raise Failure("afbrudt – det tidligere indeks er uændret.") from None
    click.echo(format_summary(report, index_dir))
    if strict and report.skipped:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Én JSON-linje pr. passage.")
def extract(file: Path, as_json: bool) -> None:
    """Vis hvordan én fil deles i passager, uden at indeksere den."""
    from indexer.extract import ExtractError
    from indexer.pipeline import read_document

    try:
        document = read_document(file.resolve(), file.resolve().parent)
    except ExtractError as error:
        raise Failure(f"{file}: {error.reason}") from None
    if as_json:
        for passage in document.passages:
            click.echo(json.dumps(passage.to_json(), ensure_ascii=False))
        return
    meta = " · ".join(str(v) for v in (document.doc_type, document.municipality, document.council,
                                       document.meeting_date or document.year) if v)
    click.echo(f"{document.source}: {meta} · {len(document.passages)} passager")
    for passage in document.passages:
        number = f"{passage.item_number}. " if passage.item_number is not None else ""
        where = f"side {passage.page}" if passage.page else f"linje {passage.line}"
        click.echo(f"  {number}{passage.title}  ({where})")
        details = [passage.case_handler, passage.case_number, ", ".join(passage.topics)]
        click.echo("     " + " · ".join(d for d in details if d))
        if passage.decision:
            click.echo("     Beslutning: " + _first_line(passage.decision, 100))


@main.command()
@click.argument("query", required=False, default="")
@click.option("--municipality", multiple=True, help=_FACET_OPTIONS["municipality"])
@click.option("--council", multiple=True, help=_FACET_OPTIONS["council"])
@click.option("--year", multiple=True, help=_FACET_OPTIONS["year"])
@click.option("--case-handler", "case_handler", multiple=True, help=_FACET_OPTIONS["case_handler"])
@click.option("--topic", multiple=True, help=_FACET_OPTIONS["topic"])
@click.option("--doc-type", "doc_type", multiple=True, help=_FACET_OPTIONS["doc_type"])
@click.option("--decisions-only", is_flag=True, help="Søg kun i beslutningsteksten.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Antal resultater.")
@click.option("--page", type=click.IntRange(1, 100_000), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Svar som JSON (samme form som /api/search).")
@_index_dir_option
def search(query: str, as_json: bool, index_dir: Path | None, decisions_only: bool, sort: str, limit: int,
           page: int, **facets: tuple[str, ...]) -> None:
    """Søg i indekset. Ord kombineres med OG; brug "fraser", OR, -ord og felt:værdi."""
    from search import IndexMissing, InvalidParameter, SearchRequest, open_index

    params = {"q": [query], "sort": [sort], "page": [str(page)], "page_size": [str(limit)],
              "decisions_only": ["1" if decisions_only else "0"]}
    params.update({name: list(values) for name, values in facets.items()})
    try:
        from search import parse_request

        request: SearchRequest = parse_request(params)
        response = open_index(index_dir or default_index_dir()).search(request)
    except IndexMissing:
        where = index_dir or default_index_dir()
        raise Failure(f"intet indeks i {where} – kør først: referatsog index") from None
    except InvalidParameter as error:
        raise Failure(f"--{error.parameter.replace('_', '-')}: {error.message}") from None
    if as_json:
        click.echo(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
        return
    _print_response(response)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse at lytte på.")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True)
@_index_dir_option
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Mappe med dokumenter (standard: seeds/); indekseres først, hvis der intet indeks er.")
def serve(host: str, port: int, index_dir: Path | None, corpus: Path | None) -> None:
    """Start websøgningen (bygger indekset fra seeds/ først, hvis det mangler)."""
    from webui.serve import serve as run_server

    run_server(host=host, port=port, index_dir=index_dir or default_index_dir(), corpus_dir=corpus or default_corpus())


@main.command(name="eval")
@click.option("--details", is_flag=True, help="Vis de ti første resultater for hver søgning med deres karakter.")
@click.option("--json", "as_json", is_flag=True, help="Svar som JSON (pr. type og pr. søgning).")
@click.option("--record-floors", is_flag=True, help="Gem de målte tal (minus 0,02) som nye gulve for testen.")
def evaluate(details: bool, as_json: bool, record_floors: bool) -> None:
    """Mål søgekvaliteten på det bedømte testsæt: nDCG@10, MRR og recall@10 pr. type (bench/relevance/)."""
    from search.relevance import command

    failures = command(details=details, as_json=as_json, record_floors=record_floors, echo=click.echo)
    for line in failures:
        click.echo(f"Under gulvet: {line}", err=True)
    if failures:
        sys.exit(1)


# --- Output ------------------------------------------------------------------------------


def _print_response(response) -> None:
    request = response.request
    shown = f"{(request.page - 1) * request.page_size + 1}-{(request.page - 1) * request.page_size + len(response.hits)}"
    label = "resultat" if response.total == 1 else "resultater"
    about = f" for »{request.query}«" if request.query else ""
    if response.notice:
        click.echo(click.style(response.notice, fg="yellow"))
    if response.approximate:
        click.echo(click.style("Ingen eksakte træf – viser omtrentlige resultater.", fg="yellow"))
    click.echo(f"{response.total} {label}{about}" + (f" (viser {shown})" if response.hits else ""))
    if response.suggestion:
        click.echo(f"Mente du: {response.suggestion}?")
    for rank, hit in enumerate(response.hits, (request.page - 1) * request.page_size + 1):
        click.echo()
        click.echo(click.style(f"{rank}. {hit.title}", bold=True))
        meta = [hit.municipality, hit.council, _danish_date(hit.meeting_date) or (str(hit.year) if hit.year else None),
                f"punkt {hit.item_number}" if hit.item_number is not None else None,
                hit.case_handler]
        click.echo("   " + " · ".join(m for m in meta if m))
        click.echo("   " + _terminal_snippet(hit.snippet))
        if hit.decision:
            click.echo("   Beslutning: " + _first_line(hit.decision, 160))
        where = f"side {hit.page}" if hit.page else f"linje {hit.line}"
        click.echo(click.style(f"   {hit.source}, {where} · {hit.id}", dim=True))


def _terminal_snippet(snippet: str) -> str:
    """The HTML snippet as terminal text: matches in bold on a terminal, [brackets] otherwise."""
    color = sys.stdout.isatty()
    marked = re.sub(
        r"<mark>(.*?)</mark>",
        lambda m: click.style(m.group(1), bold=True) if color else f"[{m.group(1)}]",
        snippet,
        flags=re.S,
    )
    return html.unescape(re.sub(r"<[^>]+>", "", marked)).replace("\n", " ")


def _danish_date(iso: str | None) -> str | None:
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def _first_line(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rsplit(" ", 1)[0] + " …"
