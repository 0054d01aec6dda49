"""The command line: parse arguments, ask the knowledge layer, hand results to a renderer.

This module is the only one that imports Typer, and the only place that turns errors into
messages and exit codes (see `_reporting_errors`). It holds no medical content and no layout.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from footspine import __version__
from footspine.cachedir import cache_root
from footspine.exitcodes import ExitCode
from footspine.knowledge.model import SCHEMA_VERSION
from footspine.knowledge.problems import AmbiguousNameError, KnowledgeError, NotFoundError, clipped, quoted
from footspine.record import dataclass

USAGE_MESSAGE_LIMIT = 200
"""Characters of a usage message kept: Click quotes what was typed, which may be huge."""


class _OneLineUsageErrors(TyperGroup):
    """Usage errors as one line on stderr, like every other footspine error, and exit 2.

    Typer draws them as a boxed panel under the usage text. A person wants to read at a glance
    what was wrong and where help is; a script wants one line it can log.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            _say("stopped")
            sys.exit(int(ExitCode.USAGE))
        except Exception as error:
            code, format_message = getattr(error, "exit_code", None), getattr(error, "format_message", None)
            if not isinstance(code, int) or not callable(format_message):
                raise  # not Click's usage error: a real failure, for entry.py to report
            if type(error).__name__ != "NoArgsIsHelpError":  # its help is already printed
                _say(_usage_line(str(format_message()), getattr(error, "ctx", None)))
            sys.exit(code)
        sys.exit(result if isinstance(result, int) else 0)


def _usage_line(message: str, ctx: Any) -> str:
    message = clipped(" ".join(message.split()), USAGE_MESSAGE_LIMIT)
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    command = getattr(ctx, "command_path", "") or "footspine"
    stop = "" if message.endswith((".", "?", "!")) else "."
    return f"{message}{stop} See: {command} --help"


app = typer.Typer(
    cls=_OneLineUsageErrors,
    name="footspine",
    help=(
        "Explains how problems in the lower spine can cause foot pain.\n\n"
        "For learning only: footspine cannot diagnose you. Numbness around the genitals or "
        "back passage, new bladder or bowel trouble, or weakness in both legs is an "
        "emergency: call 999 (UK), 911 (US) or 112 (EU), or go to A&E now."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class Kind(StrEnum):
    spinal = "spinal"
    mimic = "mimic"
    emergency = "emergency"
    red_flag = "red-flag"


ClinicalOption = Annotated[bool, typer.Option("--clinical", help="Add the notes for clinicians.")]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="text (terminal or plain), json, markdown, or html (a page to print for a patient)."
    ),
]
NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Print straight to the terminal, even when the page is long.")
]
ColorOption = Annotated[
    Color, typer.Option("--color", help="auto: styled on a terminal; always: styled even when piped; never.")
]


@dataclass(slots=True)
class Settings:
    data: list[Path]
    cache: Path | None


# --- errors: the one place that maps them to messages and exit codes ------------------------


def _fail(message: str, code: ExitCode) -> NoReturn:
    _say(message)
    raise typer.Exit(int(code))


def _say(message: str) -> None:
    sys.stderr.write(f"footspine: {_printable(message)}\n")


def _printable(text: str) -> str:
    """Echoed input must not carry control characters to the terminal either.

    Length is not capped here: that would cut file names and the runnable hint off the end of a
    message. Long untrusted fragments (names, quoted values) are clipped where they are quoted.
    """
    from footspine.render.document import safe

    return safe(text)


_SEARCHABLE = re.compile(r"[A-Za-z][A-Za-z -]{1,58}[A-Za-z]")
"""Names worth echoing back as a `footspine search` hint: plain words a shell will not mangle."""


def _warn_first(warnings: list[Any], numbers: list[Any]) -> None:
    """Words that match a warning sign get what to do about it before anything else is said."""
    if not warnings:
        return
    from footspine.render.views import warning_lines

    for line in warning_lines(warnings, numbers):
        _say(line)


