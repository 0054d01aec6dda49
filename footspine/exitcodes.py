"""The exit codes footspine promises, defined once (README documents the same table)."""

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit status. Scripts depend on these numbers, so they never change."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_DATA = 3
    INTERNAL_ERROR = 70  # a bug: sysexits' EX_SOFTWARE
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
