"""SQLite's C module, loaded without the `functools` module it asks for.

The `_sqlite3` module fetches `functools.lru_cache` when it loads, to keep each connection's
prepared statements. Importing `functools` pulls in `collections`, `types`, `operator` and
more: about 1.7 ms, as much as loading SQLite itself, on every run. footspine asks a handful of
queries per run, so a plain dictionary that keeps up to `maxsize` statements does the same job.
It is handed to `_sqlite3` for the length of its import only; any later `import functools`
gets the real module. If `functools` is already loaded (the tests, Typer) or a future Python's
`_sqlite3` wants more than `lru_cache`, the module is imported the ordinary way.

We import `_sqlite3` rather than the `sqlite3` package, which adds only datetime adapters
(~2.5 ms a run). tests/test_sqlite_loading.py checks the statement cache and the fallback.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class _StatementCache:
    """Stands in for `functools` while `_sqlite3` loads: it has only `lru_cache`."""

    @staticmethod
    def lru_cache(maxsize: int = 128) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
        def keep(prepare: Callable[[Any], Any]) -> Callable[[Any], Any]:
            kept: dict[Any, Any] = {}

            def prepared(sql: Any) -> Any:
                try:
                    return kept[sql]
                except KeyError:
                    pass
                statement = prepare(sql)
                if maxsize > 0:
                    if len(kept) >= maxsize:
                        del kept[next(iter(kept))]  # the oldest: the few queries of a run never get here
                    kept[sql] = statement
                return statement

            return prepared

        return keep


def _load() -> Any:
    if "_sqlite3" in sys.modules or "functools" in sys.modules:
        import _sqlite3

        return _sqlite3
    sys.modules["functools"] = _StatementCache  # type: ignore[assignment]
    try:
        import _sqlite3
    except (ImportError, AttributeError):  # wants more than lru_cache: load it the ordinary way
        del sys.modules["functools"]
        import _sqlite3
    finally:
        sys.modules.pop("functools", None)
    return _sqlite3


if TYPE_CHECKING:
    import _sqlite3 as sqlite3
else:
    sqlite3 = _load()

__all__ = ["sqlite3"]
