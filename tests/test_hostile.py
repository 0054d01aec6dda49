"""Hostile and broken input: every case ends with the right exit code and one clean message."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footspine.knowledge import files
from footspine.knowledge.names import _DROPPED, _SEPARATORS, normalize
from footspine.knowledge.problems import KnowledgeError

from .conftest import MINIMAL, CliRunner, app

DATA = ["--data", str(MINIMAL)]


def run_isolated(
    path: Path, tmp_path: Path, *args: str, memory_mb: int = 1024
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run footspine in a child with bounded memory, so a hostile file cannot take the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))

    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "footspine", "--data", str(path), *(args or ("list",))],
        env={"PATH": os.environ["PATH"], "LANG": "en_US.UTF-8", "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache")},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )
    return result, time.monotonic() - start


def assert_clean_exit_3(result: subprocess.CompletedProcess[str], path: Path, seconds: float) -> None:
    assert result.returncode == 3, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert seconds < 20


BILLION_LAUGHS = """schema_version: 2
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
conditions: *i
"""

CASES: dict[str, str | bytes] = {
    "python-object-tag": "schema_version: 2\nconditions: !!python/object/apply:os.system ['touch PWNED']\n",
    "python-name-tag": "schema_version: 2\nconditions: !!python/name:os.system\n",
    "custom-tag": "schema_version: 2\nconditions: !include other.yaml\n",
    "billion-laughs": BILLION_LAUGHS,
    "deep-flow": "schema_version: 2\nconditions: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep-mapping-flow": "schema_version: 2\nconditions: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n",
    "deep-block": "schema_version: 2\nconditions:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)),
    "not-utf8": b"schema_version: 2\nconditions:\n  - id: caf\xe9\n",
    "nul-byte": b"schema_version: 2\n\x00conditions: []\n",
    "empty": "",
    "only-comments": "# nothing here\n",
    "top-level-list": "- 1\n- 2\n",
    "top-level-scalar": "just a string\n",
    "duplicate-keys-deep": MINIMAL.read_text().replace(
        "        foot_area: top of the foot and the big toe\n",
        "        foot_area: top of the foot and the big toe\n        foot_area: sole\n",
    ),
    "two-documents": MINIMAL.read_text() + "---\nschema_version: 2\n",
    "binary-noise": bytes(range(1, 256)) * 50,
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_knowledge_file_is_exit_3(tmp_path: Path, name: str) -> None:
    content = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    result, seconds = run_isolated(path, tmp_path)
    assert_clean_exit_3(result, path, seconds)
    assert not (tmp_path / "PWNED").exists()


def test_directory_and_missing_path_are_exit_3(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing.yaml"):
        result, seconds = run_isolated(path, tmp_path)
        assert_clean_exit_3(result, path, seconds)


def test_file_far_too_large_is_refused_early_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(MINIMAL.read_bytes())
        handle.truncate(600 * 1024 * 1024)  # sparse: no disk is used
    result, seconds = run_isolated(path, tmp_path, memory_mb=512)
    assert_clean_exit_3(result, path, seconds)
    assert "512 MiB" in result.stderr
    assert seconds < 5


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.read_bytes())
    result, _ = run_isolated(path, tmp_path)
    assert result.returncode == 0


# --- arguments and environment -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        [""],
        ["   "],
        ["x" * 100_000],
        ["\u05e1\u05d9\u05d0\u05d8\u05d9\u05e7\u05d4"],  # right-to-left text
        ["\u202esciatica"],
        ["sci\x1b[31matica"],
        ["\x07\x00bell"],
        ["--", "--help"],
        ["--", "-x"],
        ["\udcff"],
        ["\U0001f9b6 foot"],
    ],
)
def test_odd_names_give_a_clean_message(runner: CliRunner, name: list[str]) -> None:
    result = runner.invoke(app, [*DATA, "explain", *name])
    assert result.exit_code in (1, 2), result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert "\x1b[31m" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert len(result.stderr) < 1000


def test_long_values_in_a_file_are_clipped_where_quoted(runner: CliRunner, tmp_path: Path) -> None:
    """A 100,000-character id gives a short problem line that still names the file, place and code."""
    text = MINIMAL.read_text(encoding="utf-8").replace("id: sciatica", "id: " + "Q" * 100_000, 1)
    assert "Q" * 100_000 in text
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert any(line.startswith(f"{path}:") and " FS006 " in line for line in result.stdout.splitlines())
    assert all(len(line) < 400 for line in result.stdout.splitlines())
    assert "(and 99,940 more characters)" in result.stdout


@pytest.mark.parametrize("command", ["treatments", "search", "mechanisms", "roots"])
def test_long_names_on_other_commands(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [*DATA, command, "y" * 100_000])
    assert result.exit_code == 1
    assert len(result.stderr) < 1000


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C"},
        {"TERM": "dumb"},
        {"COLUMNS": "1"},
        {"COLUMNS": "10000"},
        {"COLUMNS": "-5"},
        {"COLUMNS": "abc"},
        {"HOME": ""},
        {"NO_COLOR": "1", "FORCE_COLOR": "1"},
    ],
)
def test_odd_environments_still_answer(tmp_path: Path, env: dict[str, str]) -> None:
    base = {"PATH": os.environ["PATH"], "FOOTSPINE_DATA": str(MINIMAL), "LANG": "en_US.UTF-8"}
    for args in (["explain", "sciatica", "--color", "always"], ["explain", "sciatica"], ["roots"]):
        result = subprocess.run(
            [sys.executable, "-m", "footspine", *args],
            env={**base, **env},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "Sciatica" in result.stdout or "L5" in result.stdout


# --- property-based -----------------------------------------------------------------------------


@given(st.text())
def test_normalize_is_idempotent_and_separator_blind(name: str) -> None:
    once = normalize(name)
    assert normalize(once) == once
    assert normalize(name.upper()) == normalize(name.lower()) or not name.isascii()
    assert normalize(name.replace(" ", "_")) == normalize(name.replace(" ", "-"))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_names_skip_unicode_normalization_with_the_same_result(name: str) -> None:
    """ASCII names are folded without `unicodedata` (a library to load on every run); the
    result is what the full NFKC folding gives."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold().translate(_DROPPED))
    assert normalize(name) == "-".join(folded.translate(_SEPARATORS).split())


