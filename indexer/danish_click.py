"""click in Danish: help headings, the help option, option metavars and usage errors.

click writes its own words in English ("Usage:", "Options:", "No such option"); everything
`referatsog` prints for users is Danish, so its commands are built from the classes here:
`DanishGroup` for the group (usage errors printed as one Danish line), `QueryCommand` for
`search` (a query word that begins with "-" is a word to exclude, not an option), and
`option`/`argument`/`DanishPath` for their parameters (a text parameter must be UTF-8:
`Utf8Text`).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import sys
from typing import Any

import click

from indexer.numbers import danish_number


_SECTIONS = {"Options": "Tilvalg", "Commands": "Kommandoer", "Arguments": "Argumenter"}
# `-h` as well as `--help`, for the group and, through click's context, every subcommand.
HELP_OPTION_NAMES = ["-h", "--help"]
# click's usage errors a user meets, as click 8 words them; any other message stays as it is.
_USAGE_ERRORS = [
    (re.compile(r"No such option:? '?([^'.]+)'?\.?(?: Did you mean '?([^'?]+)'?\?)?$"),
     lambda m: f"Ukendt tilvalg '{m[1]}'." + (f" Mente du '{m[2]}'?" if m[2] else "")),
    (re.compile(r"No such option:? '?([^'.]+)'?\. \(Did you mean one of: (.*)\?\)$"),
     lambda m: f"Ukendt tilvalg '{m[1]}'. Mente du {m[2].replace(', ', ' eller ')}?"),
    # click 8.2+: "Did you mean 'index'?" for one match, "(Did you mean one of: 'a', 'b'?)" for more.
    (re.compile(r"No such command '?([^'.]+)'?\.(?: \(?Did you mean(?: one of:)? (.*?)\?\)?)?$"),
     lambda m: f"Ukendt kommando '{m[1]}'." + (f" Mente du {m[2].replace(', ', ' eller ')}?" if m[2] else "")),
    (re.compile(r"Missing argument '?([^'.]+)'?\.$"), lambda m: f"Argumentet '{m[1]}' mangler."),
    (re.compile(r"Option '?([^']+)'? requires an argument\.$"), lambda m: f"Tilvalget '{m[1]}' kræver en værdi."),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)$"), lambda m: f"Uventet argument: {m[1]}."),
    (re.compile(r"Invalid value for '?([^':]+)'?: (.*)$"), lambda m: f"Ugyldig værdi for '{m[1]}': {_in_danish(m[2], _DETAILS)}"),
]
_DETAILS = [
    (re.compile(r"(.*) is not one of (.*)\.$"), lambda m: f"{m[1]} er ikke en af {m[2]}."),
    (re.compile(r"(?:File|Directory|Path) (.*) does not exist\.$"), lambda m: f"{m[1]} findes ikke."),
    (re.compile(r"(?:File|Path) (.*) is a directory\.$"), lambda m: f"{m[1]} er en mappe, ikke en fil."),
    (re.compile(r"(?:Directory|Path) (.*) is a file\.$"), lambda m: f"{m[1]} er en fil, ikke en mappe."),
    (re.compile(r"(?:File|Directory|Path) (.*) is not readable\.$"), lambda m: f"{m[1]} kan ikke læses (ingen adgang)."),
    (re.compile(r"(?:File|Directory|Path) (.*) is not writable\.$"), lambda m: f"{m[1]} kan ikke skrives (ingen adgang)."),
    (re.compile(r"(.*) is not a valid integer(?: range)?\.$"), lambda m: f"{m[1]} er ikke et heltal."),
    (re.compile(r"(.*) is not in the range (.*)\.$"), lambda m: f"{_large_numbers(m[1])} er ikke {_range_in_danish(m[2])}."),
]
# click's own metavars and argument names in help pages and usage errors.
_METAVARS = {"TEXT": "TEKST", "INTEGER": "HELTAL", "INTEGER RANGE": "HELTAL", "DIRECTORY": "MAPPE", "FILE": "FIL",
             "PATH": "STI", "PATHS": "STIER", "QUERY": "SØGNING"}
_RANGES = [
    (re.compile(r"(-?\d+)<=x<=(-?\d+)$"), lambda m: f"mellem {m[1]} og {m[2]}"),
    (re.compile(r"x>=(-?\d+)$"), lambda m: f"mindst {m[1]}"),
    (re.compile(r"x<=(-?\d+)$"), lambda m: f"højst {m[1]}"),
]


def _in_danish(message: str, translations: list[tuple[re.Pattern[str], Any]]) -> str:
    """`message` by the first translation whose pattern matches it, else as it is."""
    for pattern, danish in translations:
        match = pattern.match(message)
        if match:
            return danish(match)  # type: ignore[no-any-return]
    return message


def _range_in_danish(described: str) -> str:
    """click's description of an IntRange (`1<=x<=100`) in words: `mellem 1 og 100`, large
    numbers with the Danish thousands point (`mellem 1 og 100.000`).

    >>> _range_in_danish("1<=x<=100000")
    'mellem 1 og 100.000'
    """
    return _large_numbers(_in_danish(described, _RANGES))


def _large_numbers(text: str) -> str:
    """Numbers of five digits or more with the Danish thousands point, the value given as the range
    names it («100.001 er ikke mellem 1 og 100.000»); shorter ones, such as years, as written.

    >>> _large_numbers("100001"), _large_numbers("2025")
    ('100.001', '2025')
    """
    return re.sub(r"\d{5,}", lambda m: danish_number(int(m[0])), text)


def _danish_metavar(metavar: str) -> str:
    """`[QUERY]...` → `[SØGNING]...`: click's upper-case words by `_METAVARS`; choices stay."""
    return re.sub(r"[A-Z][A-Z ]*[A-Z]", lambda m: _METAVARS.get(m[0], m[0]), metavar)


