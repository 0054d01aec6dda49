"""The compiled index is never stale, never trusted blindly, and a broken cache is never fatal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import MINIMAL


def run(
    *args: str, cache: Path, env: dict[str, str] | None = None, cwd: Path | None = None, user: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(cache.parent),
        "LANG": "en_US.UTF-8",
        "COLUMNS": "80",
        "FOOTSPINE_CACHE_DIR": str(cache),
        **(env or {}),
    }
    if "PYTHONPATH" in os.environ:
        environment["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [*(user or []), sys.executable, "-m", "footspine", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd or cache.parent,  # not the repo: `python -m` would import the source tree from cwd
        timeout=60,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "knowledge.yaml"
    shutil.copy(MINIMAL, path)
    return path


def test_editing_the_knowledge_file_changes_the_answer(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    before = run("--data", str(data), "explain", "sciatica", cache=cache)
    run("--data", str(data), "explain", "sciatica", cache=cache)
    data.write_text(data.read_text().replace("name: Sciatica", "name: Sciatica (edited)"))
    after = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert "Sciatica (edited)" in after.stdout
    assert before.stdout != after.stdout


def test_same_size_edit_is_seen(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    run("--data", str(data), "list", cache=cache)
    data.write_text(data.read_text().replace("name: Sciatica", "name: Sciatixa"))
    after = run("--data", str(data), "list", cache=cache)
    assert "Sciatixa" in after.stdout


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"COLUMNS": "80"}, {"COLUMNS": "50"}),
        ({}, {"FORCE_COLOR": "1"}),
        ({"FORCE_COLOR": "1"}, {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
        ({"LANG": "en_US.UTF-8"}, {"LANG": "C"}),
    ],
)
def test_environment_changes_the_answer(
    data: Path, tmp_path: Path, first: dict[str, str], second: dict[str, str]
) -> None:
    cache = tmp_path / "c"
    args = ("--data", str(data), "explain", "sciatica")
    a = run(*args, cache=cache, env=first)
    run(*args, cache=cache, env=first)
    b = run(*args, cache=cache, env=second)
    assert a.stdout != b.stdout


def test_colour_mode_changes_the_answer(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    a = run("--data", str(data), "explain", "sciatica", "--color", "always", cache=cache)
    b = run("--data", str(data), "explain", "sciatica", "--color", "never", cache=cache)
    assert "\x1b[" in a.stdout and "\x1b[" not in b.stdout


def test_another_data_file_changes_the_answer(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL.read_text().replace("name: Sciatica", "name: Other sciatica"))
    a = run("--data", str(data), "list", cache=cache)
    run("--data", str(data), "list", cache=cache)
    b = run("--data", str(other), "list", cache=cache)
    assert "Other sciatica" in b.stdout and "Other sciatica" not in a.stdout
    env = run("list", cache=cache, env={"FOOTSPINE_DATA": str(other)})
    assert "Other sciatica" in env.stdout


def test_corrupted_index_is_rebuilt(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    good = run("--data", str(data), "explain", "sciatica", cache=cache)
    for index in (cache / "index").glob("*.sqlite"):
        index.write_bytes(b"this is not a database" * 100)
    again = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert again.returncode == 0, again.stderr
    assert again.stdout == good.stdout
    assert "Traceback" not in again.stderr


def test_truncated_index_is_rebuilt(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    good = run("--data", str(data), "explain", "sciatica", cache=cache)
    for index in (cache / "index").glob("*.sqlite"):
        raw = index.read_bytes()
        index.write_bytes(raw[: len(raw) // 3])
    again = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert again.returncode == 0, again.stderr
    assert again.stdout == good.stdout


def test_unwritable_cache_only_costs_speed(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("--data", str(data), "explain", "sciatica", cache=blocker / "cache", cwd=tmp_path)
    assert result.returncode == 0
    assert "Sciatica" in result.stdout
    assert result.stderr.count("\n") == 1 and "answering without a cache" in result.stderr


@pytest.mark.parametrize("folder", ["", "index"])
def test_cache_folders_without_permissions_still_answer(second_user: tuple[list[str], Path], folder: str) -> None:
    """Run as a user the permissions apply to (root ignores them): `setpriv` when root."""
    user, home = second_user
    data = home / "knowledge.yaml"
    shutil.copy(MINIMAL, data)
    data.chmod(0o644)
    cache = home / "c"
    good = run("--data", str(data), "explain", "sciatica", cache=cache, user=user)
    assert good.returncode == 0, good.stderr
    assert (cache / "index").is_dir()
    locked = cache / folder
    locked.chmod(0)
    try:
        again = run("--data", str(data), "explain", "sciatica", cache=cache, user=user)
    finally:
        locked.chmod(0o700)
    assert again.returncode == 0, again.stderr
    assert again.stdout == good.stdout
    assert "Traceback" not in again.stderr and again.stderr.count("\n") <= 1


def test_users_sharing_a_cache_folder_never_touch_each_others_index(
    second_user: tuple[list[str], Path], tmp_path: Path
) -> None:
    """One user's cache named by another (a shared FOOTSPINE_CACHE_DIR): the second user's run
    does not use it, says why once, answers, and leaves the owner's index as it was."""
    user, home = second_user
    if not user:
        pytest.skip("needs root to make the first user's cache")
    data = home / "knowledge.yaml"
    shutil.copy(MINIMAL, data)
    data.chmod(0o644)
    cache = home / "owners-cache"
    cache.mkdir(mode=0o755)
    owner = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert owner.returncode == 0, owner.stderr
    before = {p.name: p.read_bytes() for p in (cache / "index").iterdir()}
    (cache / "index").chmod(0o755)
    other = run("--data", str(data), "explain", "sciatica", cache=cache, user=user)
    assert other.returncode == 0, other.stderr
    assert other.stdout == owner.stdout
    assert other.stderr.count("\n") == 1 and "without a cache" in other.stderr
    assert {p.name: p.read_bytes() for p in (cache / "index").iterdir()} == before


