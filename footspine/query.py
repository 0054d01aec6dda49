"""Questions the commands ask, answered as typed bundles that every output format shares.

Each function resolves what the person typed, gathers everything one view needs from the
store, and returns plain dataclasses. The text, Markdown and JSON renderers all start from the
same bundle, so they cannot disagree; the JSON contract is `to_plain` of these bundles.
"""

from __future__ import annotations

from footspine.knowledge import brackets
from footspine.knowledge.index import ListingRow, SearchHit, Store
from footspine.knowledge.model import (
    TIERS,
    URGENCIES,
    AmbiguousTerm,
    Condition,
    EmergencyNumber,
    Finding,
    Mechanism,
    NerveRoot,
    RedFlag,
    Source,
    Treatment,
)
from footspine.knowledge.names import normalize
from footspine.knowledge.problems import AmbiguousNameError, NotFoundError
from footspine.record import dataclass, field

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Iterable

    from footspine import triage
    from footspine.triage import CheckResult


@dataclass(frozen=True, slots=True)
class AppliedTreatment:
    """A treatment as it applies to one condition: the stance and note for that condition."""

    treatment: Treatment
    note: str
    stance: str
    reason: str


@dataclass(frozen=True, slots=True)
class ConditionView:
    condition: Condition
    source_file: str
    mechanisms: list[Mechanism]
    roots: list[NerveRoot]
    treatments: list[AppliedTreatment]
    red_flags: list[RedFlag]
    emergency_signs: list[RedFlag]
    emergency_numbers: list[EmergencyNumber]
    sources: list[Source]
    names: dict[str, str] = field(default_factory=dict)
    """Display names of the conditions this one mentions (causes, related)."""
    corrected_from: str = ""
    """What was typed, when a near-miss spelling was read as this condition's name."""
    look_alikes: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, name, how to tell it apart) for the related conditions of the other kind."""


@dataclass(frozen=True, slots=True)
class GroupMemberRow:
    id: str
    name: str
    kind: str
    tell: str


@dataclass(frozen=True, slots=True)
class GroupView:
    """An overview page for a name that covers several conditions ("spondylolisthesis")."""

    term: str
    note: str
    members: list[GroupMemberRow]
    shared_treatments: list[str]
    """Treatments offered for every condition in the group (for `treatments GROUP`)."""
    emergency_signs: list[RedFlag]
    emergency_numbers: list[EmergencyNumber]


def explain(store: Store, name: str) -> ConditionView | GroupView:
    found = _resolve(store, name)
    if isinstance(found, AmbiguousTerm):
        return _group(store, found)
    condition_id, corrected_from = found
    condition = store.condition(condition_id)
    mechanisms: list[Mechanism] = store.entries("mechanism", condition.mechanisms)
    roots: list[NerveRoot] = store.entries("root", condition.roots)
    offered: dict[str, Treatment] = {
        t.id: t for t in store.entries("treatment", [k.treatment for k in condition.treatments])
    }
    applied = []
    for link in condition.treatments:
        treatment = offered.get(link.treatment)
        if treatment is None:
            continue
        stance = link.stance or treatment.stance
        reason = link.reason or (treatment.not_recommended_reason if stance == "not-recommended" else "")
        applied.append(AppliedTreatment(treatment, link.note, stance, reason))
    applied.sort(key=lambda a: (a.stance == "not-recommended", TIERS.index(a.treatment.tier)))
    all_flags = store.red_flags()
    wanted = set(condition.red_flags)
    flags = [f for f in all_flags if f.id in wanted]
    emergency = _emergency_signs(store, all_flags, [f for f in flags if f.urgency == "emergency"])
    cited = [*condition.sources, *(i for f in [*flags, *emergency] for i in f.sources)]
    for a in applied:
        cited += [*a.treatment.sources, *(g.source for g in a.treatment.guidelines)]
    texts = [a.treatment.evidence for a in applied] + [g.says for a in applied for g in a.treatment.guidelines]
    if condition.clinical is not None:
        texts += condition.clinical.exam + condition.clinical.evidence
    texts += [m.clinical for m in mechanisms]
    sources = page_sources(store, cited, texts)
    names = {}
    look_alikes = []
    others = [c.condition for c in condition.causes] + condition.related
    rows = store.listing_rows(others)
    for other in others:
        row = rows.get(other)
        names[other] = row.name if row else other
        if other in condition.related and row is not None and _look_alike(condition.kind, row.kind):
            look_alikes.append((row.id, row.name, _tell_apart(store, condition, row.id)))
    return ConditionView(
        condition=condition,
        source_file=store.origin("condition", condition_id),
        mechanisms=mechanisms,
        roots=roots,
        treatments=applied,
        red_flags=flags,
        emergency_signs=emergency,
        emergency_numbers=store.emergency_numbers(),
        sources=sources,
        names=names,
        corrected_from=corrected_from,
        look_alikes=look_alikes,
    )


def page_sources(store: Store, ids: Iterable[str], texts: Iterable[str] = ()) -> list[Source]:
    """Every source a page may cite: the listed ids, then ids cited in brackets in its prose.

    The renderer numbers only those it really cites; this only makes sure each one can be found.
    """
    wanted = list(ids)
    for text in texts:
        for group in brackets.runs(text):
            wanted += [token.strip() for part in group.split(";") for token in part.split(",")]
    found: list[Source] = store.entries("source", [t for t in wanted if t and " " not in t])
    return found


def _look_alike(kind: str, other: str) -> bool:
    """A spinal page lists what outside the spine can feel the same, and the other way round."""
    spinal = ("spinal", "emergency")
    return (kind in spinal) != (other in spinal)


def _tell_apart(store: Store, condition: Condition, other_id: str) -> str:
    """One line on how to tell the two apart: the first sentence of whichever one says how."""
    text = condition.telling_apart if condition.kind == "mimic" else store.condition(other_id).telling_apart
    return _first_sentence(text)


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def _group(store: Store, term: AmbiguousTerm) -> GroupView:
    tells = {m.condition: m.tell for m in term.members}
    members = []
    offered: list[set[str]] = []
    for condition_id in term.candidates:
        row = store.listing_row(condition_id)
        if row is None:
            continue
        condition = store.condition(condition_id)
        members.append(
            GroupMemberRow(row.id, row.name, row.kind, tells.get(row.id) or _first_sentence(condition.summary))
        )
        treatments = {t.id: t for t in (store.treatment(link.treatment) for link in condition.treatments) if t}
        offered.append(
            {
                treatments[link.treatment].name
                for link in condition.treatments
                if link.treatment in treatments
                and (link.stance or treatments[link.treatment].stance) in ("recommended", "consider")
            }
        )
    shared = sorted(set.intersection(*offered)) if offered else []
    signs = _emergency_signs(store, store.red_flags(), [])
    return GroupView(term.term, term.note, members, shared, signs, store.emergency_numbers())


def _emergency_signs(store: Store, all_flags: list[RedFlag], own: list[RedFlag]) -> list[RedFlag]:
    """The cauda equina signs, which every condition page shows, then the page's own emergencies.

    Taken from the emergency conditions rather than from each page's list, so no entry (or
    local file) can leave a page without them. `all_flags` is every red flag, already read.
    """
    by_id = {f.id: f for f in all_flags}
    signs = [by_id[i] for i in store.core_emergency_flag_ids() if i in by_id]
    seen = {f.id for f in signs}
    return signs + [f for f in own if f.id not in seen]


def _resolve(store: Store, name: str) -> tuple[str, str] | AmbiguousTerm:
    """(condition id, what was typed if it was a corrected spelling), or the group a group name
    covers; a miss carries the warning signs its words match and the symptom search's finds."""
    try:
        return store.resolve_condition(name), ""
    except AmbiguousNameError as error:
        if error.group is not None:
            return error.group  # type: ignore[no-any-return]
        raise
    except NotFoundError as error:
        corrected = store.autocorrect(name) if error.elsewhere is None else None
        if corrected is not None:
            return corrected, name
        error.warnings = store.warning_signs([name])
        error.emergency_numbers = store.emergency_numbers() if error.warnings else []
        if error.elsewhere is None:
            error.matches = _symptom_matches(store, name, skip=set(error.suggestions))
        raise