class _DanishOption(click.Option):
    """An option whose metavar and `[standard: …]` note are Danish (click writes TEXT, default: …)."""

    def make_metavar(self, *args: Any, **kwargs: Any) -> str:  # (ctx) since click 8.2
        return _danish_metavar(super().make_metavar(*args, **kwargs))

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None or not hasattr(self, "get_help_extra"):  # click < 8.2: as click writes it
            return record
        extra = self.get_help_extra(ctx)
        notes = []
        if "envvars" in extra:
            notes.append("miljøvariabel: " + ", ".join(extra["envvars"]))
        if "default" in extra:
            notes.append(f"standard: {extra['default']}")
        if "range" in extra:
            notes.append(_range_in_danish(extra["range"]))
        if "required" in extra:
            notes.append("skal angives")
        text = self.help or ""
        if notes:
            text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
        return record[0], text


# An argument's name in an error about one of its values: one value is wrong, not the list.
_ONE_OF = {"STIER": "STI"}


class _DanishArgument(click.Argument):
    """An argument whose name in usage lines and errors is Danish (`FIL`, not `FILE`). An error
    names it plainly: `'STI'`, not usage's `'[STIER]...'`."""

    def make_metavar(self, *args: Any, **kwargs: Any) -> str:  # (ctx) since click 8.2
        return _danish_metavar(super().make_metavar(*args, **kwargs))

    def get_error_hint(self, ctx: click.Context | None) -> str:
        hint = super().get_error_hint(ctx).strip("'")
        if hint.endswith("..."):
            hint = hint[:-3]
        if hint.startswith("[") and hint.endswith("]"):
            hint = hint[1:-1]
        return f"'{_ONE_OF.get(hint, hint)}'"


class DanishPath(click.Path):
    """click's Path, but a path behind a folder without access is said to be so, not to be missing.

    (click reads any error of `os.stat` as "does not exist".)"""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (str, bytes)) and not value:  # "" would be read as the working folder
            what = "en mappe" if not self.file_okay else "en fil" if not self.dir_okay else "en mappe eller fil"
            self.fail(f"værdien er tom – angiv {what}.", param, ctx)
        if self.exists and not (self.allow_dash and value in ("-", b"-")):
            try:
                os.stat(value)
            except PermissionError:
                self.fail(f"{click.format_filename(value)!r} kan ikke nås: ingen adgang til en af mapperne på vejen.",
                          param, ctx)
            except (OSError, ValueError):
                from indexer.extract import link_reason

                broken = link_reason(value) if isinstance(value, (str, os.PathLike)) else None
                if broken:  # click would say "does not exist" of a link in a ring
                    self.fail(f"{click.format_filename(value)!r} kan ikke følges: {broken}.", param, ctx)
        return super().convert(value, param, ctx)


