"""One function per command: a parsed request and the index in, a typed result out.

No printing and no exit codes here: `render.show` turns a result into JSON, a terminal page,
plain text, Markdown or the HTML handout, and `entry` maps errors to exit codes. Each result
holds exactly what its page and its JSON need, so the two cannot disagree.
"""

from __future__ import annotations

from footspine.commands import HANDOUT_COMMANDS, Request
from footspine.record import dataclass, field

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Callable

    from footspine.knowledge.access import Summary
    from footspine.knowledge.index import ListingRow, Store
    from footspine.knowledge.model import Finding, Mechanism
    from footspine.knowledge.problems import Problem
    from footspine.query import ConditionView, GroupView, MechanismView, RedFlagsView, RootsView, RootView, SearchResult
    from footspine.render.settings import Output
    from footspine.triage import CheckResult


class UsageError(Exception):
    """A command line Typer accepts but footspine cannot answer (exit 2), said in one line."""


class Interrupted(Exception):
    """Ctrl-C during the guided check: nothing is saved or shown (exit 130), said in one line."""


@dataclass(frozen=True, slots=True)
class Explained:
    view: ConditionView | GroupView
    brief: bool = False
    clinical: bool = False


@dataclass(frozen=True, slots=True)
class Treatments:
    view: ConditionView | GroupView
    details: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    rows: list[ListingRow]


@dataclass(frozen=True, slots=True)
class Searched:
    result: SearchResult
    words: list[str]


@dataclass(frozen=True, slots=True)
class Mechanisms:
    items: list[Mechanism]


@dataclass(frozen=True, slots=True)
class MechanismPage:
    view: MechanismView
    clinical: bool = False


@dataclass(frozen=True, slots=True)
class RootsMap:
    view: RootsView


@dataclass(frozen=True, slots=True)
class RootPage:
    view: RootView
    clinical: bool = False


@dataclass(frozen=True, slots=True)
class RedFlags:
    view: RedFlagsView


@dataclass(frozen=True, slots=True)
class Checked:
    result: CheckResult


@dataclass(frozen=True, slots=True)
class Findings:
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class Validated:
    """`validate`: the summary of valid data, or every problem found (then exit 3)."""

    summary: Summary | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Version:
    version: str
    schema_version: int


Result = (
    Explained
    | Treatments
    | Listing
    | Searched
    | Mechanisms
    | MechanismPage
    | RootsMap
    | RootPage
    | RedFlags
    | Checked
    | Findings
    | Validated
    | Version
)


def check_request(request: Request) -> None:
    """What no parser can see: combinations of options that make no sense together."""
    if request.text("format") == "html" and request.command not in HANDOUT_COMMANDS:
        raise UsageError("--format html makes a printable handout of explain, treatments, roots or red-flags")
    describe = request.text("describe")
    if describe is not None and not describe.strip():
        raise UsageError("--describe needs some words: say what is happening, in your own words.")


def answer(request: Request, store: Store, output: Output) -> Result:
    """The typed result of one request, read from the index."""
    return _ANSWERS[request.command](request, store, output)


def _explain(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    view = query.explain(store, " ".join(request.words("name")))
    return Explained(view, brief=request.flag("brief"), clinical=request.flag("clinical"))


def _treatments(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    return Treatments(query.explain(store, " ".join(request.words("name"))), details=request.flag("details"))


def _list(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    text = request.text
    return Listing(query.listing(store, mechanism=text("mechanism"), root=text("root"), kind=text("kind")))


def _search(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    words = request.words("words")
    return Searched(query.search(store, words), words)


def _mechanisms(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    name = request.text("name")
    if name is None:
        return Mechanisms(store.mechanisms())
    return MechanismPage(query.mechanism(store, name), clinical=request.flag("clinical"))


def _roots(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    name = request.words("name")
    if not name:
        return RootsMap(query.roots_overview(store))
    return RootPage(query.root(store, " ".join(name)), clinical=request.flag("clinical"))


def _red_flags(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    return RedFlags(query.red_flags(store))


def _check(request: Request, store: Store, output: Output) -> Result:
    from footspine import query

    if request.flag("findings"):
        return Findings(store.findings())
    describe, answers = request.text("describe"), request.words("answer")
    if describe is None and not answers:
        return Checked(_interview(store, output))
    return Checked(query.check(store, describe=describe, answers=answers))


def _interview(store: Store, output: Output) -> CheckResult:
    """Ask the questions on stderr; Ctrl-C (KeyboardInterrupt) leaves at once, nothing saved."""
    from footspine import query
    from footspine.render import ask

    known = query.check_knowledge(store)
    interview = query.interview(known)
    try:
        ask.run(interview, unicode=output.unicode, width=min(output.width, 100))
    except KeyboardInterrupt:
        raise Interrupted("check stopped; nothing was saved. If you have a warning sign, get help now.") from None
    return query.assess(
        known, interview.understood(), stopped_early=interview.stopped_early, not_sure=interview.not_sure
    )


_ANSWERS: dict[str, Callable[[Request, Store, Output], Result]] = {
    "explain": _explain,
    "treatments": _treatments,
    "list": _list,
    "search": _search,
    "mechanisms": _mechanisms,
    "roots": _roots,
    "red-flags": _red_flags,
    "check": _check,
}