def _symptom_matches(store: Store, words: str, *, skip: set[str], limit: int = 3) -> list[tuple[str, str, str]]:
    """The conditions a symptom search finds for the words: (id, name, first sentence)."""
    found: list[tuple[str, str, str]] = []
    for hit in store.search([words], limit=limit * 3):
        if hit.kind != "condition" or hit.id in skip or any(hit.id == f[0] for f in found):
            continue
        found.append((hit.id, hit.title, _first_sentence(store.condition(hit.id).summary)))
        if len(found) == limit:
            break
    return found


@dataclass(frozen=True, slots=True)
class MechanismView:
    mechanism: Mechanism
    conditions: list[ListingRow]
    sources: list[Source]
    emergency_signs: list[RedFlag] = field(default_factory=list)
    """The cauda equina signs, when an emergency condition works through this mechanism."""
    emergency_numbers: list[EmergencyNumber] = field(default_factory=list)


def mechanism(store: Store, name: str) -> MechanismView:
    mechanism_id = store.resolve_entry("mechanism", name)
    found = store.mechanism(mechanism_id)
    assert found is not None
    conditions = store.conditions_linked("mechanism", mechanism_id)
    emergency = any(c.kind == "emergency" for c in conditions)
    signs = _emergency_signs(store, store.red_flags(), []) if emergency else []
    cited = [*found.sources, *(i for f in signs for i in f.sources)]
    sources = page_sources(store, cited, [found.explanation, found.clinical])
    return MechanismView(found, conditions, sources, signs, store.emergency_numbers() if emergency else [])