def _reporting_errors(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except KnowledgeError as error:
            first = error.problems[0] if error.problems else None
            files = sorted({p.file for p in error.problems})
            count = len(error.problems)
            detail = f"; first: {first}" if first else ""
            hint = f" Check it with: footspine validate {' '.join(files)}" if files else ""
            _fail(
                f"cannot use the knowledge file {', '.join(files)}: {count} problem{'s' * (count != 1)}{detail}.{hint}",
                ExitCode.BAD_DATA,
            )
        except AmbiguousNameError as error:
            _warn_first(error.warnings, error.emergency_numbers)
            note = f" {error.note}" if error.note else ""
            _fail(
                f"{quoted(error.name)} can mean several conditions: {', '.join(error.candidates)}.{note} "
                f"Pick one, e.g. footspine explain {error.candidates[0] if error.candidates else '...'}",
                ExitCode.NOT_FOUND,
            )
        except NotFoundError as error:
            _warn_first(error.warnings, error.emergency_numbers)
            if error.kind == "match":
                message = f"nothing matches {quoted(error.name)}. Try other words, or see: footspine list"
                _fail(message, ExitCode.NOT_FOUND)
            if error.elsewhere is not None:
                kind, entry_id = error.elsewhere
                where = {
                    "root": f"a nerve root. See: footspine roots {entry_id}",
                    "mechanism": f"a mechanism. See: footspine mechanisms {entry_id}",
                    "treatment": f"a treatment. See: footspine search {entry_id}",
                }[kind]
                _fail(f"no {error.kind} called {quoted(error.name)}; that is {where}", ExitCode.NOT_FOUND)
            guess = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
            listing = {"condition": "footspine list", "mechanism": "footspine mechanisms", "root": "footspine roots"}
            hint = listing.get(error.kind, "footspine list")
            if error.matches:
                _say(f"no {error.kind} called {quoted(error.name)}.{guess} By symptom, it may be about:")
                for entry_id, name, line in error.matches:
                    sys.stderr.write(_printable(f"  {name}: {line} See: footspine explain {entry_id}") + "\n")
                raise typer.Exit(int(ExitCode.NOT_FOUND)) from None
            if error.kind == "condition" and _SEARCHABLE.fullmatch(error.name.strip()):
                hint += f", or look it up by symptom: footspine search {' '.join(error.name.split())}"
            _fail(f"no {error.kind} called {quoted(error.name)}.{guess} See: {hint}", ExitCode.NOT_FOUND)

    return wrapper  # type: ignore[return-value]


# --- settings and output ----------------------------------------------------------------------


def _data_paths(data: list[Path] | None) -> list[Path]:
    from footspine.knowledge.reading import SHIPPED

    if data:
        return data
    env = os.environ.get("FOOTSPINE_DATA", "")
    paths = [Path(p) for p in env.split(os.pathsep) if p]
    return paths or [SHIPPED]


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    if settings is None:  # completion runs without the group callback
        params = ctx.find_root().params
        root = cache_root(os.environ)
        settings = Settings(_data_paths(params.get("data")), Path(root) if root else None)
        _note_data(settings.data)
    return settings


@contextmanager
def _store(ctx: typer.Context) -> Iterator[Any]:
    """The compiled index for this run's data; a corrupt index is dropped and rebuilt once."""
    from footspine.knowledge.access import discard, open_store

    settings = _settings(ctx)
    store = open_store(settings.data, settings.cache)
    try:
        yield store
    except sqlite3.DatabaseError:
        store.close()
        if settings.cache is not None:
            for index in (settings.cache / "index").glob("*.sqlite"):
                discard(index)
        raise _Retry() from None
    finally:
        store.close()


class _Retry(Exception):
    """The index was corrupt; the command runs once more on a fresh one."""


def _with_retry(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except _Retry:
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _output(format: OutputFormat, color: Color, *, no_pager: bool = False) -> Any:
    from footspine.render import settings as output_settings

    stream = sys.stdout
    is_tty = stream.isatty()
    width = height = None
    if is_tty:
        try:
            width, height = os.get_terminal_size(stream.fileno())
        except (OSError, ValueError):
            width = height = None
    return output_settings.decide(
        format=format.value,
        color=color.value,
        is_tty=is_tty,
        terminal_width=width,
        terminal_height=height,
        encoding=getattr(stream, "encoding", None) or "utf-8",
        env=os.environ,
        page=not no_pager,
    )


def _emit(text: str, unicode: bool, out: Any = None) -> None:
    if not unicode:
        from footspine.render.text import asciify

        text = asciify(text)
    if out is not None and out.pager and text.count("\n") >= out.height and _page(text, out.pager):
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`footspine list | head -1`): stop quietly, exit 0.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def _page(text: str, pager: tuple[str, ...]) -> bool:
    """Show a long page through the pager; False if the pager cannot be started.

    Ctrl-C belongs to the pager while it runs (less uses it to stop a search), so footspine
    ignores it until the pager exits. Quitting before the end is not an error.
    """
    import signal
    import subprocess

    from footspine import fastpath

    env = dict(os.environ)
    env.setdefault("LESSCHARSET", "utf-8")
    try:
        process = subprocess.Popen(pager, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    if fastpath.RECORDER is not None:
        fastpath.RECORDER.usable = False  # the page went to the pager, not to a stream it saw
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


def _show(document: Any, out: Any, *, wide: bool = False) -> None:
    """Print a Document once, in the format and style decided for this run.

    Prose stops at 100 columns, a comfortable line to read; tables (`wide`) use the terminal.
    """
    width = out.width if wide else min(out.width, 100)
    if out.format == "html":
        from footspine.render import html

        _emit(html.render(document), True)
    elif out.format == "markdown":
        from footspine.render import markdown

        _emit(markdown.render(document, unicode=out.unicode), out.unicode, out)
    elif out.styled:
        from footspine.render import rich_view

        _emit(rich_view.render(document, width=width, color=out.color, unicode=out.unicode), out.unicode, out)
    else:
        from footspine.render import plain

        _emit(plain.render(document, width=width, unicode=out.unicode), out.unicode, out)


def _show_json(command: str, result: Any, out: Any) -> None:
    from footspine.knowledge.plain import to_plain

    payload = {
        "schema_version": SCHEMA_VERSION,
        "footspine_version": __version__,
        "command": command,
        "result": to_plain(result),
    }
    _emit(json.dumps(payload, indent=2, ensure_ascii=not out.unicode) + "\n", out.unicode)


# --- completion ------------------------------------------------------------------------------


def _handout_commands_only(format: OutputFormat) -> None:
    if format == OutputFormat.html:
        _fail("--format html makes a printable handout of explain, treatments, roots or red-flags", ExitCode.USAGE)


def _complete(kind: str) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from footspine.knowledge.names import normalize

        try:
            with _store(ctx) as store:
                if kind == "condition":
                    names = list(store.completion_names())
                else:
                    names = store.entry_ids(kind)
                    if kind == "root":
                        names = [n.upper() for n in names]
        except Exception:  # noqa: BLE001 - completion must never print a traceback into a shell
            return []
        prefix = normalize(incomplete)
        # The shell keeps only words that start with exactly what was typed, so a match keeps
        # the person's own spelling of the prefix ("Sci" -> "Sciatica", "l" -> "l5").
        head = len(incomplete)
        return [
            incomplete + n[head:] if normalize(n[:head]) == prefix else n
            for n in names
            if normalize(n).startswith(prefix)
        ]

    return complete


# --- commands ----------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"footspine {__version__} (knowledge schema {SCHEMA_VERSION})\n")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Knowledge file to use instead of the shipped one; repeat to add local files "
            "(later ones add entries and replace those with the same id). "
            "Env: FOOTSPINE_DATA, paths separated by ':'.",
            show_default=False,
            readable=False,  # Typer's default check would make an unreadable file a usage error (2), not 3
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show versions and exit.")
    ] = False,
) -> None:
    """Explains how problems in the lower spine can cause foot pain."""
    root = cache_root(os.environ)
    ctx.obj = Settings(_data_paths(data), Path(root) if root else None)
    _note_data(ctx.obj.data)


