"""The installed program as a person runs it: entry points, pipes, signals, locales, the wheel."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import MINIMAL, REPO


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "en_US.UTF-8",
        "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }


def _footspine() -> str:
    found = shutil.which("footspine", path=str(Path(sys.executable).parent)) or shutil.which("footspine")
    if found is None:
        pytest.skip("the footspine console script is not installed")
    return found


def test_console_script_runs_from_another_folder(tmp_path: Path) -> None:
    """The shipped knowledge file is found wherever the program is run from."""
    result = subprocess.run(
        [_footspine(), "explain", "sciatica"],
        env=_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sciatica\n")


def test_python_dash_m_runs_the_same_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "footspine", "--version"],
        env=_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("footspine ")


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for _first_and_second_run in range(2):
        env = _env(tmp_path, FOOTSPINE_DATA=str(MINIMAL))
        result = subprocess.run(
            f"'{sys.executable}' -m footspine explain sciatica --color always | head -1",
            shell=True,
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0
        assert result.stderr == "", result.stderr
        assert len(result.stdout.splitlines()) == 1


def test_big_output_into_a_closed_pipe(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "footspine", "explain", "sciatica", "--clinical", "-f", "json"],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.read(10)
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert process.returncode == 0


def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    # A validator run on a large file is slow enough to interrupt reliably.
    big = tmp_path / "big.yaml"
    text = MINIMAL.read_text()
    many = "".join(
        f"  - id: extra-{n}\n    title: Extra source {n}\n    publisher: NICE\n"
        f'    url: https://www.nice.org.uk/guidance/ng{n}\n    checked: "2026-11-22"\n'
        for n in range(60_000)
    )
    big.write_text(text.replace("sources:\n", "sources:\n" + many, 1))
    process = subprocess.Popen(
        [sys.executable, "-m", "footspine", "validate", str(big)],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.6)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"Traceback" not in err


@pytest.mark.parametrize("lang", ["C", "POSIX"])
def test_c_locale_gets_ascii_and_no_crash(tmp_path: Path, lang: str) -> None:
    for args in (["explain", "sciatica"], ["roots"], ["explain", "sciatica", "--color", "always"], ["list"]):
        result = subprocess.run(
            [sys.executable, "-m", "footspine", *args],
            env={**_env(tmp_path), "LANG": lang},
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.isascii(), args


def test_wheel_ships_the_knowledge_file(tmp_path: Path) -> None:
    """A normal (not editable) install must find data/knowledge.yaml inside the package."""
    if os.environ.get("FOOTSPINE_SKIP_WHEEL_TEST"):
        pytest.skip("FOOTSPINE_SKIP_WHEEL_TEST is set")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 and "Could not find a version" in result.stderr:
        pytest.skip("the build backend could not be downloaded")
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("footspine-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "footspine/data/knowledge.yaml" in names
    shipped = zipfile.ZipFile(wheel).read("footspine/data/knowledge.yaml")
    assert shipped == (REPO / "data" / "knowledge.yaml").read_bytes()
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        timeout=600,
    )
    run = subprocess.run(
        [sys.executable, "-c", "from footspine.knowledge.reading import SHIPPED; print(SHIPPED)"],
        env={**_env(tmp_path), "PYTHONPATH": str(target)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.stdout.strip() == str(target / "footspine" / "data" / "knowledge.yaml")


def test_answers_from_the_index_never_import_yaml(tmp_path: Path) -> None:
    """Only building the index parses YAML; every later run reads SQLite (issue: Speed)."""
    script = (
        "import sys\n"
        "from footspine.cli import app\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        app(['explain', 'sciatica'], standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    first = 'yaml' in sys.modules\n"
        "    for name in [m for m in sys.modules if m == 'yaml' or m.startswith(('yaml.', 'footspine'))]:\n"
        "        del sys.modules[name]\n"
        "    from footspine.cli import app\n"
        "print('yaml imported on the second run:', first)\n"
    )
    env = _env(tmp_path, FOOTSPINE_DATA=str(MINIMAL))
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("yaml imported on the second run: False")


def test_a_full_disk_is_one_line_and_exit_74(tmp_path: Path) -> None:
    """Writing the answer failed (ENOSPC): say so, with the documented code, not "please report"."""
    if not os.path.exists("/dev/full"):
        pytest.skip("this system has no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "footspine", "explain", "sciatica"],
            env=_env(tmp_path),
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 74, result.stderr
    assert result.stderr.count("\n") == 1 and "could not write the answer" in result.stderr


def test_a_deleted_working_folder(tmp_path: Path) -> None:
    """Run from a folder that was deleted after the shell entered it: still an answer, no traceback."""
    gone = tmp_path / "gone"
    for args in (["--version"], ["explain", "sciatica"]):
        gone.mkdir()
        enter_then_delete = 'd="$1"; shift; cd "$d" && rmdir "$d" && exec "$@"'
        result = subprocess.run(
            ["sh", "-c", enter_then_delete, "sh", str(gone), sys.executable, "-m", "footspine", *args],
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_a_closed_stderr_still_answers(tmp_path: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", sys.executable, "-m", "footspine", "list"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("herniated-disc ")


def _odd_named_copies(tmp_path: Path) -> tuple[bytes, bytes]:
    """A valid and an invalid knowledge file whose names are not UTF-8 (a 0xff byte)."""
    good = os.fsencode(tmp_path) + b"/k\xff.yaml"
    bad = os.fsencode(tmp_path) + b"/bad\xff\xc3\xa9.yaml"
    with open(good, "wb") as handle:
        handle.write(MINIMAL.read_bytes())
    with open(bad, "wb") as handle:
        handle.write(b"schema_version: 2\nconditions:\n  - id: x\n    nom: \xc3\xbc\n")
    return good, bad


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1", ""])
def test_file_names_that_are_not_utf8_on_any_stream(tmp_path: Path, encoding: str) -> None:
    """Such names once crashed `validate` (exit 70) on a strict UTF-8 stdout, and JSON carried
    lone surrogates. Now every command answers, naming the file with `\\xff`."""
    good, bad = _odd_named_copies(tmp_path)
    env = _env(tmp_path, PYTHONIOENCODING=encoding) if encoding else _env(tmp_path)
    cases: list[tuple[list[bytes], int]] = [
        ([b"validate", good], 0),
        ([b"validate", good, b"-f", b"json"], 0),
        ([b"validate", bad], 3),
        ([b"validate", bad, b"-f", b"json"], 3),
        ([b"--data", good, b"explain", b"sciatica"], 0),
        ([b"--data", good, b"list", b"-f", b"json"], 0),
        ([b"--data", bad, b"explain", b"sciatica"], 3),
        ([b"explain", b"\xff\xfe"], 1),
    ]
    for arguments, expected in cases:
        result = subprocess.run([os.fsencode(_footspine()), *arguments], env=env, capture_output=True, timeout=60)
        assert result.returncode == expected, (arguments, result.stderr)
        assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
        assert len(result.stderr.splitlines()) <= 1, result.stderr
        everything = result.stdout + result.stderr
        assert b"\xed\xb3\xbf" not in everything and b"\\udcff" not in everything  # no raw or escaped surrogate
        if b"validate" in arguments or b"-f" in arguments:
            assert b"\\xff" in everything, (arguments, everything[:300])


def _sh(redirect: str, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the console script with a shell redirection applied first (`>&-` closes stdout)."""
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", _footspine(), *args],
        env=_env(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["explain", "sciatica"], 74), (["list"], 74), (["validate"], 74), (["--version"], 74), (["explain", "zzz"], 1)],
)
def test_a_closed_stdout_is_a_failed_write(tmp_path: Path, args: list[str], expected: int) -> None:
    """`footspine ... >&-`: the answer cannot be written, so exit 74 and one line, never 70 or 120
    (Python's own code for a failed flush at exit)."""
    result = _sh(">&-", tmp_path, *args)
    assert result.returncode == expected, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if expected == 74:
        assert "standard output is closed" in result.stderr


