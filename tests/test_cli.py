"""The CLI ground rules: exit codes, messages on stderr, --data and FOOTSPINE_DATA, --version."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from footspine import __version__
from footspine.exitcodes import ExitCode
from footspine.knowledge.model import SCHEMA_VERSION

from .conftest import FIXTURES, MINIMAL, CliRunner, app

DATA = ["--data", str(MINIMAL)]


def test_version_prints_package_and_schema_versions(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"footspine {__version__} (knowledge schema {SCHEMA_VERSION})\n"


def test_no_command_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    assert "explain" in result.output
    assert result.exit_code in (0, 2)


@pytest.mark.parametrize(
    "command", ["explain", "treatments", "list", "search", "mechanisms", "roots", "red-flags", "validate"]
)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: footspine" in result.stdout


def test_exit_codes_are_the_documented_ones() -> None:
    codes = [value for name, value in vars(ExitCode).items() if name.isupper()]
    assert codes == [0, 1, 2, 3, 70, 71, 74, 130]
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for code in codes:
        assert f"| {code} |" in readme


def test_running_out_of_memory_is_one_line_and_exit_71(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A knowledge file too large for the memory there is was "internal error, please report
    it" (exit 70); it is a limit of the machine, said as such."""
    from footspine.entry import run_argv
    from footspine.knowledge import files

    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(files, "load", exhausted)
    monkeypatch.setenv("FOOTSPINE_CACHE_DIR", str(tmp_path / "cache"))
    assert run_argv(["explain", "sciatica"]) == 71
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not enough memory" in err


def test_a_near_miss_spelling_opens_the_one_page_it_can_mean(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "siatica"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("Sciatica\n")
    assert "Showing Sciatica for 'siatica'" in result.stdout


def test_unknown_condition_is_exit_1_with_suggestions(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "sciatic", "pains"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "sciatica" in result.stderr
    assert "footspine" in result.stderr


def test_unknown_condition_without_close_names_still_hints(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "zzzz"])
    assert result.exit_code == 1
    assert "Did you mean" not in result.stderr
    assert "See: footspine list" in result.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["L5"], "footspine: no condition called 'L5'; that is a nerve root. See: footspine roots l5\n"),
        (
            ["Root", "compression"],
            "footspine: no condition called 'Root compression'; that is a mechanism. "
            "See: footspine mechanisms root-compression\n",
        ),
        (
            ["bed_rest"],
            "footspine: no condition called 'bed_rest'; that is a treatment. See: footspine search bed-rest\n",
        ),
    ],
)
def test_a_root_mechanism_or_treatment_name_points_to_its_command(
    runner: CliRunner, words: list[str], expected: str
) -> None:
    result = runner.invoke(app, [*DATA, "explain", *words])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected


def test_unknown_words_suggest_a_symptom_search_only_when_safe_to_echo(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "numb", "toes"])
    assert result.exit_code == 1
    assert result.stderr.endswith("See: footspine list, or look it up by symptom: footspine search numb toes\n")
    for name in ["numb; rm -rf ~", "toes'", "x" * 80, "\u202ebad"]:
        result = runner.invoke(app, [*DATA, "explain", name])
        assert result.exit_code == 1
        assert "footspine search" not in result.stderr


def test_a_group_name_opens_an_overview_of_its_conditions(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "explain", "Pinched", "Nerve"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "footspine explain sciatica" in " ".join(result.stdout.split())
    assert "footspine explain plantar-fasciitis" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    "name", ["sciatica", "SCIATICA", "Sciatic Nerve Pain", "sciatic_nerve-pain", "lumbar  radiculopathy"]
)
def test_names_resolve_from_id_name_or_alias_in_any_form(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [*DATA, "explain", *name.split(" ")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Sciatica\n")


def test_usage_error_is_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "--no-such-option"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["explain"])
    assert result.exit_code == 2


def test_data_option_uses_another_file(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "list"])
    assert result.exit_code == 0
    assert result.stdout == "sciatica Sciatica\nplantar-fasciitis Plantar fasciitis\n"


