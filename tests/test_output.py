"""Formats, colour modes, widths, and knowledge text that must never be interpreted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footspine.render.settings import decide

from .conftest import MINIMAL, CliRunner, app

DATA = ["--data", str(MINIMAL)]
ESC = "\x1b"
BOX = re.compile("[\u2500-\u257f]")


def test_piped_text_is_plain(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "sciatica"])
    assert ESC not in result.stdout
    assert not BOX.search(result.stdout), "box drawing in plain output"


def test_color_always_keeps_terminal_rendering_when_piped(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "sciatica", "--color", "always"])
    assert ESC in result.stdout
    assert "\u2500" in result.stdout  # Rich panels


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {}])
def test_no_color_is_honoured(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, [*DATA, "explain", "sciatica", "--color", "never"])
    assert ESC not in result.stdout


def test_force_color_styles_piped_output(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = runner.invoke(app, [*DATA, "explain", "sciatica"])
    assert ESC in result.stdout


def test_decide_matrix() -> None:
    def out(**kw: object) -> tuple[bool, bool]:
        args: dict[str, object] = {
            "format": "text",
            "color": "auto",
            "is_tty": True,
            "terminal_width": 100,
            "encoding": "utf-8",
            "env": {"LANG": "en_US.UTF-8"},
        }
        args.update(kw)
        o = decide(**args)  # type: ignore[arg-type]
        return o.styled, o.color

    assert out() == (True, True)
    assert out(is_tty=False) == (False, False)
    assert out(env={"NO_COLOR": "1"}) == (True, False)
    assert out(env={"TERM": "dumb"}) == (False, False)
    assert out(color="never") == (True, False)
    assert out(color="always", is_tty=False) == (True, True)
    assert out(color="always", is_tty=False, env={"NO_COLOR": "1"}) == (True, True)
    assert out(is_tty=False, env={"FORCE_COLOR": "1"}) == (True, True)


@pytest.mark.parametrize(("columns", "expected"), [("1", 20), ("20", 20), ("57", 57), ("10000", 1000), ("x", 80)])
def test_width_is_clamped(columns: str, expected: int) -> None:
    o = decide(
        format="text", color="auto", is_tty=False, terminal_width=None, encoding="utf-8", env={"COLUMNS": columns}
    )
    assert o.width == expected


@pytest.mark.parametrize("columns", ["20", "30", "200"])
@pytest.mark.parametrize("color", ["always", "never"])
def test_narrow_and_wide_terminals_render(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str, color: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = runner.invoke(app, [*DATA, "explain", "sciatica", "--color", color])
    assert result.exit_code == 0
    words = re.sub(r"[\s\u2502\u2503|]+", " ", re.sub(r"\x1b\[[0-9;]*m", "", result.stdout))
    assert "Numbness around your genitals" in words


@pytest.mark.parametrize("locale", ["C", "POSIX", "en_US.ISO-8859-1"])
def test_non_utf8_locale_gets_ascii(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    monkeypatch.setenv("LANG", locale)
    for args in (
        ["explain", "sciatica"],
        ["explain", "sciatica", "--color", "always"],
        ["roots"],
        ["explain", "sciatica", "-f", "markdown"],
    ):
        result = runner.invoke(app, [*DATA, *args])
        assert result.exit_code == 0
        assert result.stdout.isascii(), args


def test_json_is_ascii_escaped_under_c_locale(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C")
    result = runner.invoke(app, [*DATA, "explain", "sciatica", "-f", "json"])
    assert result.stdout.isascii()
    json.loads(result.stdout)


HOSTILE = {
    "markup": "[bold red]shouting[/] and [link=https://evil.example]click[/link]",
    "ansi": "\x1b[2J\x1b[31mred\x1b[0m",
    "osc8": "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "osc52": "\x1b]52;c;ZXZpbA==\x07",
    "bell": "ring\x07ring",
    "c1": "csi\x9b31m",
    "bidi": "abc\u202edcba\u202c",
}


def _poisoned(tmp_path: Path, text: str) -> Path:
    """A file whose summary carries the hostile text, written past the validator's back."""
    import yaml

    data = yaml.safe_load(MINIMAL.read_text())
    data["conditions"][0]["summary"] = text
    path = tmp_path / "poisoned.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_rich_markup_in_knowledge_text_is_shown_literally(runner: CliRunner, tmp_path: Path) -> None:
    path = _poisoned(tmp_path, HOSTILE["markup"])
    for args in (["--color", "always"], ["--color", "never"], ["-f", "markdown"], ["-f", "json"]):
        result = runner.invoke(app, ["--data", str(path), "explain", "sciatica", *args])
        assert result.exit_code == 0
        shown = result.stdout.replace("\\", "")
        assert "[bold red]shouting[/]" in shown, args
        assert "evil.example" in shown
        assert "\x1b]8;" not in result.stdout


@pytest.mark.parametrize("name", [k for k in HOSTILE if k != "markup"])
def test_control_sequences_in_knowledge_are_refused(runner: CliRunner, tmp_path: Path, name: str) -> None:
    path = _poisoned(tmp_path, HOSTILE[name])
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert "FS018" in result.stdout
    result = runner.invoke(app, ["--data", str(path), "explain", "sciatica", "--color", "always"])
    assert result.exit_code == 3
    assert ESC not in result.stderr and "\x07" not in result.stderr


