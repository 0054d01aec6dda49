"""TAB completion, answered from the index without loading Typer.

The completion scripts Typer installs call `footspine` with `_FOOTSPINE_COMPLETE` set and the
words typed so far (bash: COMP_WORDS and COMP_CWORD; zsh and fish: _TYPER_COMPLETE_ARGS). This
module answers the common case, a condition, mechanism or root name or a command name, from
the index. Anything else (an option name, a quoted word) returns None and Typer answers it.
The words typed are only read and matched, never evaluated, and what is printed for zsh is
quoted so the shell takes every name literally.
"""

from __future__ import annotations

import sys

from footspine.commands import COMMANDS, GLOBAL_PARAMS

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Mapping


def complete(env: Mapping[str, str]) -> int | None:
    """Print the completions and return 0, or None to leave this request to Typer."""
    shell = env.get("_FOOTSPINE_COMPLETE", "")
    if shell == "complete_bash":
        words = _split(env.get("COMP_WORDS", ""))
        if words is None:
            return None
        try:
            cword = int(env.get("COMP_CWORD", ""))
        except ValueError:
            return None
        if cword < 1:
            return 0  # not a word after `footspine` (a shell that counts oddly): nothing to offer
        args, incomplete = words[1:cword], (words[cword] if cword < len(words) else "")
    elif shell in ("complete_zsh", "complete_fish"):
        line = env.get("_TYPER_COMPLETE_ARGS", "")
        words = _split(line)
        if words is None:
            return None
        args = words[1:]
        incomplete = ""
        if args and not line.endswith(" "):
            incomplete = args.pop()
    else:
        return None
    found = _complete(args, incomplete, env)
    if found is None:
        return None
    if shell == "complete_bash":
        out = "\n".join(found)
    elif shell == "complete_zsh":
        out = "_arguments '*: :((" + "\n".join(f'"{_zsh_quote(v)}"' for v in found) + "))'" if found else "_files"
    else:
        action = env.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return 0 if found else 1
        out = "\n".join(found)
    sys.stdout.write(out)
    return 0


def _split(line: str) -> list[str] | None:
    """The words typed, their quotes and escapes read as the shell would (a quote still open,
    because the word is being typed, is closed first). Names are never handed to Typer to
    complete: its zsh output leaves a backslash before `$` unescaped, so a name from a knowledge
    file could set variables in the user's shell."""
    if not any(ch in line for ch in "'\"\\"):
        return line.split()
    import shlex

    for ending in ("", '"', "'"):
        try:
            return shlex.split(line + ending)
        except ValueError:
            continue
    return None


def _zsh_quote(value: str) -> str:
    """Inside zsh's _arguments '((...))' spec: double quotes, with every active character escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _complete(args: list[str], incomplete: str, env: Mapping[str, str]) -> list[str] | None:
    args = [a for a in args if a]
    data: list[str] = []
    index = 0
    while index < len(args) and args[index].startswith("-"):
        if args[index] == "--data" and index + 1 < len(args):
            data.append(args[index + 1])
            index += 2
        elif args[index].startswith("--data="):
            data.append(args[index][7:])
            index += 1
        else:
            return None
    if incomplete.startswith("-"):
        return None
    if index >= len(args):
        if args and args[-1] in {flag for p in GLOBAL_PARAMS for flag in p.flags}:
            return None  # the value of a global option (a file name): the shell's own completion
        return sorted(name for name in COMMANDS if name.startswith(incomplete))
    command = COMMANDS.get(args[index])
    if command is None:
        return None
    rest = args[index + 1 :]
    options = {flag: p for p in command.params for flag in p.flags}
    if rest and rest[-1] in options and options[rest[-1]].kind != "flag":
        kind = options[rest[-1]].complete
    else:
        argument = next((p for p in command.params if not p.flags), None)
        kind = argument.complete if argument is not None else ""
    if not kind:
        return None
    return candidates(kind, incomplete, data, env)


def candidates(kind: str, incomplete: str, data: list[str], env: Mapping[str, str]) -> list[str]:
    """Names of this kind that start with what was typed, read from the index.

    A match keeps the person's own spelling of the prefix ("Sci" -> "Sciatica", "L" -> "L5"),
    because the shell keeps only words that start with exactly what was typed.
    """
    from footspine.cachedir import index_folder
    from footspine.knowledge.access import open_store
    from footspine.knowledge.names import normalize
    from footspine.knowledge.reading import data_paths

    paths = data_paths(data, env)
    prefix = normalize(incomplete)
    try:
        store = open_store(paths, index_folder(env))
        try:
            if kind == "condition":
                names = store.completion_names(prefix)
            else:
                names = [n.upper() if kind == "root" else n for n in store.entry_ids(kind)]
        finally:
            store.close()
    except Exception:  # noqa: BLE001 - completion must never print a traceback into a shell
        return []
    head = len(incomplete)
    return [
        incomplete + n[head:] if normalize(n[:head]) == prefix else n for n in names if normalize(n).startswith(prefix)
    ]
