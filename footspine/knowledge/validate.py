"""Checks that need the whole (merged) knowledge: ids, aliases, references, sources, safety.

The loader checks shape and types while it builds; this module checks how entries relate.
Both report into the same list, so `footspine validate` shows every problem at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from footspine.knowledge.loader import Locations
from footspine.knowledge.model import COLLECTIONS, Knowledge
from footspine.knowledge.names import normalize
from footspine.knowledge.negation import plain_words
from footspine.knowledge.problems import Problem, quoted, unsafe_characters
from footspine.knowledge.shape import fields_of
from footspine.record import dataclass

_UNSAFE = unsafe_characters()


def _reporter(locations: Locations, problems: list[Problem]) -> Any:
    def report(obj: object, key: str | None, code: str, message: str) -> None:
        label, line, column = locations.at(obj, key)
        problems.append(Problem(label, line, column, code, message))

    return report


def duplicate_ids(knowledge: Knowledge, locations: Locations) -> list[Problem]:
    """Within one file an id may appear once (across files, a later file replaces an entry)."""
    problems: list[Problem] = []
    report = _reporter(locations, problems)
    for collection in COLLECTIONS:
        seen: dict[str, object] = {}
        for entry in getattr(knowledge, collection):
            if entry.id in seen:
                _, first, _ = locations.at(seen[entry.id], "id")
                report(entry, "id", "FS007", f"{collection}: id {quoted(entry.id)} is already used on line {first}")
            seen.setdefault(entry.id, entry)
    return problems


def relations(
    knowledge: Knowledge,
    locations: Locations,
    *,
    check_text: bool = True,
    unresolved: frozenset[str] | None = frozenset(),
) -> list[Problem]:
    """Reference, name, source and stance checks.

    `check_text` adds the control-character scan (the loader skips it for files whose raw text
    cannot hold a control character). References to `unresolved` ids, entries that had problems
    of their own, are not reported again as dangling; None means a file could not be read at
    all, so no reference is reported as dangling: the cause is reported, not its echoes.
    """
    problems: list[Problem] = []
    report = _reporter(locations, problems)
    ids = {collection: {entry.id for entry in getattr(knowledge, collection)} for collection in COLLECTIONS}

    _check_names(knowledge, report)

    for collection, obj in _entries(knowledge):
        for name, target in _shape(type(obj)).refs:
            value = getattr(obj, name)
            for item in value if isinstance(value, list) else (value,):
                if item is not None and item not in ids[target] and unresolved is not None and item not in unresolved:
                    what = target.rstrip("s").replace("_", " ")
                    message = f"{collection}: {name} names {what} {quoted(item)}, which does not exist"
                    report(obj, name, "FS009", message)

    for condition in knowledge.conditions:
        if not condition.sources:
            report(condition, "sources", "FS010", f"condition {quoted(condition.id)} cites no source")
        if condition.kind == "mimic" and not condition.telling_apart:
            report(condition, None, "FS020", f"mimic {quoted(condition.id)} needs telling_apart")
        if len(condition.do_now) > MAX_DO_NOW:
            message = (
                f"condition {quoted(condition.id)} lists {len(condition.do_now)} things to do now; "
                f"the first screen holds at most {MAX_DO_NOW}"
            )
            report(condition, "do_now", "FS026", message)
    _check_stances(knowledge, report)
    _check_safety(knowledge, report)
    _check_finding_words(knowledge, report)
    _check_reviews(knowledge, report)

    for name, obj, key, text in _texts(knowledge) if check_text else ():
        found = _UNSAFE.search(text)
        if found:
            code = f"U+{ord(found.group()):04X}"
            report(obj, key, "FS018", f"{name}: text contains the control character {code}")
    _check_one_line(knowledge, report)
    return problems


def _check_finding_words(knowledge: Knowledge, report: Any) -> None:
    """A phrase with no letters or digits ("!!"), or a word pair that must be fewer than no words
    apart, can never match what a person writes: a warning sign that silently never fires."""
    for finding in knowledge.findings:
        for phrase in finding.phrases:
            if not plain_words(phrase):
                report(finding, "phrases", "FS027", f"finding {quoted(finding.id)}: {quoted(phrase)} has no words")
        for pair in finding.together:
            if pair.within is not None and pair.within < 0:
                message = f"finding {quoted(finding.id)}: together within {pair.within} can never match (0 or more)"
                report(finding, "together", "FS027", message)
            for phrase in [*pair.any_of, *pair.with_any_of, *pair.unless]:
                if not plain_words(phrase):
                    report(finding, "together", "FS027", f"finding {quoted(finding.id)}: {quoted(phrase)} has no words")


def _check_one_line(knowledge: Knowledge, report: Any) -> None:
    """Names are checked on every build, not only in files that look suspicious: a block scalar
    (`name: |`) or a `"\\n"` escape makes a line break without any control character."""
    for name, obj in _entries(knowledge):
        for key in ONE_LINE.intersection(_shape(type(obj)).strings):
            value = getattr(obj, key)
            for text in value if isinstance(value, list) else (value,):
                if isinstance(text, str) and ("\n" in text or "\t" in text):
                    report(obj, key, "FS018", f"{name}: {key} {quoted(text)} must be one line (no line break or tab)")


ONE_LINE = frozenset({"id", "name", "title", "aliases", "clinical_names", "other_names"})
"""Names are shown one to a line (`list`, completion, search results): a line break inside one
would split it into two entries a reader or a script takes as real."""


def _check_names(knowledge: Knowledge, report: Any) -> None:
    """Every id, name and alias must lead to exactly one condition (or be a declared ambiguity)."""
    owner: dict[str, str] = {}
    for condition in knowledge.conditions:
        for index, name in enumerate([condition.id, condition.name, *condition.aliases]):
            key = normalize(name)
            if not key:
                message = f"condition {quoted(condition.id)}: {quoted(name)} normalises to nothing"
                report(condition, "aliases", "FS008", message)
                continue
            other = owner.setdefault(key, condition.id)
            if other != condition.id:
                where = "aliases" if index > 1 else ("name" if index else "id")
                message = (
                    f"condition {quoted(condition.id)}: {quoted(name)} collides with condition {quoted(other)} "
                    f"(both read as {quoted(key)})"
                )
                report(condition, where, "FS008", message)
    for term in knowledge.ambiguous_terms:
        key = normalize(term.term)
        if key in owner:
            message = f"ambiguous term {quoted(term.term)} is also a name of condition {quoted(owner[key])}"
            report(term, "term", "FS008", message)
        owner.setdefault(key, "(ambiguous)")


MAX_DO_NOW = 3
"""A person in pain reads three steps; a fourth pushes the emergency signs off the first screen."""

PINNED_EMERGENCIES = ("cauda-equina-syndrome",)
"""Conditions that stay emergencies whatever a file says: a local file may replace the entry,
but not make it, or the signs it lists, less urgent."""


def _check_safety(knowledge: Knowledge, report: Any) -> None:
    """The emergency box is on every condition page; no file or overlay may empty or soften it."""
    anchor: object = knowledge.red_flags[0] if knowledge.red_flags else knowledge
    if not any(flag.urgency == "emergency" for flag in knowledge.red_flags):
        report(anchor, None, "FS023", "no red flag has urgency emergency: every page's emergency box would be empty")
    if not knowledge.emergency_numbers:
        report(anchor, None, "FS023", "no emergency_numbers: the emergency advice would have no number to call")
    urgency = {flag.id: flag.urgency for flag in knowledge.red_flags}
    for condition in knowledge.conditions:
        if condition.id in PINNED_EMERGENCIES and condition.kind != "emergency":
            message = f"condition {quoted(condition.id)} must stay kind emergency, not {quoted(condition.kind)}"
            report(condition, "kind", "FS024", message)
        if condition.kind != "emergency" and condition.id not in PINNED_EMERGENCIES:
            continue
        if not condition.red_flags:
            report(condition, "red_flags", "FS024", f"emergency {quoted(condition.id)} lists no red flag")
        for flag_id in condition.red_flags:
            level = urgency.get(flag_id)
            if level is not None and level != "emergency":
                message = (
                    f"emergency {quoted(condition.id)} lists red flag {quoted(flag_id)} "
                    f"with urgency {quoted(level)}; its signs must stay emergency"
                )
                report(condition, "red_flags", "FS024", message)


def _check_reviews(knowledge: Knowledge, report: Any) -> None:
    """A review date promises that every fact was checked; open checks break that promise."""
    for condition in knowledge.conditions:
        if condition.to_check and condition.reviewed:
            message = (
                f"condition {quoted(condition.id)} has {len(condition.to_check)} fact(s) still to check, "
                "so it cannot carry a reviewed date yet"
            )
            report(condition, "reviewed", "FS025", message)
        elif not condition.to_check and not condition.reviewed:
            message = f"condition {quoted(condition.id)} needs a reviewed date (or to_check, while facts are open)"
            report(condition, None, "FS025", message)


def _check_stances(knowledge: Knowledge, report: Any) -> None:
    """Advice against a treatment is only useful with its reason, so the reason is required."""
    by_id = {t.id: t for t in knowledge.treatments}
    for condition in knowledge.conditions:
        for link in condition.treatments:
            treatment = by_id.get(link.treatment)
            if (
                link.stance == "not-recommended"
                and not link.reason
                and not (treatment and treatment.not_recommended_reason)
            ):
                message = (
                    f"condition {quoted(condition.id)}: {quoted(link.treatment)} is not recommended "
                    "but no reason is given"
                )
                report(link, "stance", "FS019", message)
    for treatment in knowledge.treatments:
        if treatment.stance == "not-recommended" and not treatment.not_recommended_reason:
            message = f"treatment {quoted(treatment.id)} is not recommended but gives no reason"
            report(treatment, "stance", "FS019", message)


@dataclass(frozen=True, slots=True)
class _Shape:
    """Which fields of a model class hold references, nested objects or text (computed once)."""

    refs: tuple[tuple[str, str], ...]
    nested: tuple[str, ...]
    strings: tuple[str, ...]
    """Fields holding text or lists of text, references included."""


_SHAPES: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        refs, nested, texts = [], [], []
        for field in fields_of(cls).values():
            if field.ref:
                refs.append((field.name, field.ref))
            elif field.kind in ("record", "records"):
                nested.append(field.name)
            elif field.kind in ("text", "texts"):
                texts.append(field.name)
        strings = tuple(texts) + tuple(name for name, _ in refs)
        shape = _SHAPES[cls] = _Shape(tuple(refs), tuple(nested), strings)
    return shape


def _entries(knowledge: Knowledge) -> Iterator[tuple[str, object]]:
    """Every dataclass object in the knowledge, with its top-level collection's name."""
    for name in _shape(Knowledge).nested:
        for item in getattr(knowledge, name):
            yield from _walk(name, item)


def _walk(name: str, obj: object) -> Iterator[tuple[str, object]]:
    yield name, obj
    for field_name in _shape(type(obj)).nested:
        value = getattr(obj, field_name)
        if isinstance(value, list):
            for item in value:
                yield from _walk(name, item)
        elif value is not None:
            yield from _walk(name, value)


def _texts(knowledge: Knowledge) -> Iterator[tuple[str, object, str, str]]:
    for name, obj in _entries(knowledge):
        for field_name in _shape(type(obj)).strings:
            value = getattr(obj, field_name)
            if isinstance(value, str):
                yield name, obj, field_name, value
            elif isinstance(value, list):
                for item in value:
                    yield name, obj, field_name, item
