"""The Typer app, built from the command table in `commands.py`: help, completion, usage errors.

An ordinary command line never comes here (`commands.parse` reads it without Typer). This app
answers what a framework does best: `--help` for every command, the shell-completion scripts,
and usage errors, which it prints as one line on stderr with exit 2. A line it accepts that the
quick parser did not (an unusual but valid spelling) becomes the same `Request` and runs
through the same `entry.run`, so the two routes cannot answer differently.

This module is the only one that imports Typer.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from footspine.commands import APP_HELP, COMMANDS, DATA, Command, Param, Request, defaults
from footspine.exitcodes import ExitCode
from footspine.knowledge.problems import clipped

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
            sys.exit(ExitCode.USAGE)
        except Exception as error:
            code, format_message = getattr(error, "exit_code", None), getattr(error, "format_message", None)
            if not isinstance(code, int) or not callable(format_message):
                raise  # not Click's usage error: a real failure, for entry.py to report
            if type(error).__name__ != "NoArgsIsHelpError":  # its help is already printed
                line = _usage_line(str(format_message()), getattr(error, "ctx", None))
                _say(_own_words_hint(line, sys.argv[1:] if args is None else list(args)))
            sys.exit(code)
        sys.exit(result if isinstance(result, int) else 0)


def _say(message: str) -> None:
    from footspine.entry import say

    say(message)


def _usage_line(message: str, ctx: Any) -> str:
    message = clipped(" ".join(message.split()), USAGE_MESSAGE_LIMIT)
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    command = getattr(ctx, "command_path", "") or "footspine"
    stop = "" if message.endswith((".", "?", "!")) else "."
    return f"{message}{stop} See: {command} --help"


OWN_WORDS_LIMIT = 60
"""Characters of a person's words repeated in the hint; longer ones are shown as YOUR WORDS."""


def _own_words_hint(line: str, args: list[str]) -> str:
    """A person who types their symptom or a condition where a command goes ("footspine my big
    toe is numb", "footspine sciatica") is shown the two commands that take their own words, and
    one who types them after `check` is shown `--describe`.

    Only when the word is no command's misspelling: "explian" keeps its "Did you mean 'explain'?".
    """
    words = _plain_words(args)
    see_help = " See: footspine --help"
    if line.startswith("no such command ") and "Did you mean" not in line and line.endswith(see_help) and words:
        quoted = _quoted(words)
        return line.removesuffix(see_help) + (
            f" In your own words: footspine search {quoted} (pages to read), or footspine check --describe "
            f"{quoted} (how soon to get help).{see_help}"
        )
    see_check_help = " See: footspine check --help"
    if (
        line.startswith("got unexpected extra argument")
        and line.endswith(see_check_help)
        and words[:1] == ["check"]
        and not any(a.startswith("-") for a in args[args.index("check") + 1 :])
    ):
        # "footspine check my big toe is numb": the check reads a description only from --describe;
        # with options typed too (-d, -a) the words may belong to them, so no command is guessed
        return line.removesuffix(see_check_help) + (
            f" In your own words: footspine check --describe {_quoted(words[1:])}.{see_check_help}"
        )
    return line


def _plain_words(args: list[str]) -> list[str]:
    """The words typed, without options and their values ("--data PATH", "-f json", "--")."""
    from footspine.commands import COMMANDS, GLOBAL_PARAMS

    params = [*GLOBAL_PARAMS, *(p for command in COMMANDS.values() for p in command.params)]
    takes_value = {flag for p in params if p.flags and p.kind != "flag" for flag in p.flags}
    words: list[str] = []
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
        elif arg in takes_value:
            skip_value = True
        elif not arg.startswith("-"):
            words.append(arg)
    return words


def _quoted(words: list[str]) -> str:
    """Words as one shell-quoted argument, or YOUR WORDS when clipping or escaping would mislead."""
    import shlex

    said = " ".join(" ".join(words).split())
    plain = len(said) <= OWN_WORDS_LIMIT and said.isprintable()
    return shlex.quote(said) if plain else "'YOUR WORDS'"


