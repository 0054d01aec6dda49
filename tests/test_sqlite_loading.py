"""`_sqlite3` loaded with the one-function stand-in for `functools` (footspine/knowledge/sqlite.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from footspine.knowledge.sqlite import sqlite3
assert "functools" not in sys.modules, "functools was imported after all"
connection = sqlite3.connect(":memory:", cached_statements=4)
connection.execute("CREATE TABLE t(n INTEGER)")
for n in range(50):  # more distinct statements than the cache keeps, each asked twice
    connection.execute(f"INSERT INTO t VALUES ({n})")
    connection.execute(f"INSERT INTO t VALUES ({n})")
cursor = connection.execute("SELECT n FROM t WHERE n = ?", (7,))
assert cursor.fetchall() == [(7,), (7,)]
for n in range(20):  # the same statement again and again, with a cursor still open on it
    open_cursor = connection.execute("SELECT n FROM t ORDER BY n")
    assert open_cursor.fetchone() == (0,)
    assert connection.execute("SELECT n FROM t ORDER BY n").fetchall()[:2] == [(0,), (0,)]
assert connection.execute("SELECT count(*) FROM t").fetchone() == (100,)
import functools
assert functools.lru_cache.__module__ == "functools", "a later import must get the real module"
print("ok")
"""


def test_sqlite_loads_without_functools_and_caches_statements_correctly() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_an_answer_never_imports_functools(tmp_path: Path) -> None:
    """The point of the stand-in: an explain page from the index, start to finish, without
    `functools` or `re` (the first run builds the index, which needs both), nor `unicodedata`
    for an ASCII name."""
    probe = (
        "import sys\n"
        "from footspine.entry import run_argv\n"
        "code = run_argv(['explain', 'sciatica'])\n"
        "avoided = {'functools', 're', 'enum', 'typing', 'unicodedata'}\n"
        "print(code, sorted(avoided & set(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert result.stderr.strip().splitlines()[-1] == "0 []", result.stderr