def test_environment_variable_uses_another_file(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOOTSPINE_DATA", str(MINIMAL))
    result = runner.invoke(app, ["list"])
    assert result.stdout.splitlines()[0] == "sciatica Sciatica"


@pytest.mark.parametrize(
    "path",
    [
        "missing.yaml",
        ".",
        str(FIXTURES / "invalid" / "FS105-empty.yaml"),
        str(FIXTURES / "invalid" / "FS009-unknown-reference.yaml"),
        str(FIXTURES / "invalid" / "FS103-not-utf8.yaml"),
    ],
)
def test_bad_data_is_exit_3_naming_the_file(runner: CliRunner, path: str) -> None:
    result = runner.invoke(app, ["--data", path, "explain", "sciatica"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert path in result.stderr
    assert result.stderr.startswith("footspine: cannot use the knowledge file")
    assert "footspine validate" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["explain"], "footspine: missing argument 'name'. See: footspine explain --help\n"),
        (
            ["frobnicate"],
            "footspine: no such command 'frobnicate'. In your own words: footspine search frobnicate (pages to "
            "read), or footspine check --describe frobnicate (how soon to get help). See: footspine --help\n",
        ),
        (
            ["my big toe is numb"],
            "footspine: no such command 'my big toe is numb'. In your own words: footspine search 'my big toe is "
            "numb' (pages to read), or footspine check --describe 'my big toe is numb' (how soon to get help). "
            "See: footspine --help\n",
        ),
        (
            ["--data", "data/knowledge.yaml", "my", "foot", "hurts", "--color", "never"],
            "footspine: no such command 'my'. In your own words: footspine search 'my foot hurts' (pages to read), "
            "or footspine check --describe 'my foot hurts' (how soon to get help). See: footspine --help\n",
        ),
        (
            ["check", "my", "big", "toe", "is", "numb"],
            "footspine: got unexpected extra argument(s) (my big toe is numb). In your own words: footspine check "
            "--describe 'my big toe is numb'. See: footspine check --help\n",
        ),
        (
            ["check", "--describe", "numb toe", "extra"],
            "footspine: got unexpected extra argument(s) (extra). See: footspine check --help\n",
        ),
        (
            ["check", "-a", "saddle-numbness=yes", "my", "toe"],
            "footspine: got unexpected extra argument(s) (my toe). See: footspine check --help\n",
        ),
        (
            ["numb x See: footspine --help"],
            "footspine: no such command 'numb x See: footspine --help'. In your own words: footspine search "
            "'numb x See: footspine --help' (pages to read), or footspine check --describe 'numb x See: footspine "
            "--help' (how soon to get help). See: footspine --help\n",
        ),
        (
            ["explian", "sciatica"],
            "footspine: no such command 'explian'. Did you mean 'explain'? See: footspine --help\n",
        ),
        (["--nope"], "footspine: no such option: --nope. See: footspine --help\n"),
        (
            ["list", "--kind", "foo"],
            "footspine: invalid value for '--kind' / '-k': 'foo' is not one of 'spinal', 'mimic', 'emergency', "
            "'red-flag'. See: footspine list --help\n",
        ),
        (
            ["explain", "sciatica", "--format", "yaml"],
            "footspine: invalid value for '--format' / '-f': 'yaml' is not one of 'text', 'json', 'markdown', 'html'. "
            "See: footspine explain --help\n",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(runner: CliRunner, args: list[str], expected: str) -> None:
    result = runner.invoke(app, [*DATA, *args])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == expected


def test_huge_or_hostile_option_names_stay_one_short_line(runner: CliRunner) -> None:
    for option in ["--" + "x" * 100_000, "--\x1b]52;c;aGk=\x07", "--\u202eevil"]:
        result = runner.invoke(app, [*DATA, "explain", "sciatica", option])
        assert result.exit_code == ExitCode.USAGE
        assert result.stderr.count("\n") == 1 and len(result.stderr) < 400
        assert not any(ch in result.stderr for ch in "\x1b\x07\u202e")
        assert result.stderr.endswith("See: footspine explain --help\n")


def test_huge_or_hostile_command_names_stay_one_line_without_repeating_them(runner: CliRunner) -> None:
    """The own-words hint repeats what was typed only when it is short and printable: a command
    line cut short or full of escapes would not be one a person could run."""
    for name in ["numb " * 40, "\x1b]52;c;aGk=\x07", "\u202eevil"]:
        result = runner.invoke(app, [*DATA, name], catch_exceptions=False)
        assert result.exit_code == ExitCode.USAGE
        assert result.stderr.count("\n") == 1 and len(result.stderr) < 500
        assert not any(ch in result.stderr for ch in "\x1b\x07\u202e")
        assert "footspine search 'YOUR WORDS' (pages to read)" in result.stderr
    broken = runner.invoke(app, [*DATA, "numb\nfoot"], catch_exceptions=False)  # a line break is a space
    assert broken.stderr.count("\n") == 1 and "footspine search 'numb foot' (pages" in broken.stderr


def test_long_paths_are_never_cut_from_messages(runner: CliRunner, tmp_path: Path) -> None:
    """A deep checkout (CI's is) gives long paths; the message must keep them whole and runnable."""
    deep = tmp_path / ("d" * 120) / ("e" * 120)
    deep.mkdir(parents=True)
    path = deep / "FS009-unknown-reference.yaml"
    path.write_bytes((FIXTURES / "invalid" / "FS009-unknown-reference.yaml").read_bytes())

    result = runner.invoke(app, ["--data", str(path), "explain", "sciatica"])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert f"{path}:" in result.stderr and "FS009" in result.stderr
    assert result.stderr.endswith(f" Check it with: footspine validate {path}\n")

    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{path}:") and " FS009 " in line for line in lines)
    assert all(line.endswith("which does not exist") for line in lines)


def test_unreadable_file_is_exit_3(second_user: tuple[list[str], Path]) -> None:
    """Run as a user the permission applies to (`setpriv` when the tests run as root)."""
    import subprocess
    import sys

    user, home = second_user
    path = home / "secret.yaml"
    path.write_text(MINIMAL.read_text())
    path.chmod(0)
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "FOOTSPINE_CACHE_DIR": str(home / "cache")}
    for args in (["--data", str(path), "list"], ["validate", str(path)]):
        result = subprocess.run(
            [*user, sys.executable, "-m", "footspine", *args], env=env, cwd=home, capture_output=True, text=True
        )
        assert result.returncode == 3, result.stderr
        assert "permission denied" in (result.stderr + result.stdout)
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--data", "{path}", "list"], ["validate", "{path}"]])
def test_unreadable_file_is_bad_data_not_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """Typer checks Path parameters for readability by default and would answer a usage error
    (exit 2, a boxed message). An unreadable knowledge file is bad data: exit 3, one line. The
    refusal is simulated, the way the OS gives it to a normal user, so this runs as root too."""
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL.read_text())
    import builtins

    real_access, real_open = os.access, builtins.open

    def access(target: Any, mode: int, **kwargs: Any) -> bool:
        return False if os.fspath(target) == str(path) else real_access(target, mode, **kwargs)

    def open_(target: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(target, str | os.PathLike) and os.fspath(target) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(builtins, "open", open_)
    result = runner.invoke(app, [arg.format(path=path) for arg in args])
    assert result.exit_code == 3, result.output
    assert f"{path}:1:1: FS101 permission denied" in result.output
    assert "Usage" not in result.output and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1


def test_list_filters(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "list", "--kind", "mimic"])
    assert result.stdout == "plantar-fasciitis Plantar fasciitis\n"
    result = runner.invoke(app, [*DATA, "list", "--root", "l5"])
    assert result.stdout == "sciatica Sciatica\n"
    result = runner.invoke(app, [*DATA, "list", "--mechanism", "root-compression", "--kind", "spinal"])
    assert result.stdout == "sciatica Sciatica\n"


def test_list_filter_with_unknown_root_is_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "list", "--root", "L9"])
    assert result.exit_code == 1
    assert "no root called 'L9'" in result.stderr


def test_validate_uses_the_data_option_when_no_path_is_given(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "validate"])
    assert result.exit_code == 0
    assert str(MINIMAL) in result.stdout


def test_emergency_signs_are_in_every_condition_view(runner: CliRunner) -> None:
    for name in ("sciatica", "plantar-fasciitis"):
        for command in ("explain", "treatments"):
            for fmt in ("text", "markdown"):
                result = runner.invoke(app, [*DATA, command, name, "--format", fmt])
                assert "Numbness around your genitals or back passage." in result.stdout, (name, command, fmt)
                assert "999" in result.stdout