def _note_data(paths: list[Path]) -> None:
    """Tell the fast path's recorder which knowledge files this answer depends on."""
    from footspine import fastpath

    if fastpath.RECORDER is not None:
        fastpath.RECORDER.note_data([os.fspath(p) for p in paths])


@app.command()
@_reporting_errors
@_with_retry
def explain(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Argument(
            help="Condition id, name or alias (words may be separate).", autocompletion=_complete("condition")
        ),
    ],
    brief: Annotated[
        bool, typer.Option("--brief", "-b", help="One screen: what it is, the map, when to get help, treatments.")
    ] = False,
    clinical: Annotated[bool, typer.Option("--clinical", help="Add ICD-10-CM codes, exam signs and evidence.")] = False,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """Explain a condition: what it is, how it reaches your foot, and when to get help.

    Example: footspine explain sciatica
    """
    from footspine import query
    from footspine.render import views

    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        view = query.explain(store, " ".join(name))
    if out.format == "json":
        _show_json("explain", view, out)
    elif isinstance(view, query.GroupView):
        _show(views.group(view, commands=out.commands), out)
    elif brief:
        _show(views.brief(view, commands=out.commands), out)
    elif out.format == "html" and not clinical:
        _show(views.handout(view), out)
    else:
        _show(views.explain(view, clinical=clinical, commands=out.commands), out)


