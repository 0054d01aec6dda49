"""Shared fixtures: every test gets its own cache folder and a clean, fixed environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footspine.cli import app
from footspine.knowledge.model import Knowledge

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
REPO = HERE.parent

_CLEARED = (
    "FOOTSPINE_DATA",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLORTERM",
    "TERM",
    "LC_ALL",
    "LC_CTYPE",
    "LANG",
    "_FOOTSPINE_COMPLETE",
    "FOOTSPINE_NO_FAST_PATH",
)


@pytest.fixture(autouse=True)
def clean_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads or writes the real user cache, or inherits the developer's terminal."""
    cache = tmp_path_factory.mktemp("cache")
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FOOTSPINE_CACHE_DIR", str(cache))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    yield cache


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The shipped knowledge, loaded once: for tests that check content against the pages."""
    from footspine.knowledge import files
    from footspine.knowledge.reading import SHIPPED, read_all

    loaded, _ = files.load(read_all([SHIPPED]))
    return loaded


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str | os.PathLike[str], **kwargs: object) -> object:
    return runner.invoke(app, [os.fspath(a) for a in args], **kwargs)  # type: ignore[arg-type]
