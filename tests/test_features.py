"""search, mechanisms, roots, red-flags, completion and local knowledge files (overlays)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, CliRunner, app

DATA = ["--data", str(MINIMAL)]


def test_search_finds_with_stemming_and_highlights(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "search", "squeezing", "-f", "markdown"])
    assert result.exit_code == 0
    assert "**squeezed**" in result.stdout  # "squeezing" and "squeezed" share the stem "squeez"
    result = runner.invoke(app, [*DATA, "search", "toes"])
    assert result.exit_code == 0
    assert "*toe*" in result.stdout  # "toes" found "toe", highlighted


def test_search_without_match_is_exit_1_with_hint(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "search", "xylophone"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "footspine list" in result.stderr


@pytest.mark.parametrize("words", [['"'], ["NEAR("], ["*"], ["a", "OR", "b"], ["-"], ["^"], ["col:val"]])
def test_search_treats_fts_syntax_as_words(runner: CliRunner, words: list[str]) -> None:
    result = runner.invoke(app, [*DATA, "search", "--", *words])
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output


def test_search_json_gives_kind_id_title_snippet_score(runner: CliRunner) -> None:
    import json

    result = runner.invoke(app, [*DATA, "search", "heel", "-f", "json"])
    found = json.loads(result.stdout)["result"]
    assert set(found) == {"urgency", "warning_signs", "hits", "emergency_numbers", "condition_kinds"}
    hits = found["hits"]
    assert hits[0]["id"] == "plantar-fasciitis"
    assert set(hits[0]) == {"kind", "id", "title", "snippet", "score", "urgency"}


def test_mechanisms_list_and_detail(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "mechanisms"])
    assert result.stdout == "root-compression Something presses on a nerve root where it leaves the spine.\n"
    result = runner.invoke(app, [*DATA, "mechanisms", "root-compression"])
    assert result.exit_code == 0
    assert "Conditions that work this way" in result.stdout
    assert "sciatica" in result.stdout
    result = runner.invoke(app, [*DATA, "mechanisms", "magic"])
    assert result.exit_code == 1


@pytest.mark.parametrize("name", ["L5", "l5", "L5 root"])
def test_roots_detail(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [*DATA, "roots", *name.split()])
    assert result.exit_code == 0, result.output
    assert "Walking on your heels." in result.stdout
    assert "Conditions that commonly affect it" in result.stdout


def test_red_flags_grouped_with_numbers(runner: CliRunner) -> None:
    result = runner.invoke(app, [*DATA, "red-flags"])
    assert result.exit_code == 0
    text = result.stdout
    assert text.index("EMERGENCY") < text.index("Urgent")
    assert "999 (UK)" in text and "911 (US)" in text


# --- completion --------------------------------------------------------------------------------


def complete(words: str, cword: int, tmp_path: Path, data: Path = MINIMAL) -> list[str]:
    env = {
        "PATH": os.environ["PATH"],
        "_FOOTSPINE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "FOOTSPINE_DATA": str(data),
        "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "footspine"], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_of_condition_names(tmp_path: Path) -> None:
    assert complete("footspine explain sci", 2, tmp_path) == ["sciatic-nerve-pain", "sciatica"]
    assert complete("footspine treatments pla", 2, tmp_path) == ["plantar-fasciitis"]
    assert "lumbar-radiculopathy" in complete("footspine explain ", 2, tmp_path)


def test_completion_of_mechanisms_and_roots(tmp_path: Path) -> None:
    assert complete("footspine mechanisms ro", 2, tmp_path) == ["root-compression"]
    assert complete("footspine roots l", 2, tmp_path) == ["l5"]
    assert complete("footspine roots L", 2, tmp_path) == ["L5"]
    assert complete("footspine explain Sci", 2, tmp_path) == ["Sciatic-nerve-pain", "Sciatica"]
    assert complete("footspine list --root ", 3, tmp_path) == ["L5"]


def test_completion_of_commands(tmp_path: Path) -> None:
    assert complete("footspine ex", 1, tmp_path) == ["explain"]


SCRIPT_STARTS = {
    "bash": "_footspine_completion() {",
    "zsh": "#compdef footspine",
    "fish": "complete --command footspine",
}
"""How each shell's completion script begins: which shell a script is for."""