# --- building the app from the table -----------------------------------------------------------

_CHOICES: dict[tuple[str, ...], type[Enum]] = {}


def _choice_type(choices: tuple[str, ...]) -> type[Enum]:
    """Typer shows and checks choices from an Enum; one per set of choices."""
    if choices not in _CHOICES:
        members: Any = {c.replace("-", "_"): c for c in choices}
        made: Any = Enum("Choice", members, type=str)  # type: ignore[misc]  # members known at run time only
        _CHOICES[choices] = made
    return _CHOICES[choices]


def _completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from footspine.completion import candidates

        data = [os.fspath(p) for p in ctx.find_root().params.get("data") or []]
        return candidates(kind, incomplete, data, os.environ)

    return complete


def _annotation(param: Param) -> Any:
    if param.kind == "flag":
        base: Any = bool
    elif param.kind == "choice":
        base = _choice_type(param.choices)
    elif param.kind == "path":
        base = Path
    else:
        base = str
    if param.many:
        base = list[base]
    if not param.required and param.kind != "flag" and param.default is None:
        base = base | None
    extra: dict[str, Any] = {"help": param.help}
    if param.complete:
        extra["autocompletion"] = _completer(param.complete)
    if param.kind == "path":
        extra["readable"] = False  # an unreadable file is the knowledge layer's FS101 (exit 3), not 2
        extra["show_default"] = False
    info = typer.Option(*param.flags, **extra) if param.flags else typer.Argument(**extra)
    return Annotated[base, info]


def _default(param: Param) -> Any:
    if param.kind == "flag":
        return False
    if param.required:
        return inspect.Parameter.empty
    if param.kind == "choice" and param.default is not None:
        return _choice_type(param.choices)(param.default)
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _runner(command: Command) -> Callable[..., None]:
    def run_command(ctx: typer.Context, **given: Any) -> None:
        from footspine.entry import run

        values = defaults(command.params)
        values.update({name: _plain(value) for name, value in given.items() if value is not None})
        data = tuple(_plain(ctx.find_root().params.get("data") or []))
        raise typer.Exit(run(Request(command.name, values, data)))

    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    parameters += [
        inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=_default(p), annotation=_annotation(p))
        for p in command.params
    ]
    run_command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run_command.__annotations__ = {p.name: p.annotation for p in parameters}
    run_command.__doc__ = command.help
    run_command.__name__ = command.name.replace("-", "_")
    return run_command


def _show_version(value: bool) -> None:
    if value:
        from footspine.entry import run

        raise typer.Exit(run(Request("version", {})))


def _main(
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", help=DATA.help, show_default=False, readable=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True, help="Show versions and exit.")
    ] = False,
) -> None:
    """Explains how problems in the lower spine can cause foot pain."""


def build() -> typer.Typer:
    app = typer.Typer(
        cls=_OneLineUsageErrors,
        name="footspine",
        help=APP_HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    for command in COMMANDS.values():
        app.command(command.name)(_runner(command))
    return app


app = build()

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def completion_for_named_shell(argv: Sequence[str]) -> int | None:
    """`--show-completion zsh` and `--install-completion zsh`, answered for the shell named.

    Typer 0.28 detects the shell and makes these options flags, so a shell name given after
    them was silently ignored: `--show-completion zsh` from bash printed bash's script (and
    where detection fails, in containers and CI, nothing useful). None when argv is not one
    of these two options followed by a shell name.
    """
    if len(argv) != 2 or argv[0] not in ("--show-completion", "--install-completion") or argv[1] not in SHELLS:
        return None
    from typer._completion_shared import get_completion_script, install

    if argv[0] == "--show-completion":
        script = get_completion_script(prog_name="footspine", complete_var="_FOOTSPINE_COMPLETE", shell=argv[1])
        sys.stdout.write(script + "\n")
        return 0
    shell, path = install(shell=argv[1], prog_name="footspine", complete_var="_FOOTSPINE_COMPLETE")
    sys.stdout.write(f"{shell} completion installed in {path}\n")
    sys.stdout.write("Completion will take effect once you restart the terminal\n")
    return 0