def test_a_closed_stdout_during_completion(tmp_path: Path) -> None:
    result = _sh(
        ">&-", tmp_path, _FOOTSPINE_COMPLETE="complete_bash", COMP_WORDS="footspine explain sc", COMP_CWORD="2"
    )
    assert result.returncode == 74 and "standard output is closed" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["explain", "zzz"], 1), (["--data", "/nonexistent/k.yaml", "list"], 3), (["explain", "--bogus"], 2)],
)
def test_a_closed_stderr_keeps_every_exit_status(tmp_path: Path, args: list[str], expected: int) -> None:
    result = _sh("2>&-", tmp_path, *args)
    assert result.returncode == expected


def test_a_closed_stderr_with_an_unsafe_cache_still_answers(tmp_path: Path) -> None:
    """The notice about the cache folder cannot be said; the page must still come."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    result = _sh("2>&-", tmp_path, "explain", "cauda-equina", FOOTSPINE_CACHE_DIR=str(shared))
    assert result.returncode == 0
    assert "999" in result.stdout


def test_the_guided_check_with_stdin_closed(tmp_path: Path) -> None:
    """No input at all reads as end of input: every question unanswered, an answer, exit 0."""
    result = _sh("<&-", tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout.strip()


def test_the_guided_check_fed_endless_replies_that_never_fit_ends(tmp_path: Path) -> None:
    """`yes n | footspine check`: "n" never fits the numbers question, and the input never
    ends. Each question gives up after three tries, so the check answers and exits 0 (it used
    to re-ask for ever, writing hundreds of megabytes of prompts)."""
    result = subprocess.run(
        f"yes n | '{sys.executable}' -m footspine check -f json",
        shell=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert json.loads(result.stdout)["result"]["urgency"] in ("routine", "self-care")
    assert "No answer fitted after 3 tries" in result.stderr and len(result.stderr) < 20_000


def test_closed_descriptors_are_never_reused_for_the_index(tmp_path: Path) -> None:
    """With stdout closed, the first file opened would take descriptor 1; anything written to
    "stdout" would then land in the index. The index must stay a database."""
    _sh(">&-", tmp_path, "explain", "sciatica")
    indexes = list((tmp_path / "cache" / "index").iterdir())
    assert indexes
    for index in indexes:
        assert index.read_bytes().startswith(b"SQLite format 3\0")
    again = subprocess.run([_footspine(), "explain", "sciatica"], env=_env(tmp_path), capture_output=True)
    assert again.returncode == 0


@pytest.mark.parametrize("args", [["--help"], ["explain", "--help"], ["--show-completion", "bash"]])
def test_typer_pages_into_a_full_disk_or_a_closed_pipe(tmp_path: Path, args: list[str]) -> None:
    """Help and completion scripts are written by Typer, which makes a closed pipe exit 1 and a
    full disk an internal error; footspine's promise holds there too: 0 and 74."""
    if not os.path.exists("/dev/full"):
        pytest.skip("this system has no /dev/full")
    full = _sh(">/dev/full", tmp_path, *args)
    assert full.returncode == 74, full.stderr
    assert full.stderr.count("\n") == 1 and "could not write the answer" in full.stderr
    piped = subprocess.run(
        ["sh", "-c", '"$@" | true; echo "status ${?}"', "sh", _footspine(), *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    closed = subprocess.Popen([_footspine(), *args], env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert closed.stdout is not None
    closed.stdout.close()
    _, err = closed.communicate(timeout=60)
    assert closed.returncode == 0, err
    assert err == b""
    assert "Traceback" not in piped.stderr


def test_relative_paths_after_the_working_folder_is_deleted(tmp_path: Path) -> None:
    """A relative --data, FOOTSPINE_DATA or cache folder cannot be found any more: the documented
    code and one line, not an internal error."""
    gone = tmp_path / "gone"
    enter_then_delete = 'd="$1"; shift; cd "$d" && rmdir "$d" && exec "$@"'
    cases: list[tuple[list[str], dict[str, str], int]] = [
        (["--data", "k.yaml", "list"], {}, 3),
        (["list"], {"FOOTSPINE_DATA": "k.yaml"}, 3),
        (["explain", "sciatica"], {"FOOTSPINE_CACHE_DIR": "relative-cache"}, 0),
    ]
    for args, extra, expected in cases:
        gone.mkdir()
        result = subprocess.run(
            ["sh", "-c", enter_then_delete, "sh", str(gone), _footspine(), *args],
            env=_env(tmp_path, **extra),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == expected, (args, result.stderr)
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert "internal error" not in result.stderr


def test_a_non_blocking_stdout_gets_the_whole_answer(tmp_path: Path) -> None:
    """Some tools leave stdout non-blocking; a write then stops at the pipe's size (64 KiB) and
    the rest of the answer was silently lost. The reader here is slow on purpose."""
    import fcntl

    args = [_footspine(), "explain", "sciatica", "--clinical", "-f", "json"]
    whole = subprocess.run(args, env=_env(tmp_path), capture_output=True, timeout=60).stdout
    assert len(whole) > 65536
    read_end, write_end = os.pipe()
    flags = fcntl.fcntl(write_end, fcntl.F_GETFL)
    fcntl.fcntl(write_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    process = subprocess.Popen(args, env=_env(tmp_path), stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    time.sleep(0.5)
    got = b""
    while chunk := os.read(read_end, 1 << 16):
        got += chunk
    os.close(read_end)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert got == whole


@pytest.mark.parametrize("cword", ["-5", "0", "99"])
def test_completion_with_an_odd_word_count(tmp_path: Path, cword: str) -> None:
    env = _env(tmp_path, _FOOTSPINE_COMPLETE="complete_bash", COMP_WORDS="footspine explain sc", COMP_CWORD=cword)
    result = subprocess.run([_footspine()], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_line_breaks_and_escapes_in_paths_stay_inside_one_line(tmp_path: Path) -> None:
    """A file or cache folder name can hold a newline or ESC; a one-line message must stay one
    line (no forged `FS000 all good` line) and no escape sequence may reach the terminal."""
    forged = "bad\nfake.yaml:1:1: FS000 all good.yaml"
    (tmp_path / forged).write_text("schema_version: 2\nbogus: 1\n", encoding="utf-8")
    result = subprocess.run(
        [_footspine(), "--data", forged, "list"], env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 3
    assert len(result.stderr.splitlines()) == 1, result.stderr
    result = subprocess.run(
        [_footspine(), "validate", forged], env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 3
    assert all(line.startswith("bad\\nfake.yaml") for line in result.stdout.splitlines())
    cache = tmp_path / "open\x1b[2J\x1b]0;title\x07\ncache"
    cache.mkdir()
    cache.chmod(0o777)
    result = subprocess.run(
        [_footspine(), "explain", "sciatica"],
        env=_env(tmp_path, FOOTSPINE_CACHE_DIR=str(cache)),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_ctrl_c_while_modules_load_exits_130_without_a_traceback(tmp_path: Path) -> None:
    """The console script keeps Ctrl-C quiet from its first line. A stand-in `footspine` package
    that is slow to import makes "while modules load" a moment the test can hit every time
    (pip's generated script showed a traceback in 7 of 40 random early interrupts)."""
    script = _footspine()
    with open(script, encoding="utf-8") as handle:
        assert "_signal.signal(_signal.SIGINT" in handle.read(), "the installed script is not bin/footspine"
    slow = tmp_path / "slow" / "footspine"
    slow.mkdir(parents=True)
    (slow / "__init__.py").write_text("")
    (slow / "entry.py").write_text(
        "import sys, time\nsys.stderr.write('loading\\n')\nsys.stderr.flush()\ntime.sleep(30)\n"
    )
    process = subprocess.Popen(
        [script, "explain", "sciatica"],
        env=_env(tmp_path, PYTHONPATH=str(slow.parent)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == b"loading\n"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["explain", "sciatica", "--clinical", "-f", "json"], 0),  # a long answer, fully buffered
        (["explain", "qqqzzz"], 1),  # not found: a line on stderr
        (["validate", str(REPO / "tests" / "fixtures" / "invalid" / "FS009-unknown-reference.yaml")], 3),
        (["list", "--format", "nope"], 2),  # a usage error, from Typer
    ],
)
def test_ending_without_teardown_loses_nothing(tmp_path: Path, args: list[str], expected: int) -> None:
    """The console script skips the interpreter's teardown once the answer is out. Into regular
    files (fully buffered, unlike a terminal) it writes exactly what an ordinary exit writes,
    with the same status, and the index it built is complete for the next run."""
    ordinary = [sys.executable, "-c", "from footspine.entry import main; main()"]
    outcomes: list[tuple[str, int, str, str]] = []
    for command in ([_footspine()], [sys.executable, "-m", "footspine"], ordinary):
        cache = tmp_path / f"cache-{len(outcomes)}"
        for run in ("first", "second"):  # the second answers from the index the first one built
            out, err = tmp_path / "out", tmp_path / "err"
            with out.open("w") as stdout, err.open("w") as stderr:
                status = subprocess.run(
                    [*command, *args],
                    env=_env(tmp_path, FOOTSPINE_CACHE_DIR=str(cache)),
                    cwd=tmp_path,
                    stdout=stdout,
                    stderr=stderr,
                    timeout=60,
                ).returncode
            outcomes.append((run, status, out.read_text(), err.read_text()))
    assert outcomes[0][1] == expected and "Traceback" not in outcomes[0][3], outcomes[0]
    assert outcomes[0][2] or outcomes[0][3], "nothing was written"
    assert all(outcome[1:] == outcomes[0][1:] for outcome in outcomes), [o[:2] for o in outcomes]
