"""Shared fixtures: every test gets its own cache folder and a clean, fixed environment."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from typer.testing import Result

from footspine.entry import run_argv
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


class Entry:
    """What the tests run: the console script's own path (the quick parser, then Typer for help
    and usage errors), in process. Not the Typer app alone, which ordinary runs never use."""

    name = "footspine"

    def main(self, args: Sequence[str] = (), prog_name: str | None = None, **extra: object) -> None:
        raise SystemExit(run_argv(list(args)))


app = Entry()


class CliRunner(typer.testing.CliRunner):
    """Typer's runner, driving `Entry`, and never turning an exception into an exit code: a
    crash fails the test instead of passing as exit 1."""

    def invoke(self, app: object, args: object = None, **kwargs: Any) -> Result:  # type: ignore[override]
        kwargs["catch_exceptions"] = False
        real = getattr(typer.testing, "_get_command")  # noqa: B009 - a private hook, patched on purpose
        setattr(typer.testing, "_get_command", lambda given: given if isinstance(given, Entry) else real(given))  # noqa: B010
        try:
            return super().invoke(app, args, **kwargs)  # type: ignore[arg-type]
        finally:
            setattr(typer.testing, "_get_command", real)  # noqa: B010


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str | os.PathLike[str], **kwargs: object) -> object:
    return runner.invoke(app, [os.fspath(a) for a in args], **kwargs)


SECOND_UID = 65534
"""Root passes every permission check, so permission tests run as this numeric user instead
(`nobody` on most systems; no account is needed for a numeric uid)."""


@pytest.fixture
def second_user(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], Path]]:
    """A command prefix that runs as a user other than root, and a folder that user can reach.

    As a normal user the prefix is empty: permissions already apply. As root, `setpriv` drops to
    SECOND_UID, so the tests that permissions matter for run everywhere instead of skipping.
    """
    import shutil
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="footspine-second-user-"))
    folder.chmod(0o755)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): no second user to test as")
        prefix = [setpriv, f"--reuid={SECOND_UID}", f"--regid={SECOND_UID}", "--clear-groups", "--"]
        os.chown(folder, SECOND_UID, SECOND_UID)
        probe = subprocess.run([*prefix, sys.executable, "-c", "import footspine"], capture_output=True, cwd=folder)
        if probe.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            pytest.skip("the second user cannot run this interpreter (its folders are private to root)")
    try:
        yield prefix, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
