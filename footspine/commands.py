"""The commands, defined once as data, and the quick parser that reads ordinary command lines.

Every command, option, argument and help text is declared here and nowhere else. Two parsers
read this table:

- `parse` below, for the command lines people type (`explain sciatica --color always`). It
  needs no framework, so a question is answered without importing Typer or Click.
- `footspine.cli` builds the Typer app from the same table, for everything else: `--help`,
  shell-completion scripts, and every line `parse` does not accept (an unknown option, a bad
  choice, a missing argument), where Typer's one-line usage error is the right answer.

Both produce the same `Request`; `tests/test_commands.py` checks the two parsers agree on
generated command lines, so the quick one can never mean something Typer would not.
"""

from __future__ import annotations

from footspine.record import dataclass

FORMATS = ("text", "json", "markdown", "html")
COLORS = ("auto", "always", "never")
KINDS = ("spinal", "mimic", "emergency", "red-flag")
HANDOUT_COMMANDS = frozenset({"explain", "treatments", "roots", "red-flags"})
"""The commands whose page can be printed for a patient (`--format html`)."""

APP_HELP = (
    "Explains how problems in the lower spine can cause foot pain.\n\n"
    "For learning only: footspine cannot diagnose you. Numbness around the genitals or "
    "back passage, new bladder or bowel trouble, or weakness in both legs is an "
    "emergency: call 999 (UK), 911 (US) or 112 (EU), or go to A&E now."
)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    """The key in `Request.values` (and the Python parameter name Typer sees)."""
    flags: tuple[str, ...] = ()
    """Option spellings, long first; empty for a positional argument."""
    kind: str = "text"
    """text, flag (on/off), choice (one of `choices`) or path."""
    many: bool = False
    """Repeatable option, or an argument that takes every remaining word."""
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | bool | None = None
    help: str = ""
    complete: str = ""
    """condition, mechanism or root: TAB completes it from the index."""


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    help: str
    """The command's `--help` text, with one example on its last line."""
    params: tuple[Param, ...]


@dataclass(frozen=True, slots=True)
class Request:
    """One parsed command line: what every command runs from, whichever parser read it."""

    command: str
    values: dict[str, object]
    data: tuple[str, ...] = ()
    """The `--data` files, in order; empty means FOOTSPINE_DATA or the shipped file."""

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def flag(self, name: str) -> bool:
        return self.values.get(name) is True

    def words(self, name: str) -> list[str]:
        value = self.values.get(name)
        return [str(v) for v in value] if isinstance(value, list) else []


def _format(*, html: bool = True) -> Param:
    return Param(
        "format",
        ("--format", "-f"),
        "choice",
        choices=FORMATS,
        default="text",
        help="text (terminal or plain), json, markdown, or html (a page to print for a patient)."
        if html
        else "text (terminal or plain), json or markdown.",
    )


COLOR = Param(
    "color",
    ("--color",),
    "choice",
    choices=COLORS,
    default="auto",
    help="auto: styled on a terminal; always: styled even when piped; never.",
)
NO_PAGER = Param(
    "no_pager", ("--no-pager",), "flag", help="Print straight to the terminal, even when the page is long."
)
CLINICAL = Param("clinical", ("--clinical",), "flag", help="Add the notes for clinicians.")

DATA = Param(
    "data",
    ("--data",),
    "path",
    many=True,
    help="Knowledge file to use instead of the shipped one; repeat to add local files "
    "(later ones add entries and replace those with the same id). "
    "Env: FOOTSPINE_DATA, paths separated by ':'.",
)
VERSION = Param("version", ("--version", "-V"), "flag", help="Show versions and exit.")
GLOBAL_PARAMS = (DATA, VERSION)

COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command(
            "explain",
            "Explain a condition: what it is, how it reaches your foot, and when to get help.\n\n"
            "Example: footspine explain sciatica",
            (
                Param(
                    "name",
                    many=True,
                    required=True,
                    help="Condition id, name or alias (words may be separate).",
                    complete="condition",
                ),
                Param(
                    "brief",
                    ("--brief", "-b"),
                    "flag",
                    help="One screen: what it is, the map, when to get help, treatments.",
                ),
                Param("clinical", ("--clinical",), "flag", help="Add ICD-10-CM codes, exam signs and evidence."),
                _format(),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "check",
            "Is your foot pain from your back, and how soon should you get help?\n\n"
            "Asks about warning signs first, then where and how it hurts; or reads a description. Says "
            "how urgently to get help and which pages to read. It is not a diagnosis.\n\n"
            'Example: footspine check --describe "62, calves go numb after 10 minutes walking, better when I sit"',
            (
                Param(
                    "describe",
                    ("--describe", "-d"),
                    help="Say what is happening in your own words, instead of answering questions.",
                ),
                Param(
                    "answer",
                    ("--answer", "-a"),
                    many=True,
                    help="A finding and yes, no or unsure (back-pain=no), or age=62 or weeks=8; repeat for "
                    "more. Corrects what --describe understood. See the ids with --findings.",
                ),
                Param("findings", ("--findings",), "flag", help="List the findings and their questions, then exit."),
                _format(html=False),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "treatments",
            "Treatments for a condition by tier, from self-care to surgery, and what to avoid.\n\n"
            "Example: footspine treatments herniated-disc --details",
            (
                Param("name", many=True, required=True, help="Condition id, name or alias.", complete="condition"),
                Param(
                    "details",
                    ("--details",),
                    "flag",
                    help="What each treatment is and does, the evidence and cautions.",
                ),
                _format(),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "list",
            "List the conditions footspine knows; piped, one id and name per line.\n\n"
            "Example: footspine list --root L5",
            (
                Param(
                    "mechanism",
                    ("--mechanism", "-m"),
                    help="Only conditions that work through this mechanism.",
                    complete="mechanism",
                ),
                Param(
                    "root",
                    ("--root", "-r"),
                    help="Only conditions that affect this root: L4, L5, S1, S2-S4.",
                    complete="root",
                ),
                Param("kind", ("--kind", "-k"), "choice", choices=KINDS, help="spinal, mimic, emergency or red-flag."),
                _format(html=False),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "search",
            "Find conditions, mechanisms, treatments and roots from the words you use.\n\n"
            "Example: footspine search numb big toe",
            (
                Param("words", many=True, required=True, help="Words for your symptoms, e.g. numb toes."),
                _format(html=False),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "mechanisms",
            "How spine problems reach the foot; with an id, the full explanation and its conditions.\n\n"
            "Example: footspine mechanisms chemical-radiculitis",
            (
                Param("name", help="A mechanism id; without one, all of them.", complete="mechanism"),
                CLINICAL,
                _format(html=False),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "roots",
            "Where each nerve root is felt on the leg and foot, drawn as a map.\n\nExample: footspine roots L5",
            (
                Param("name", many=True, help="L4, L5, S1 or S2-S4; without one, the map of all.", complete="root"),
                CLINICAL,
                _format(),
                COLOR,
                NO_PAGER,
            ),
        ),
        Command(
            "red-flags",
            "Warning signs by urgency, with what to do now and the emergency numbers.\n\nExample: footspine red-flags",
            (_format(), COLOR, NO_PAGER),
        ),
        Command(
            "validate",
            "Check knowledge files and list every problem as FILE:LINE:COL: CODE message.\n\n"
            "Example: footspine validate data/knowledge.yaml",
            (
                Param(
                    "paths", kind="path", many=True, help="Files to check (merged in order); default: the data in use."
                ),
                _format(html=False),
            ),
        ),
    )
}


def defaults(params: tuple[Param, ...]) -> dict[str, object]:
    return {p.name: ([] if p.many else (False if p.kind == "flag" else p.default)) for p in params}


def parse(argv: list[str]) -> Request | None:
    """The request an ordinary command line makes, or None to let Typer read it.

    None covers help, every usage error and anything unusual: Typer then prints the help or
    the one-line error, or, for a spelling this parser does not know, runs the same request.
    """
    data: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in ("--version", "-V"):
            return Request("version", {}, tuple(data))
        if word == "--data" and index + 1 < len(argv):
            data.append(argv[index + 1])
            index += 2
        elif word.startswith("--data="):
            data.append(word[len("--data=") :])
            index += 1
        else:
            break
    if index >= len(argv):
        return None
    command = COMMANDS.get(argv[index])
    if command is None:
        return None
    values = _parse_command(command, argv[index + 1 :])
    return None if values is None else Request(command.name, values, tuple(data))


def _parse_command(command: Command, words: list[str]) -> dict[str, object] | None:
    values = defaults(command.params)
    options = {flag: p for p in command.params for flag in p.flags}
    argument = next((p for p in command.params if not p.flags), None)
    positional: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "--":
            positional += words[index:]
            break
        if not word.startswith("-") or word == "-":
            positional.append(word)
            continue
        name, equals, inline = word.partition("=") if word.startswith("--") else (word[:2], "", word[2:])
        param = options.get(name)
        if param is None or name in ("-h", "--help"):
            return None
        if param.kind == "flag":
            if equals or inline:
                return None
            values[param.name] = True
            continue
        if equals or inline:
            value = inline
        elif index < len(words):
            value, index = words[index], index + 1
        else:
            return None
        if (param.choices and value not in param.choices) or (param.kind == "path" and not value):
            return None
        if param.many:
            values[param.name] = [*_as_list(values[param.name]), value]
        else:
            values[param.name] = value
    if argument is None:
        return None if positional else values
    if argument.kind == "path" and "" in positional:
        return None  # Typer reads an empty path as "."; let it say so
    if argument.required and not positional:
        return None
    if not argument.many and len(positional) > 1:
        return None
    if argument.many:
        values[argument.name] = positional
    elif positional:
        values[argument.name] = positional[0]
    return values


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