def test_renderers_neutralise_control_characters_that_get_past_validation() -> None:
    from footspine.render import markdown, plain, terminal
    from footspine.render.document import Document, Paragraph, Section, safe

    for text in HOSTILE.values():
        doc = Document(title=safe(text), sections=[Section(safe(text), [Paragraph(safe(text))])])
        for output in (
            plain.render(doc, width=80, unicode=True),
            markdown.render(doc, unicode=True),
            terminal.render(doc, width=80, color=False, unicode=True),
        ):
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output), repr(output)


def test_markdown_is_a_handout(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "sciatica", "-f", "markdown"])
    assert result.stdout.startswith("# Sciatica\n")
    assert "## What it is" in result.stdout
    assert "> **EMERGENCY" in result.stdout


@pytest.mark.parametrize("escape", ["\\r", "\\e", "\\a", "\\0", "\\x1b", "\\u202e", "\\N", "\\L", "\\P", "\\U0000009b"])
def test_double_quoted_yaml_escapes_cannot_smuggle_control_characters(
    runner: CliRunner, tmp_path: Path, escape: str
) -> None:
    """`"\\r"` in a double-quoted YAML string becomes a carriage return only after parsing, so
    the raw text looks clean; it once passed the check and reached the terminal."""
    text = MINIMAL.read_text(encoding="utf-8")
    plain_summary = "summary: Something presses on a nerve root where it leaves the spine."
    assert plain_summary in text
    poisoned = text.replace(plain_summary, f'summary: "Something presses{escape}on a nerve root."')
    path = tmp_path / "escaped.yaml"
    path.write_text(poisoned, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3, result.stdout
    assert "FS018" in result.stdout
    result = runner.invoke(app, ["--data", str(path), "explain", "sciatica", "--color", "always"])
    assert result.exit_code == 3
    assert "FS018" in result.stderr


def test_harmless_yaml_escapes_are_still_accepted(runner: CliRunner, tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    plain_summary = "summary: Something presses on a nerve root where it leaves the spine."
    path = tmp_path / "escaped.yaml"
    path.write_text(text.replace(plain_summary, 'summary: "Something presses\\ton a \\"nerve\\" root\\_here."'))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stdout


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abcdefghij-/.\u00e9", min_size=1, max_size=14), min_size=1, max_size=25),
    width=st.integers(min_value=1, max_value=90),
    first=st.sampled_from(["", "  ", "- "]),
    rest=st.sampled_from(["", "    ", "  "]),
)
def test_wrap_agrees_with_textwrap_for_single_spaced_text(words: list[str], width: int, first: str, rest: str) -> None:
    """Our wrap (with its one-line fast path) against the standard library's, words unbroken."""
    import textwrap

    from footspine.render.plain import wrap

    text = " ".join(words)
    expected = textwrap.wrap(
        text,
        max(width, len(first) + 10),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert wrap(text, width, first, rest) == expected


@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.lists(st.text(alphabet="ab-", min_size=1, max_size=8), max_size=4).map(" ".join),
                st.text(alphabet="ab \n\t-", max_size=30),
            ),
            min_size=3,
            max_size=3,
        ),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(min_value=1, max_value=40),
)
def test_record_layout_is_wrap_of_every_cell(rows: list[list[str]], width: int) -> None:
    """The record layout skips `wrap` for cells that plainly fit or are empty; the lines must
    be exactly those `wrap` gives for every cell, and the styled ones exactly the first cell's."""
    from footspine.render.document import Table
    from footspine.render.plain import record_lines, wrap

    table = Table(["id", "name", "roots"], [list(row) for row in rows])
    expected, styled = [], []
    for number, row in enumerate(rows):
        head = wrap(row[0], width)
        rest = [
            line
            for column, cell in zip(["name", "roots"], row[1:], strict=True)
            for line in wrap(f"{column}: {cell}", width, "  ", "    ")
        ]
        expected += head + rest
        styled += [f"<{number}:{line}>" for line in head] + rest
    assert record_lines(table, width) == expected
    assert record_lines(table, width, lambda number, line: f"<{number}:{line}>") == styled


@pytest.mark.parametrize("field", ["name", "block", "aliases"])
def test_a_name_with_a_line_break_is_refused(runner: CliRunner, tmp_path: Path, field: str) -> None:
    """`"\\n"` in a quoted name once split piped `list` output into two lines, the second one
    looking like another condition. Names must be one line (FS018)."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert "    name: Sciatica\n" in text
    if field == "name":
        poisoned = text.replace("    name: Sciatica\n", '    name: "Sciatica\\nfake-entry Harmless"\n', 1)
    elif field == "block":
        poisoned = text.replace("    name: Sciatica\n", "    name: |\n      Sciatica\n", 1)
    else:
        poisoned = text.replace("aliases: [sciatic nerve pain,", 'aliases: ["sciatic\\tnerve pain",', 1)
    path = tmp_path / "broken.yaml"
    path.write_text(poisoned, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3, result.stdout
    assert "FS018" in result.stdout and "must be one line" in result.stdout
    result = runner.invoke(app, ["--data", str(path), "list"])
    assert result.exit_code == 3
