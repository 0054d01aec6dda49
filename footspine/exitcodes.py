"""The exit codes footspine promises, defined once (README documents the same table).

A plain class of ints rather than an IntEnum: `enum` costs about 2 ms to import on every run.
"""


class ExitCode:
    """Process exit status. Scripts depend on these numbers, so they never change."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_DATA = 3
    INTERNAL_ERROR = 70  # a bug: sysexits' EX_SOFTWARE
    OUT_OF_MEMORY = 71  # the machine or its limits gave too little memory: sysexits' EX_OSERR
    OUTPUT_FAILED = 74  # the answer could not be written (disk full, I/O error): sysexits' EX_IOERR
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