def _run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A whole process (`python -m footspine ...`, or a shell around it), as a user starts it."""
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=cwd, timeout=60)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_names_the_shell_when_it_cannot_be_detected(tmp_path: Path, shell: str) -> None:
    env = {"PATH": os.environ["PATH"], "FOOTSPINE_CACHE_DIR": str(tmp_path)}
    result = _run([sys.executable, "-m", "footspine", "--show-completion", shell], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "_FOOTSPINE_COMPLETE" in result.stdout
    assert result.stdout.startswith(SCRIPT_STARTS[shell]), result.stdout[:80]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_shell_named_is_the_shell_answered_even_when_another_is_detected(tmp_path: Path, shell: str) -> None:
    """Typer makes these options flags for the detected shell and ignored the name given:
    `--show-completion zsh` typed in bash printed bash's script, and `--install-completion zsh`
    installed for bash."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "SHELL": "/bin/bash", "FOOTSPINE_CACHE_DIR": ""}
    from_bash = ["bash", "-c", 'exec "$@"', "bash"]
    shown = _run([*from_bash, sys.executable, "-m", "footspine", "--show-completion", shell], env, tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith(SCRIPT_STARTS[shell]), shown.stdout[:80]
    installed = _run([sys.executable, "-m", "footspine", "--install-completion", shell], env, tmp_path)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.startswith(f"{shell} completion installed in ")
    written = {
        "bash": ".bash_completions/footspine.sh",
        "zsh": ".zfunc/_footspine",
        "fish": ".config/fish/completions/footspine.fish",
    }
    assert (tmp_path / written[shell]).read_text().startswith(SCRIPT_STARTS[shell])


# --- overlays ---------------------------------------------------------------------------------

CLINIC = """schema_version: 2
sources:
  - id: clinic-leaflet
    title: Our clinic's back pain leaflet
    publisher: Example Clinic
    url: https://clinic.example/leaflet
    checked: "2026-11-22"
conditions:
  - id: sciatica
    name: Sciatica (clinic notes)
    kind: spinal
    summary: Our physiotherapists see this every day.
    reviewed: 2026-11-01
    sources: [clinic-leaflet]
    mechanisms: [root-compression]
    roots: [l5]
  - id: clinic-heel-spur
    name: Heel spur
    kind: mimic
    summary: A small bony growth under the heel bone.
    telling_apart: It is felt under the heel, not down the leg.
    reviewed: 2026-11-01
    sources: [clinic-leaflet]
"""


def test_overlay_adds_and_replaces_whole_entries(runner: CliRunner, tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(CLINIC)
    result = runner.invoke(app, ["--data", str(MINIMAL), "--data", str(clinic), "list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "sciatica Sciatica (clinic notes)",
        "plantar-fasciitis Plantar fasciitis",
        "clinic-heel-spur Heel spur",
    ]
    result = runner.invoke(app, ["--data", str(MINIMAL), "--data", str(clinic), "explain", "sciatica"])
    assert "Our physiotherapists" in result.stdout
    assert "Pain that runs from" not in result.stdout  # replaced whole, not merged field by field


def test_overlay_through_the_environment(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(CLINIC)
    monkeypatch.setenv("FOOTSPINE_DATA", f"{MINIMAL}{os.pathsep}{clinic}")
    result = runner.invoke(app, ["list"])
    assert "clinic-heel-spur Heel spur" in result.stdout


def test_json_says_which_file_each_entry_came_from(runner: CliRunner, tmp_path: Path) -> None:
    import json

    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(CLINIC)
    result = runner.invoke(app, ["--data", str(MINIMAL), "--data", str(clinic), "list", "-f", "json"])
    rows = {row["id"]: row["source_file"] for row in json.loads(result.stdout)["result"]}
    assert rows == {"sciatica": str(clinic), "plantar-fasciitis": str(MINIMAL), "clinic-heel-spur": str(clinic)}
    result = runner.invoke(app, ["--data", str(MINIMAL), "--data", str(clinic), "explain", "sciatica", "-f", "json"])
    assert json.loads(result.stdout)["result"]["source_file"] == str(clinic)


def test_source_file_is_the_path_given_today(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is shared by every run naming the same files; it once kept the relative path
    the first run used, so a later run from another folder was told `clinic.yaml`."""
    import json

    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(CLINIC)
    monkeypatch.chdir(tmp_path)
    first = ["--data", str(MINIMAL), "--data", "clinic.yaml", "list", "-f", "json"]
    result = runner.invoke(app, first)
    assert {row["source_file"] for row in json.loads(result.stdout)["result"]} == {str(MINIMAL), "clinic.yaml"}
    monkeypatch.chdir(MINIMAL.parent)
    for command in (["list"], ["explain", "clinic-heel-spur"], ["explain", "plantar-fasciitis"]):
        result = runner.invoke(app, ["--data", MINIMAL.name, "--data", str(clinic), *command, "-f", "json"])
        assert result.exit_code == 0, result.stderr
        found = json.loads(result.stdout)["result"]
        files = {row["source_file"] for row in found} if command == ["list"] else {found["source_file"]}
        assert files <= {MINIMAL.name, str(clinic)}, files
        assert files & {MINIMAL.name, str(clinic)}


def test_invalid_overlay_is_exit_3_naming_the_overlay(runner: CliRunner, tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(CLINIC.replace("mechanisms: [root-compression]", "mechanisms: [spinal-gremlins]"))
    result = runner.invoke(app, ["--data", str(MINIMAL), "--data", str(clinic), "explain", "sciatica"])
    assert result.exit_code == 3
    assert str(clinic) in result.stderr
    result = runner.invoke(app, ["validate", str(MINIMAL), str(clinic)])
    assert result.exit_code == 3
    assert result.stdout.startswith(f"{clinic}:")
    assert "FS009" in result.stdout


def test_overlay_may_refer_to_entries_of_earlier_files(runner: CliRunner, tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(CLINIC)
    result = runner.invoke(app, ["validate", str(MINIMAL), str(clinic)])
    assert result.exit_code == 0, result.stdout


def test_install_completion_with_a_named_shell_where_none_can_be_detected(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "footspine", "--install-completion", "bash"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "completion installed" in result.stdout.lower()
    installed = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file() and "cache" not in p.parts)
    assert "_FOOTSPINE_COMPLETE" in installed


def test_zsh_completion_never_runs_what_was_typed_or_what_a_file_holds(tmp_path: Path) -> None:
    """The zsh script evaluates what footspine prints, so every name is quoted for zsh; and what
    was typed (or what an alias expanded to, `$(...)` and backquotes included) is only read."""
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed (.ci/run installs it where it can)")
    marker = tmp_path / "ran"
    hostile = MINIMAL.read_text(encoding="utf-8").replace(
        "aliases: [", f'aliases: ["pwn $(touch {marker}1) `touch {marker}2` $HOME x\\\\${{zz=set}}", ', 1
    )
    data = tmp_path / "k.yaml"
    data.write_text(hostile, encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache")}
    script = subprocess.run(
        [_footspine_script()], env={**env, "_FOOTSPINE_COMPLETE": "source_zsh"}, capture_output=True, text=True
    ).stdout
    assert "_footspine_completion" in script
    typed = [
        f"footspine --data {data} explain ''",
        f"footspine --data {data} explain pw",
        f"footspine --data {data} explain '\"pw'",  # a quote: Typer answers this one
        f"footspine --data '$(touch {marker}3)' explain sc",
        f"footspine --data '`touch {marker}4`' explain sc",
        f"footspine explain '$(touch {marker}5)'",
        f"footspine explain '\";touch {marker}6;\"'",
    ]
    harness = "\n".join(
        [
            "compdef() { }",
            '_arguments() { print -r -- "ARGS: $@" }',
            "_files() { print FILES }",
            script,
            *(f"words=({words}); CURRENT=${{#words}}; _footspine_completion" for words in typed),
            'print -r -- "zz=${zz-unset}"',
        ]
    )
    result = subprocess.run([zsh, "-f", "-c", harness], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("ran*")), "a completion ran a command"
    lines = result.stdout.splitlines()
    assert lines.pop() == "zz=unset", "a name from the knowledge file set a shell variable"
    assert len(lines) == len(typed), result.stdout + result.stderr
    assert '"pwn-\\$touch' in lines[1] and "plantar-fasciitis" not in lines[1]
    assert lines[2] == lines[1]  # a quote typed: still footspine's own quoting, not Typer's


def _footspine_script() -> str:
    found = shutil.which("footspine", path=str(Path(sys.executable).parent)) or shutil.which("footspine")
    if found is None:
        pytest.skip("the footspine console script is not installed")
    return found
