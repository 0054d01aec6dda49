"""Golden output: what a person sees for two conditions, at a fixed width, byte for byte.

When a change to the content or layout is intended, regenerate with
    FOOTSPINE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footspine.cli import app

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("sciatica", "text", []),
    ("sciatica", "terminal", []),
    ("sciatica", "markdown", ["-f", "markdown"]),
    ("plantar-fasciitis", "text", []),
    ("plantar-fasciitis", "markdown", ["-f", "markdown"]),
    ("cauda-equina-syndrome", "terminal", []),
]


@pytest.mark.parametrize(("name", "kind", "options"), CASES, ids=[f"{n}-{k}" for n, k, _ in CASES])
def test_golden(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, kind: str, options: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    if kind == "terminal":
        monkeypatch.setenv("FORCE_COLOR", "1")  # the terminal layout...
        monkeypatch.setenv("NO_COLOR", "1")  # ...without colour codes
    result = runner.invoke(app, ["explain", name, *options])
    assert result.exit_code == 0, result.output
    path = GOLDEN / f"explain-{name}.{kind}.{'md' if kind == 'markdown' else 'txt'}"
    if os.environ.get("FOOTSPINE_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.stdout)
    assert result.stdout == path.read_text(), f"{path.name} differs; see the module docstring"


@pytest.mark.parametrize("charset", ["unicode", "ascii"])
@pytest.mark.parametrize("style", ["terminal", "text"])
def test_foot_map_snapshot(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, charset: str, style: str) -> None:
    """The nerve-root picture in both character sets, as drawn on a terminal and as plain text."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANG", "en_GB.UTF-8" if charset == "unicode" else "C")
    if style == "terminal":
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(app, ["roots"])
    assert result.exit_code == 0, result.output
    path = GOLDEN / f"roots.{style}.{charset}.txt"
    if os.environ.get("FOOTSPINE_UPDATE_GOLDEN"):
        path.write_text(result.stdout)
    assert result.stdout == path.read_text()
    assert result.stdout.isascii() == (charset == "ascii")