def test_no_home_and_no_cache_still_answers(data: Path, tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "LANG": "en_US.UTF-8"}  # no HOME, no XDG_CACHE_HOME
    result = subprocess.run(
        [sys.executable, "-m", "footspine", "--data", str(data), "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("sciatica Sciatica")


def test_knowledge_file_is_never_written(data: Path, tmp_path: Path) -> None:
    before = (data.read_bytes(), data.stat().st_mtime_ns)
    for args in (["explain", "sciatica"], ["list"], ["validate"], ["search", "pain"]):
        run("--data", str(data), *args, cache=tmp_path / "c")
    assert (data.read_bytes(), data.stat().st_mtime_ns) == before


def test_racing_runs_during_replacement_give_whole_answers(data: Path, tmp_path: Path) -> None:
    """Twenty runs while the file is replaced (atomically) underneath them."""
    cache = tmp_path / "c"
    old = MINIMAL.read_text()
    new = old.replace("name: Sciatica", "name: Sciatica v2")
    env = {
        "PATH": os.environ["PATH"],
        "LANG": "en_US.UTF-8",
        "FOOTSPINE_CACHE_DIR": str(cache),
        "_FOOTSPINE_RACY_SECONDS": "0",
    }
    processes = []
    for number in range(20):
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "footspine", "--data", str(data), "list"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        )
        staged = tmp_path / f"staged-{number}.yaml"
        staged.write_text(new if number % 2 == 0 else old)
        os.replace(staged, data)
    expected = {
        "sciatica Sciatica\nplantar-fasciitis Plantar fasciitis\n",
        "sciatica Sciatica v2\nplantar-fasciitis Plantar fasciitis\n",
    }
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out in expected
        assert "Traceback" not in err
    final = data.read_text()
    latest = run("--data", str(data), "list", cache=cache)
    assert ("Sciatica v2" in latest.stdout) == ("Sciatica v2" in final)


# --- the index is found by the files' identity, and only footspine's own files are touched -----


def _indexes(cache: Path) -> list[Path]:
    return sorted((cache / "index").glob("footspine-index-*.sqlite"))


def test_a_touched_file_keeps_its_index_and_an_edit_rebuilds_it(data: Path, tmp_path: Path) -> None:
    """Same bytes under a new identity (touch) refresh the recorded identity; new bytes rebuild."""
    cache = tmp_path / "c"
    first = run("--data", str(data), "list", cache=cache)
    [index] = _indexes(cache)
    compiled = _compiled(index)
    os.utime(data, (1_000_000, 1_000_000))
    touched = run("--data", str(data), "list", cache=cache)
    assert touched.stdout == first.stdout
    [refreshed] = _indexes(cache)
    assert _compiled(refreshed) == compiled  # the identity was refreshed; nothing was compiled again
    data.write_text(data.read_text().replace("name: Sciatica", "name: Sciatica edited"))
    edited = run("--data", str(data), "list", cache=cache)
    assert "Sciatica edited" in edited.stdout
    [rebuilt] = _indexes(cache)
    assert _compiled(rebuilt) != compiled


def _compiled(index: Path) -> int:
    import _sqlite3

    from footspine.knowledge.index import unpack

    connection = _sqlite3.connect(str(index))
    try:
        [(value,)] = connection.execute("SELECT value FROM meta WHERE key = 'compiled'").fetchall()
    finally:
        connection.close()
    compiled: int = unpack(value)
    return compiled


def test_the_cache_is_private(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    run("--data", str(data), "list", cache=cache)
    assert (cache.stat().st_mode & 0o777) == 0o700
    assert ((cache / "index").stat().st_mode & 0o777) == 0o700
    for index in _indexes(cache):
        assert (index.stat().st_mode & 0o077) == 0, oct(index.stat().st_mode)


@pytest.mark.parametrize("problem", ["group-writable", "symlinked-index", "index-is-a-file"])
def test_an_unsafe_cache_is_not_used_and_says_why_once(data: Path, tmp_path: Path, problem: str) -> None:
    cache = tmp_path / "c"
    cache.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if problem == "group-writable":
        cache.chmod(0o770)
    elif problem == "symlinked-index":
        (cache / "index").symlink_to(elsewhere)
    else:
        (cache / "index").write_text("not a folder")
    result = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert result.returncode == 0, result.stderr
    assert "Sciatica" in result.stdout
    assert result.stderr.count("answering without a cache") == 1, result.stderr
    assert list(elsewhere.iterdir()) == []  # nothing was written through the symlink


def test_only_footspines_own_files_are_ever_removed(data: Path, tmp_path: Path) -> None:
    """Pruning (more data files than indexes kept) and a damaged index leave other files alone."""
    cache = tmp_path / "c"
    (cache / "index").mkdir(parents=True, mode=0o700)
    cache.chmod(0o700)
    strangers = [cache / "index" / f"photo{n}.sqlite" for n in range(5)] + [cache / "notes.sqlite"]
    for stranger in strangers:
        stranger.write_bytes(b"not ours")
    for number in range(12):
        other = tmp_path / f"k{number}.yaml"
        shutil.copy(data, other)
        assert run("--data", str(other), "list", cache=cache).returncode == 0
    assert len(_indexes(cache)) <= 8
    for index in _indexes(cache):
        index.write_bytes(b"damaged" * 100)
    assert run("--data", str(data), "list", cache=cache).returncode == 0
    assert all(stranger.read_bytes() == b"not ours" for stranger in strangers)


def test_a_damaged_index_is_the_only_one_discarded(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    other = tmp_path / "other.yaml"
    shutil.copy(data, other)
    run("--data", str(data), "list", cache=cache)
    run("--data", str(other), "list", cache=cache)
    first, second = _indexes(cache)
    kept = second.read_bytes()
    first.write_bytes(b"damaged" * 100)
    run("--data", str(data), "list", cache=cache)
    run("--data", str(other), "list", cache=cache)
    assert second.read_bytes() == kept or first.read_bytes() == kept


def test_only_corruption_counts_as_a_damaged_index(tmp_path: Path) -> None:
    import _sqlite3

    from footspine.knowledge.access import is_corruption

    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    with pytest.raises(_sqlite3.DatabaseError) as corrupt:
        _sqlite3.connect(str(damaged)).execute("SELECT 1 FROM meta")
    assert is_corruption(corrupt.value)
    with pytest.raises(_sqlite3.DatabaseError) as bug:
        _sqlite3.connect(":memory:").execute("SELECT no_such_column FROM sqlite_master")
    assert not is_corruption(bug.value)


@pytest.mark.parametrize("folder", ["a#b", "a?b", "a%20b", "caf\u00e9 cache"])
def test_odd_characters_in_the_cache_path(data: Path, tmp_path: Path, folder: str) -> None:
    """'#', '?' and '%' are data in a path, not URI syntax: the index is found again, not rebuilt."""
    cache = tmp_path / folder
    first = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert first.returncode == 0, first.stderr
    [index] = _indexes(cache)
    built = index.stat().st_mtime_ns
    again = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert again.returncode == 0 and again.stdout == first.stdout and again.stderr == ""
    assert [p.stat().st_mtime_ns for p in _indexes(cache)] == [built]


def test_a_relative_home_is_no_cache_at_all(data: Path, tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "LANG": "en_US.UTF-8", "HOME": "relative/home"}
    result = subprocess.run(
        [sys.executable, "-m", "footspine", "--data", str(data), "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "relative").exists()


def test_files_named_like_ours_but_not_ours_are_never_removed_or_replaced(data: Path, tmp_path: Path) -> None:
    """A symlink, or another user's file, under a name footspine makes (even the exact name of
    the index it is about to write) stays as it is; footspine answers from memory instead."""
    if os.geteuid() != 0:
        pytest.skip("needs root to plant another user's file (chown)")
    cache = tmp_path / "c"
    first = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert first.returncode == 0, first.stderr
    index = cache / "index"
    [own] = list(index.glob("footspine-index-*.sqlite"))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    planted = {
        index / "footspine-index-link.sqlite": None,
        index / "footspine-index-foreign.sqlite": b"theirs",
        index / "footspine-building-old.sqlite": b"theirs too",
    }
    (index / "footspine-index-link.sqlite").symlink_to(victim)
    for path, content in planted.items():
        if content is not None:
            path.write_bytes(content)
            os.chown(path, 1234, 1234)
            os.utime(path, (0, 0))  # "left by a killed build" two hours ago, by its age
    own.unlink()
    own.write_bytes(b"another user's file at the exact index name")
    os.chown(own, 1234, 1234)
    for number in range(10):  # more data files than indexes kept, so pruning runs
        other = tmp_path / f"k{number}.yaml"
        shutil.copy(data, other)
        assert run("--data", str(other), "list", cache=cache).returncode == 0
    again = run("--data", str(data), "explain", "sciatica", cache=cache)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert victim.read_text() == "precious" and (index / "footspine-index-link.sqlite").is_symlink()
    for path, content in planted.items():
        if content is not None:
            assert path.read_bytes() == content
    assert own.read_bytes() == b"another user's file at the exact index name"


def test_an_edit_through_a_memory_map_is_seen(data: Path, tmp_path: Path) -> None:
    """Writes to a page already made dirty through a shared memory map change the bytes but not
    the file's times, so identity alone once kept serving the old index for good (a condition
    shown as harmless after the file had been put back to "emergency")."""
    import mmap

    cache = tmp_path / "c"
    original = data.read_bytes()
    assert b"name: Sciatica\n" in original
    edited = original.replace(b"name: Sciatica\n", b"name: Sciatiqq\n")
    with open(data, "r+b") as handle, mmap.mmap(handle.fileno(), len(original)) as mapped:
        mapped[:] = edited
        assert "Sciatiqq" in run("--data", str(data), "list", cache=cache).stdout
        mapped[:] = original  # the same dirty page: no new modification time
        mapped.flush()
    for _ in range(2):
        again = run("--data", str(data), "list", cache=cache)
        assert "Sciatiqq" not in again.stdout and "Sciatica" in again.stdout


def test_a_settled_file_is_not_read_again(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content check is only for files changed in the last two minutes: once a file has
    settled, finding the index costs a stat, not a read."""
    from footspine.knowledge import access

    reads: list[list[str]] = []
    real_read = access._read

    def counted(labels: list[str]) -> Any:
        reads.append(labels)
        return real_read(labels)

    monkeypatch.setattr(access, "_read", counted)
    folder = tmp_path / "index"
    folder.mkdir()
    access.open_store([data], folder).close()
    assert len(reads) == 1
    access.open_store([data], folder).close()  # changed seconds ago: checked by content
    assert len(reads) == 2
    later = access._now() + 10 * 60 * 10**9
    monkeypatch.setattr(access, "_now", lambda: later)
    access.open_store([data], folder).close()  # ten minutes on: checked once more, and recorded ...
    assert len(reads) == 3
    access.open_store([data], folder).close()  # ... and no read after that
    access.open_store([data], folder).close()
    assert len(reads) == 3


def test_damage_sqlite_cannot_see_is_found_and_rebuilt(data: Path, tmp_path: Path) -> None:
    """A flipped byte inside a stored entry, or a zeroed disk block, is not SQLite corruption:
    it once showed altered text, or failed with exit 70 on every run. Every stored value now
    carries a CRC; damage discards that index and the answer comes from a rebuilt one."""
    cache = tmp_path / "c"
    expected = run("--data", str(data), "explain", "sciatica", "-f", "json", cache=cache)
    assert expected.returncode == 0
    [index] = _indexes(cache)
    pristine = index.read_bytes()
    summary = b"Pain that runs from your lower back"
    assert pristine.count(summary) >= 1
    damages = {
        "flipped": pristine.replace(summary, b"Pain that runs from your lower bacK"),
        "zeroed": pristine[:8192] + bytes(4096) + pristine[12288:],
        "listing name": pristine.replace(b"Sciatica", b"Sciaticq"),
    }
    listing = run("--data", str(data), "list", cache=cache).stdout
    for name, damaged in damages.items():
        index.write_bytes(damaged)
        result = run("--data", str(data), "explain", "sciatica", "-f", "json", cache=cache)
        assert result.returncode == 0, (name, result.stderr)
        assert result.stdout == expected.stdout, name
        index.write_bytes(damaged)
        listed = run("--data", str(data), "list", cache=cache)
        assert listed.returncode == 0, (name, listed.stderr)
        assert listed.stdout == listing, name


def test_folders_made_on_the_way_to_the_cache_are_private_under_any_umask(tmp_path: Path) -> None:
    """`makedirs` gives its mode to the last folder only; under umask 000 the folders above it
    (even a missing HOME) were made 0777, open to every user's writes."""
    home = tmp_path / "home"
    environment = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "en_US.UTF-8"}
    result = subprocess.run(
        ["sh", "-c", 'umask 000 && exec "$@"', "sh", sys.executable, "-m", "footspine", "explain", "sciatica"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for folder in (home, home / ".cache", home / ".cache" / "footspine", home / ".cache" / "footspine" / "index"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