@dataclass(frozen=True, slots=True)
class RootView:
    root: NerveRoot
    conditions: list[ListingRow]
    sources: list[Source]
    red_flags: list[RedFlag] = field(default_factory=list)
    """The warning signs that involve this root (the saddle root's are emergencies)."""
    emergency_numbers: list[EmergencyNumber] = field(default_factory=list)
    look_alikes: list[ListingRow] = field(default_factory=list)
    """Conditions outside the spine with symptoms in the same area."""


def root(store: Store, name: str) -> RootView:
    root_id = store.resolve_entry("root", _root_name(name), shown=name)
    found = store.root(root_id)
    assert found is not None
    wanted = set(found.red_flags)
    flags = [f for f in store.red_flags() if f.id in wanted]
    cited = [*found.sources, *(i for f in flags for i in f.sources)]
    sources = page_sources(store, cited, [found.traversing_exiting, found.clinical])
    numbers = store.emergency_numbers() if flags else []
    look_alikes = [row for row in (store.listing_row(i) for i in found.look_alikes) if row is not None]
    return RootView(found, store.conditions_linked("root", root_id), sources, flags, numbers, look_alikes)


def _root_name(name: str) -> str:
    """'S2', 's2–s4', 'saddle' all mean the S2-S4 entry; 'L5 root' means L5."""
    key = normalize(name).removesuffix("-nerve-root").removesuffix("-root")
    if key in {"s2", "s3", "s4", "saddle", "s2-s4", "s2s4"}:
        return "s2-s4"
    return key


@dataclass(frozen=True, slots=True)
class RootsView:
    """Every root on one map, with the emergency signs: the saddle roots are an emergency."""

    roots: list[NerveRoot]
    sources: list[Source]
    emergency_signs: list[RedFlag]
    emergency_numbers: list[EmergencyNumber]


def roots_overview(store: Store) -> RootsView:
    roots = store.roots()
    signs = _emergency_signs(store, store.red_flags(), [])
    cited = [*(i for r in roots for i in r.sources), *(i for f in signs for i in f.sources)]
    return RootsView(roots, page_sources(store, cited), signs, store.emergency_numbers())


@dataclass(frozen=True, slots=True)
class RedFlagsView:
    red_flags: list[RedFlag]
    emergency_numbers: list[EmergencyNumber]
    sources: list[Source]


def red_flags(store: Store) -> RedFlagsView:
    flags = store.red_flags()
    return RedFlagsView(flags, store.emergency_numbers(), page_sources(store, (i for f in flags for i in f.sources)))


def listing(store: Store, *, mechanism: str | None, root: str | None, kind: str | None) -> list[ListingRow]:
    """Conditions, filtered; an unknown mechanism or root is an error, not an empty list."""
    mechanism_id = store.resolve_entry("mechanism", mechanism) if mechanism is not None else None
    root_id = store.resolve_entry("root", _root_name(root), shown=root) if root is not None else None
    return store.listing(mechanism=mechanism_id, root=root_id, kind=kind)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found: the warning signs its words match (shown first), then the pages."""

    urgency: str
    """The most urgent level among the warning signs and pages found: emergency, urgent, soon or ''."""
    warning_signs: list[RedFlag]
    hits: list[SearchHit]
    emergency_numbers: list[EmergencyNumber]
    condition_kinds: dict[str, str] = field(default_factory=dict)
    """The kind of each condition found (spinal, mimic, emergency, red-flag): each hit says
    whether it is a spinal cause."""


def search(store: Store, words: list[str]) -> SearchResult:
    hits = store.search(words)
    warning_signs = store.warning_signs(words)
    if not hits and not warning_signs:
        raise NotFoundError("match", " ".join(words), [])
    levels = {f.urgency for f in warning_signs} | {h.urgency for h in hits}
    urgency = next((u for u in URGENCIES if u in levels), "")
    numbers = store.emergency_numbers() if urgency else []
    kinds = {}
    for hit in hits:
        row = store.listing_row(hit.id) if hit.kind == "condition" else None
        if row is not None:
            kinds[row.id] = row.kind
    return SearchResult(urgency, warning_signs, hits, numbers, kinds)


# --- the guided check -------------------------------------------------------------------------


class UnknownAnswerError(ValueError):
    """An --answer that names no finding, or gives a value that is not yes, no or a number."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions


ANSWER_WORDS = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
NOT_SURE_WORDS = ("unsure", "not-sure", "dont-know")
"""`--answer bladder-change=unsure`: what the guided check does with "not sure" to a warning sign."""
MEASURES = ("age", "weeks")


@dataclass(frozen=True, slots=True)
class CheckKnowledge:
    """What the check reads from the store, read once per run (each is a JSON decode per entry)."""

    conditions: list[Condition]
    flags: list[RedFlag]
    findings: list[Finding]
    numbers: list[EmergencyNumber]
    emergency_signs: list[RedFlag]


def check_knowledge(store: Store) -> CheckKnowledge:
    flags = store.red_flags()
    return CheckKnowledge(
        store.conditions(), flags, store.findings(), store.emergency_numbers(), _emergency_signs(store, flags, [])
    )


def check(store: Store, *, describe: str | None, answers: list[str]) -> CheckResult:
    """The guided check, scripted: a description and/or answers, in; advice and pages, out.

    Answers override what the description said, so a person (or a clinician) can correct what
    was misread: `--answer back-pain=no`.
    """
    from footspine import triage

    known = check_knowledge(store)
    understood = {u.id: u for u in triage.read(describe, known.findings)} if describe else {}
    answered, not_sure = parse_answers(known.findings, answers)
    for u in answered:
        understood[u.id] = u
    for finding_id in not_sure:
        understood.pop(finding_id, None)
    names = triage.named(describe, condition_names(known.conditions)) if describe else {}
    return assess(known, list(understood.values()), named_in_text=names, not_sure=not_sure)


def condition_names(conditions: list[Condition]) -> dict[str, list[str]]:
    """The names a person may have been given for each condition: its name, aliases and the
    clinical names (not the lay terms, which describe symptoms rather than name a diagnosis)."""
    return {c.id: [c.name, *c.aliases, *c.clinical_names] for c in conditions}


def parse_answers(findings: list[Finding], answers: list[str]) -> tuple[list[triage.Understood], list[str]]:
    """`--answer` values: the findings answered yes or no (or read from age=N, weeks=N), and the
    ids answered unsure."""
    from footspine import triage

    by_id = {f.id: f for f in findings}
    result: list[triage.Understood] = []
    not_sure: list[str] = []
    for raw in answers:
        key, sep, value = raw.partition("=")
        key, value = key.strip().casefold(), value.strip().casefold()
        if key in MEASURES and sep and value.isdigit():
            result += triage.measured(findings, key, int(value))
            continue
        finding = by_id.get(key)
        if finding is None or not sep or (value not in ANSWER_WORDS and value not in NOT_SURE_WORDS):
            raise _unknown_answer(raw, key, list(by_id))
        if value in NOT_SURE_WORDS:
            not_sure.append(finding.id)
        else:
            result.append(triage.answered(finding, ANSWER_WORDS[value]))
    return result, not_sure


def _unknown_answer(raw: str, key: str, ids: list[str]) -> UnknownAnswerError:
    import difflib

    return UnknownAnswerError(raw, difflib.get_close_matches(key, [*ids, *MEASURES], n=3, cutoff=0.6))


def assess(
    known: CheckKnowledge,
    understood: list[triage.Understood],
    *,
    named_in_text: dict[str, str] | None = None,
    stopped_early: bool = False,
    not_sure: list[str] | None = None,
) -> CheckResult:
    from footspine import triage

    return triage.assess(
        known.conditions,
        known.flags,
        known.findings,
        understood,
        known.numbers,
        named_in_text=named_in_text,
        stopped_early=stopped_early,
        emergency_signs=known.emergency_signs,
        not_sure=not_sure,
    )


def interview(known: CheckKnowledge) -> triage.Interview:
    from footspine import triage

    return triage.Interview(known.conditions, known.flags, known.findings)