class NotUtf8(click.ClickException):
    """A value given on the command line that is not UTF-8: one Danish line, naming the option
    or argument, and click's usage-error code (2), without the usage lines (the command was
    typed right; its text was not encoded right)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True, file=file)


# How an argument is named in NotUtf8's line (an option by its longest name, `--municipality`).
_ARGUMENT_NAMES = {"query": "søgningen"}
# A value shown in NotUtf8's line is cut here: it may be a whole pasted file.
_SHOWN_WIDTH = 60


class Utf8Text(click.types.StringParamType):
    """Text that must be UTF-8, as the engine and the web take it.

    On Linux, Python reads argv bytes that are not UTF-8 (Latin-1 `N\\xe6stved` from an old
    script or file) as lone surrogates, which the index cannot hold: a search crashed on them,
    or a lone byte was dropped unseen and everything was listed. The value is refused with one
    line that shows its bytes as \\xNN (not for paths: a file name may be any bytes)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = super().convert(value, param, ctx)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            from indexer.progress import printable

            shown = printable(text)
            shown = shown if len(shown) <= _SHOWN_WIDTH else shown[:_SHOWN_WIDTH - 1] + "…"
            raise NotUtf8(f"{_param_name(param)}: «{shown}» indeholder tegn, der ikke er kodet som UTF-8 (vist som "
                          "\\xNN; fx æ, ø eller å fra et ældre program eller en fil i Latin-1) – terminalen eller "
                          "scriptet skal bruge UTF-8.") from None
        return text


def _param_name(param: click.Parameter | None) -> str:
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    name = param.name if param is not None else None
    return _ARGUMENT_NAMES.get(name or "", (name or "værdien").upper())


UTF8_TEXT = Utf8Text()


def _text_unless_typed(attrs: dict[str, Any]) -> dict[str, Any]:
    """`attrs` with the type UTF8_TEXT when they name none and click would take the value as
    text (not a flag, a counter or a number by its default): every text parameter is checked."""
    if "type" not in attrs and not attrs.get("is_flag") and not attrs.get("count") and \
            isinstance(attrs.get("default"), (str, type(None))):
        return {**attrs, "type": UTF8_TEXT}
    return attrs


def option(*decls: str, **attrs: Any) -> Any:
    """A Danish option; one of text (no type given) must be UTF-8 (`Utf8Text`)."""
    return click.option(*decls, cls=_DanishOption, **_text_unless_typed(attrs))


def argument(*decls: str, **attrs: Any) -> Any:
    """A Danish argument; one of text (no type given) must be UTF-8 (`Utf8Text`)."""
    return click.argument(*decls, cls=_DanishArgument, **_text_unless_typed(attrs))


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
        kwargs["context_settings"] = {"help_option_names": HELP_OPTION_NAMES, **(kwargs.get("context_settings") or {})}
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Vis denne hjælp og afslut."
        return option


class _DanishCommand(_DanishHelp, click.Command):
    pass