@app.command()
@_reporting_errors
@_with_retry
def check(
    ctx: typer.Context,
    describe: Annotated[
        str | None,
        typer.Option(
            "--describe", "-d", help="Say what is happening in your own words, instead of answering questions."
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            help="A finding and yes or no (back-pain=no), or age=62 or weeks=8; repeat for more. "
            "Corrects what --describe understood. See the ids with --findings.",
        ),
    ] = None,
    findings: Annotated[
        bool, typer.Option("--findings", help="List the findings and their questions, then exit.")
    ] = False,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """Is your foot pain from your back, and how soon should you get help?

    Asks about warning signs first, then where and how it hurts; or reads a description. Says
    how urgently to get help and which pages to read. It is not a diagnosis.

    Example: footspine check --describe "62, calves go numb after 10 minutes walking, better when I sit"
    """
    from footspine import query
    from footspine.render import views

    _handout_commands_only(format)
    out = _output(format, color, no_pager=no_pager)
    if describe is not None and not describe.strip():
        _fail("--describe needs some words: say what is happening, in your own words.", ExitCode.USAGE)
    with _store(ctx) as store:
        if findings:
            _emit("".join(f"{f.id}: {f.question}\n" for f in store.findings()), out.unicode)
            return
        try:
            if describe is None and not answer:
                result = _interview(store, out)
            else:
                result = query.check(store, describe=describe, answers=answer or [])
        except query.UnknownAnswerError as error:
            close = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
            _fail(
                f"cannot read --answer {quoted(error.text)}: use FINDING=yes or FINDING=no, age=N or weeks=N.{close} "
                "See: footspine check --findings",
                ExitCode.USAGE,
            )
    if out.format == "json":
        _show_json("check", result, out)
    else:
        _show(views.check(result), out)


def _interview(store: Any, out: Any) -> Any:
    """Ask the questions on stderr; Ctrl-C leaves at once, with nothing saved or shown."""
    from footspine import query
    from footspine.render import ask

    known = query.check_knowledge(store)
    interview = query.interview(known)
    try:
        ask.run(interview, unicode=out.unicode, width=min(out.width, 100))
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        _say("check stopped; nothing was saved. If you have a warning sign, get help now.")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    return query.assess(known, interview.understood(), stopped_early=interview.stopped_early)


@app.command()
@_reporting_errors
@_with_retry
def treatments(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Argument(help="Condition id, name or alias.", autocompletion=_complete("condition")),
    ],
    details: Annotated[
        bool, typer.Option("--details", help="What each treatment is and does, the evidence and cautions.")
    ] = False,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """Treatments for a condition by tier, from self-care to surgery, and what to avoid.

    Example: footspine treatments herniated-disc --details
    """
    from footspine import query
    from footspine.render import views

    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        view = query.explain(store, " ".join(name))
    if isinstance(view, query.GroupView):
        if out.format == "json":
            _show_json("treatments", view, out)
        else:
            _show(views.group(view, treatments=True, commands=out.commands), out)
    elif out.format == "json":
        _show_json("treatments", {"condition": view.condition.id, "treatments": view.treatments}, out)
    else:
        _show(views.treatments(view, details=details or out.format == "html", commands=out.commands), out)


@app.command("list")
@_reporting_errors
@_with_retry
def list_conditions(
    ctx: typer.Context,
    mechanism: Annotated[
        str | None,
        typer.Option(
            "--mechanism",
            "-m",
            help="Only conditions that work through this mechanism.",
            autocompletion=_complete("mechanism"),
        ),
    ] = None,
    root: Annotated[
        str | None,
        typer.Option(
            "--root",
            "-r",
            help="Only conditions that affect this root: L4, L5, S1, S2-S4.",
            autocompletion=_complete("root"),
        ),
    ] = None,
    kind: Annotated[Kind | None, typer.Option("--kind", "-k", help="spinal, mimic, emergency or red-flag.")] = None,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """List the conditions footspine knows; piped, one id and name per line.

    Example: footspine list --root L5
    """
    from footspine import query
    from footspine.render import views

    _handout_commands_only(format)
    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        rows = query.listing(store, mechanism=mechanism, root=root, kind=kind.value if kind else None)
    if out.format == "json":
        _show_json("list", rows, out)
    elif out.format == "text" and not out.styled:
        _emit("".join(f"{r.id} {r.name}\n" for r in rows), out.unicode)
    else:
        _show(views.listing(rows, width=out.width), out, wide=True)


@app.command()
@_reporting_errors
@_with_retry
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words for your symptoms, e.g. numb toes.")],
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """Find conditions, mechanisms, treatments and roots from the words you use.

    Example: footspine search numb big toe
    """
    from footspine import query
    from footspine.render import views

    _handout_commands_only(format)
    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        result = query.search(store, words)
    if out.format == "json":
        _show_json("search", result, out)
    else:
        _show(views.search(result, words), out)


@app.command()
@_reporting_errors
@_with_retry
def mechanisms(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="A mechanism id; without one, all of them.", autocompletion=_complete("mechanism")),
    ] = None,
    clinical: ClinicalOption = False,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """How spine problems reach the foot; with an id, the full explanation and its conditions.

    Example: footspine mechanisms chemical-radiculitis
    """
    from footspine import query
    from footspine.render import views

    _handout_commands_only(format)
    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        if name is None:
            items = store.mechanisms()
            if out.format == "json":
                _show_json("mechanisms", items, out)
            elif out.format == "text" and not out.styled:
                _emit("".join(f"{m.id} {m.summary}\n" for m in items), out.unicode)
            else:
                _show(views.mechanisms([(m.id, m.name, m.summary) for m in items]), out)
            return
        view = query.mechanism(store, name)
    if out.format == "json":
        _show_json("mechanisms", view, out)
    else:
        _show(views.mechanism(view, clinical=clinical), out)


@app.command()
@_reporting_errors
@_with_retry
def roots(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None,
        typer.Argument(help="L4, L5, S1 or S2-S4; without one, the map of all.", autocompletion=_complete("root")),
    ] = None,
    clinical: ClinicalOption = False,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """Where each nerve root is felt on the leg and foot, drawn as a map.

    Example: footspine roots L5
    """
    from footspine import query
    from footspine.render import views

    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        if not name:
            overview = query.roots_overview(store)
            if out.format == "json":
                _show_json("roots", overview.roots, out)
            else:
                _show(views.roots_overview(overview, commands=out.commands), out)
            return
        view = query.root(store, " ".join(name))
    if out.format == "json":
        _show_json("roots", view, out)
    else:
        _show(views.root(view, clinical=clinical, commands=out.commands), out)


@app.command("red-flags")
@_reporting_errors
@_with_retry
def red_flags(
    ctx: typer.Context,
    format: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
    no_pager: NoPagerOption = False,
) -> None:
    """Warning signs by urgency, with what to do now and the emergency numbers.

    Example: footspine red-flags
    """
    from footspine import query
    from footspine.render import views

    out = _output(format, color, no_pager=no_pager)
    with _store(ctx) as store:
        view = query.red_flags(store)
    if out.format == "json":
        _show_json("red-flags", view, out)
    else:
        _show(views.red_flags(view), out)


@app.command()
@_reporting_errors
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files to check (merged in order); default: the data in use.",
            show_default=False,
            readable=False,  # the knowledge layer reports an unreadable file as FS101, exit 3
        ),
    ] = None,
    format: FormatOption = OutputFormat.text,
) -> None:
    """Check knowledge files and list every problem as FILE:LINE:COL: CODE message.

    Example: footspine validate data/knowledge.yaml
    """
    from footspine.knowledge.access import validate_files

    _handout_commands_only(format)
    targets = paths or _settings(ctx).data
    try:
        summary = validate_files(targets)
    except KnowledgeError as error:
        if format == OutputFormat.json:
            problems = [
                {"file": p.file, "line": p.line, "column": p.column, "code": p.code, "message": p.message}
                for p in error.problems
            ]
            sys.stdout.write(
                json.dumps({"schema_version": SCHEMA_VERSION, "valid": False, "problems": problems}, indent=2) + "\n"
            )
        else:
            sys.stdout.write("".join(_printable(str(p)) + "\n" for p in error.problems))
            count = len(error.problems)
            sys.stderr.write(f"footspine: {count} problem{'s' * (count != 1)} found; the knowledge data is not valid\n")
        raise typer.Exit(int(ExitCode.BAD_DATA)) from None
    if format == OutputFormat.json:
        payload = {
            "schema_version": SCHEMA_VERSION,
            "valid": True,
            "summary": {k: getattr(summary, k) for k in summary.__slots__},
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    sys.stdout.write(
        _printable(
            f"valid: {', '.join(summary.files)}: {summary.conditions} conditions, {summary.mechanisms} mechanisms, "
            f"{summary.treatments} treatments, {summary.roots} roots, {summary.red_flags} red flags, "
            f"{summary.sources} sources"
        )
        + "\n"
    )
