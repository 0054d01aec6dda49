"""The quick parser and Typer read the same command table and must agree on every line.

Hypothesis writes command lines from the table itself (options in any order, `--opt=value`,
short flags, `--`, words that look like options); whenever the quick parser accepts one, Typer
must turn it into the same request. Lines the quick parser declines go to Typer, so they
cannot disagree. Also: an ordinary question never imports the frameworks or slow modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footspine import entry
from footspine.commands import COMMANDS, Param, Request, parse

from .conftest import MINIMAL, CliRunner, app

WORDS = st.sampled_from(["sciatica", "L5", "numb", "big toe", "-", "--", "-x", "--nope", "json", "a=b", ""])


def _option(param: Param) -> st.SearchStrategy[list[str]]:
    flag = st.sampled_from(param.flags)
    if param.kind == "flag":
        return flag.map(lambda f: [f])
    value = st.sampled_from(param.choices) if param.choices else WORDS
    joined = st.tuples(st.sampled_from([f for f in param.flags if f.startswith("--")]), value).map(
        lambda pair: [f"{pair[0]}={pair[1]}"]
    )
    return st.one_of(st.tuples(flag, value).map(list), joined)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = COMMANDS[draw(st.sampled_from(sorted(COMMANDS)))]
    parts: list[list[str]] = []
    for param in command.params:
        if param.flags:
            parts += draw(st.lists(_option(param), max_size=2 if param.many else 1))
        else:
            parts += [[word] for word in draw(st.lists(WORDS, max_size=3))]
    order = draw(st.permutations(parts))
    line = [word for part in order for word in part]
    if draw(st.booleans()):
        return ["--data", str(MINIMAL), command.name, *line]
    return [command.name, *line]


def _typer_request(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> Request | None:
    """The request Typer builds for this line (None: a usage error or help)."""
    from footspine import cli

    seen: list[Request] = []

    def capture(request: Request) -> int:
        seen.append(request)
        return 0

    monkeypatch.setattr(entry, "run", capture)
    try:
        cli.app(args=argv, prog_name="footspine", standalone_mode=False)
    except SystemExit:
        pass
    except Exception:  # noqa: BLE001 - Click's usage errors: no request was made
        return None
    return seen[0] if seen else None


@settings(max_examples=300, deadline=None)
@given(argv=command_lines())
def test_the_quick_parser_and_typer_agree(argv: list[str]) -> None:
    quick = parse(argv)
    if quick is None:
        return  # Typer reads it: nothing to disagree about
    with pytest.MonkeyPatch.context() as monkeypatch:
        typer_request = _typer_request(argv, monkeypatch)
    assert typer_request is not None, f"Typer refuses what the quick parser accepted: {argv}"
    assert (quick.command, quick.values, quick.data) == (
        typer_request.command,
        typer_request.values,
        typer_request.data,
    ), argv


def test_unusual_but_valid_spellings_reach_the_same_answer(runner: CliRunner) -> None:
    """`-bfjson` (short options bundled) is valid Click; the quick parser leaves it to Typer,
    which runs the same request as the quick parser's `-b -f json`."""
    assert parse(["explain", "sciatica", "-bfjson"]) is None
    typer_route = runner.invoke(app, ["--data", str(MINIMAL), "explain", "sciatica", "-bfjson"])
    quick_route = runner.invoke(app, ["--data", str(MINIMAL), "explain", "sciatica", "-b", "-f", "json"])
    assert typer_route.exit_code == quick_route.exit_code == 0
    assert json.loads(typer_route.stdout) == json.loads(quick_route.stdout)


SLOW_OR_FRAMEWORK = (
    "typer",
    "click",
    "rich",
    "yaml",
    "jinja2",
    "dataclasses",
    "typing",
    "difflib",
    "tempfile",
    "hashlib",
    "pathlib",
    "json",
)


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "sciatica", "--color", "always"],
        ["explain", "sciatica"],
        ["list"],
        ["roots", "L5", "--color", "always"],
        ["search", "numb", "toes"],
        ["explain", "sciatica", "-f", "json"],
    ],
)
def test_an_ordinary_question_imports_no_framework(argv: list[str], tmp_path: Path) -> None:
    """The answer comes from the index through footspine's own modules; Typer, Click, Rich and
    the slow standard modules stay unloaded (the index is built first, by an earlier run). The
    data file is taken as settled: in the two minutes after a file changes, each run also
    hashes it (`hashlib`), which `tests/test_cache.py::test_a_settled_file_is_not_read_again`
    covers; a fresh clone's files are that new."""
    unwanted = tuple(m for m in SLOW_OR_FRAMEWORK if not (m == "json" and "json" in argv))
    env = {**os.environ, "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache"), "FOOTSPINE_DATA": str(MINIMAL)}
    program = (
        "import sys\n"
        "from footspine.entry import run_argv\n"
        "from footspine.knowledge import access\n"
        "access.SETTLING_NS = 0\n"
        f"code = run_argv({argv!r})\n"
        f"loaded = sorted(m for m in {unwanted!r} if m in sys.modules)\n"
        "print('LOADED', loaded, code, file=sys.stderr)\n"
    )
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", program], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60
        )
    assert result.returncode == 0, result.stderr
    assert "LOADED [] 0" in result.stderr, result.stderr