class QueryCommand(_DanishCommand):
    """`search`: a word of the query may begin with '-' (`-flygtninge` excludes a word).

    An argument that begins with a single '-' and is none of the command's options is a
    word of the query, not an unknown option; an unknown `--option` is still an error.
    The options go to click first, then the words after `--`, so click takes none of them
    for an option. A word that is an option's name with one dash (`-json`, `-limit`) or a
    letter (`-n`, `-y`) stays a word to exclude, with a warning on stderr naming the option
    it was likely meant as (`_meant_option`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value: dict[str, bool] = {}
        choices: dict[str, tuple[str, ...]] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not (param.is_flag or param.count)
                    if isinstance(param.type, click.Choice):
                        choices[name] = tuple(str(c).casefold() for c in param.type.choices)
        options: list[str] = []
        words: list[str] = []
        rest = list(args)
        while rest:
            arg = rest.pop(0)
            name = arg.split("=", 1)[0] if arg.startswith("--") else arg
            if arg == "--":
                words.extend(rest)
                break
            if name in takes_value:
                options.append(arg)
                if takes_value[name] and arg == name:  # its value is the next argument, whatever it looks like
                    if not rest:
                        raise click.BadOptionUsage(name, f"Tilvalget '{name}' kræver en værdi.", ctx)
                    options.append(rest.pop(0))
            elif arg.startswith("--"):
                options.append(arg)  # unknown: click says so
            else:
                words.append(arg)
                meant = _meant_option(arg, rest[0] if rest else None, takes_value, choices)
                if meant:  # the search runs as documented; the user learns why it found what it found
                    click.echo(f"Advarsel: «{arg}» blev læst som et ord, der udelades; mente du "
                               f"{' eller '.join(meant)}?", err=True)
        return super().parse_args(ctx, options + (["--", *words] if words else []))


# A single letter some other tool takes for one of `search`'s options (`head -n 3`).
_LETTERS = {"n": "--limit"}
# Options whose name is also a Danish word one may exclude (`-sort`: black, `-to`: two): taken
# for a mistyped option only when a value of the option follows.
_DANISH_WORDS = {"sort", "to"}


def _meant_option(arg: str, following: str | None, takes_value: dict[str, bool],
                  choices: dict[str, tuple[str, ...]]) -> list[str]:
    """The options a query word that begins with one '-' was likely meant as (`-json`: --json,
    `-limit=5`: --limit, `-y`: --year); none for a word to exclude (`-bolig`).

    >>> names = {"--json": False, "--year": True, "--sort": True, "--to": True, "--topic": True, "-h": False}
    >>> _meant_option("-json", None, names, {}), _meant_option("-Y", "2015", names, {}), _meant_option("-t", "x", names, {})
    (['--json'], ['--year'], ['--to', '--topic'])
    >>> _meant_option("-sort", "bolig", names, {"--sort": ("newest",)}), _meant_option("-to", "2015", names, {})
    ([], ['--to'])
    >>> _meant_option("kl", None, names, {}), _meant_option("by", None, names, {}), _meant_option("ejson", None, names, {})
    ([], [], [])
    """
    if not arg.startswith("-"):  # a plain word ("kl", "IT", "ny by") is searched, never excluded
        return []
    word = arg[1:].split("=", 1)[0].casefold()
    if not word or word.startswith("-"):
        return []
    long_names = [name for name in takes_value if name.startswith("--")]
    if f"--{word}" in takes_value:
        name = f"--{word}"
        if word in _DANISH_WORDS and "=" not in arg:
            value = (following or "").casefold()
            if not (value in choices[name] if name in choices else value[:1].isdigit()):
                return []
        return [name]
    if len(word) == 1 and word.isalpha():
        return [_LETTERS[word]] if word in _LETTERS else sorted(n for n in long_names if n[2] == word)
    return []


# click 8.2+ raises this for a group called without a command (8.1 printed the help and exited 0).
_NoArgsIsHelp: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


BROKEN_PIPE = 141  # the exit code of a run whose output's reader went away
# The start of the line for output that could not be written (a full disk behind `> fil`).
OUTPUT_FAILED = "uddata kunne ikke skrives"


def _discard_stdout() -> None:
    """Point stdout's file descriptor at /dev/null: what is still buffered goes nowhere at exit
    instead of failing again (an error message of Python's own, after ours)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no file descriptor (a test's captured output)
        pass


def exit_broken_pipe() -> Any:
    """The reader went away (`referatsog search … --json | head -1`): silent, and 141 (128 +
    SIGPIPE) as a shell reports a tool stopped by it, not 1, the code of a failure (click's own
    answer)."""
    _discard_stdout()
    sys.exit(BROKEN_PIPE)


# What a terminal that cannot show a character gets instead (Latin-1 has æ, ø and å but no dash
# or guillemets; ASCII has none of them): the Danish spelling without them, else "?".
_PLAIN = {"–": "-", "—": "-", "‒": "-", "−": "-", "«": "\"", "»": "\"", "“": "\"", "”": "\"", "„": "\"",
          "‘": "'", "’": "'", "…": "...", "·": "-", "×": "x", "\u00a0": " ", "\u202f": " ",
          "æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA", "é": "e", "É": "E"}


def _plain_replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for character in error.object[error.start:error.end]:
        substitute = _PLAIN.get(character, "?")
        try:
            substitute.encode(error.encoding)
        except (UnicodeError, LookupError):
            substitute = "?"
        out.append(substitute)
    return "".join(out), error.end


codecs.register_error("referatsog-plain", _plain_replace)


def _is_utf8(stream: Any) -> bool:
    try:
        return codecs.lookup(stream.encoding).name.startswith("utf")  # utf-8, utf-16 …: every character
    except (AttributeError, LookupError, TypeError):
        return False


def output_is_utf8() -> bool:
    """stdout takes every character: else JSON is written with \\uXXXX escapes (`ensure_ascii`)."""
    return sys.stdout is None or _is_utf8(sys.stdout)