NAMES = ["sciatica", "Sciatica", "sciatic nerve pain", "lumbar radiculopathy", "plantar fasciitis", "heel pain"]


@given(
    st.sampled_from(NAMES),
    st.lists(st.sampled_from([" ", "-", "_", "  "]), min_size=1, max_size=3),
    st.booleans(),
)
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_resolution_ignores_case_and_separators(name: str, separators: list[str], upper: bool) -> None:
    runner = CliRunner()
    spelled = separators[0].join(name.split(" "))
    spelled = spelled.upper() if upper else spelled
    result = runner.invoke(app, [*DATA, "explain", spelled])
    assert result.exit_code == 0, result.output


@given(st.text(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_loader_fed_arbitrary_text_fails_only_with_problems(text: str) -> None:
    try:
        files.load([("fuzz.yaml", text.encode("utf-8", "surrogatepass"))])
    except KnowledgeError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.code.startswith("FS")
            assert problem.line >= 1 and problem.column >= 1


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_loader_fed_arbitrary_bytes_fails_only_with_problems(data: bytes) -> None:
    try:
        files.load([("fuzz.yaml", data)])
    except KnowledgeError as error:
        assert error.problems


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@given(st.dictionaries(st.sampled_from(["schema_version", "conditions", "roots", "sources", "junk"]), YAMLISH))
@settings(max_examples=200, deadline=None)
def test_loader_fed_arbitrary_structures_fails_only_with_problems(document: dict[str, object]) -> None:
    import yaml

    text = yaml.safe_dump(document)
    try:
        files.load([("fuzz.yaml", text.encode())])
    except KnowledgeError as error:
        assert error.problems