def prepare_output_streams() -> None:
    """On a terminal or in a file that is not UTF-8 (a Latin-1 locale, PYTHONIOENCODING=latin-1),
    a character it cannot show (–, «, »; æ, ø, å in ASCII) is written as its plain spelling
    (`_PLAIN`) or "?", not a UnicodeEncodeError that ends the command after its work is done."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or _is_utf8(stream) or getattr(stream, "errors", None) not in ("strict", "backslashreplace"):
            continue
        try:
            stream.reconfigure(errors="referatsog-plain")
        except (AttributeError, ValueError, OSError):  # not a TextIOWrapper: as it is
            pass


# Where our output is written: an OSError raised in one of these is the output's (a full disk
# behind `> fil`, a device gone), not Referatsøg's.
_WRITERS = {(os.path.join("click", "utils.py"), "echo"), (os.path.join("indexer", "progress.py"), "_line"),
            (os.path.join("indexer", "progress.py"), "_draw_bar"), (os.path.join("indexer", "progress.py"), "done")}


def output_failure(error: BaseException) -> str | None:
    """Why output could not be written, in Danish, when `error` was raised writing it; else None."""
    if not isinstance(error, OSError) or isinstance(error, BrokenPipeError):
        return None
    traceback = error.__traceback__
    while traceback is not None:
        code = traceback.tb_frame.f_code
        folder, name = os.path.split(code.co_filename)
        if (os.path.join(os.path.basename(folder), name), code.co_name) in _WRITERS:
            break
        traceback = traceback.tb_next
    else:
        return None
    from indexer.files import os_error_text

    if error.errno == errno.EIO:
        return "skrivefejl (I/O-fejl)"
    if error.errno == errno.EBADF:
        return "standardoutput er lukket"
    return os_error_text(error)




class DanishGroup(_DanishHelp, click.Group):
    """The `referatsog` group: its commands' help and usage errors in Danish, not click's English.

    `main` runs click non-standalone, to print usage errors itself; everything else is as in
    click's standalone mode (a broken pipe stays silent there too)."""

    command_class = _DanishCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            exit_broken_pipe()

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        # `referatsog -h | true`, `referatsog --version | true`: the group's own options print
        # while its arguments are parsed, before invoke (click would exit 1 here).
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            exit_broken_pipe()

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if standalone_mode:
            prepare_output_streams()
            if sys.stdout is None:  # started with stdout closed (`>&-`): fd 1 may become an index file
                click.echo(f"Fejl: {OUTPUT_FAILED}: standardoutput er lukket.", err=True)
                sys.exit(1)
        try:
            return self._main(args, prog_name, complete_var, standalone_mode, **extra)
        except BrokenPipeError:  # a message to a reader that went away (`referatsog 2>&1 | true`)
            if not standalone_mode:
                raise
            exit_broken_pipe()

    def _main(self, args: Any, prog_name: str | None, complete_var: str | None, standalone_mode: bool,
              **extra: Any) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NoArgsIsHelp as error:  # `referatsog` alone: its help, which is no error
            if not standalone_mode:
                raise
            click.echo(error.ctx.get_help())
            sys.exit(0)
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
        except click.Abort as error:
            if not standalone_mode:
                raise
            click.echo("Afbrudt.", err=True)
            # Ctrl+C before a command took it over (click turns it into Abort): 130, as a command
            # that is stopped exits, so a script reads "stopped" and not "refused or failed".
            interrupted = isinstance(error.__context__, KeyboardInterrupt)
            sys.exit(130 if interrupted else 1)
        except Exception as error:  # a fault of ours: one Danish line, the traceback in a file
            if not standalone_mode or isinstance(error, BrokenPipeError):
                raise
            reason = output_failure(error)
            if reason is not None:  # the output's disk or device, not Referatsøg: no bug report
                _discard_stdout()  # what is still buffered would fail again at exit
                click.echo(f"Fejl: {OUTPUT_FAILED}: {reason}.", err=True)
                sys.exit(1)
            click.echo(f"Fejl: {internal_error(error)}", err=True)
            sys.exit(1)
        if standalone_mode:  # an int is the code of a ctx.exit(); the commands return nothing
            sys.exit(result if isinstance(result, int) else 0)
        return result


def internal_error(error: BaseException) -> str:
    """The line for an error no command expected (a fault in Referatsøg, not in the user's
    files or settings): what it was, and where its traceback is kept for a bug report. A user
    never gets a traceback on the terminal."""
    import tempfile
    import traceback

    detail = " ".join(str(error).split())
    what = f"{type(error).__name__}: {detail}"[:200] if detail else type(error).__name__
    try:
        handle, path = tempfile.mkstemp(prefix="referatsog-fejl-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as details:
            details.write("".join(traceback.format_exception(error)))
        kept = f"detaljerne er gemt i {path} (send dem med, når fejlen meldes)"
    except OSError:
        kept = "detaljerne kunne ikke gemmes"
    return f"uventet fejl i Referatsøg ({what}) – {kept}."
