"""Questions the commands ask, answered as typed bundles that every output format shares.

Each function resolves what the person typed, gathers everything one view needs from the
store, and returns plain dataclasses. The text, Markdown and JSON renderers all start from the
same bundle, so they cannot disagree; the JSON contract is `to_plain` of these bundles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footspine.knowledge.index import ListingRow, SearchHit, Store
from footspine.knowledge.model import (
    TIERS,
    Condition,
    EmergencyNumber,
    Mechanism,
    NerveRoot,
    RedFlag,
    Source,
    Treatment,
)
from footspine.knowledge.names import normalize
from footspine.knowledge.problems import NotFoundError


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


def explain(store: Store, name: str) -> ConditionView:
    condition_id = store.resolve_condition(name)
    condition = store.condition(condition_id)
    mechanisms = [m for m in (store.mechanism(i) for i in condition.mechanisms) if m is not None]
    roots = [r for r in (store.root(i) for i in condition.roots) if r is not None]
    applied = []
    for link in condition.treatments:
        treatment = store.treatment(link.treatment)
        if treatment is None:
            continue
        stance = link.stance or treatment.stance
        reason = link.reason or (treatment.not_recommended_reason if stance == "not-recommended" else "")
        applied.append(AppliedTreatment(treatment, link.note, stance, reason))
    applied.sort(key=lambda a: (a.stance == "not-recommended", TIERS.index(a.treatment.tier)))
    all_flags = store.red_flags()
    wanted = set(condition.red_flags)
    flags = [f for f in all_flags if f.id in wanted]
    emergency = [f for f in all_flags if f.urgency == "emergency"]
    sources = [s for s in (store.source(i) for i in condition.sources) if s is not None]
    names = {}
    for other in [c.condition for c in condition.causes] + condition.related:
        row = store.listing_row(other)
        names[other] = row.name if row else other
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
    )


@dataclass(frozen=True, slots=True)
class MechanismView:
    mechanism: Mechanism
    conditions: list[ListingRow]
    sources: list[Source]


def mechanism(store: Store, name: str) -> MechanismView:
    mechanism_id = store.resolve_entry("mechanism", name)
    found = store.mechanism(mechanism_id)
    assert found is not None
    sources = [s for s in (store.source(i) for i in found.sources) if s is not None]
    return MechanismView(found, store.conditions_linked("mechanism", mechanism_id), sources)


@dataclass(frozen=True, slots=True)
class RootView:
    root: NerveRoot
    conditions: list[ListingRow]
    sources: list[Source]


def root(store: Store, name: str) -> RootView:
    root_id = store.resolve_entry("root", _root_name(name), shown=name)
    found = store.root(root_id)
    assert found is not None
    sources = [s for s in (store.source(i) for i in found.sources) if s is not None]
    return RootView(found, store.conditions_linked("root", root_id), sources)


def _root_name(name: str) -> str:
    """'S2', 's2–s4', 'saddle' all mean the S2-S4 entry; 'L5 root' means L5."""
    key = normalize(name).removesuffix("-nerve-root").removesuffix("-root")
    if key in {"s2", "s3", "s4", "saddle", "s2-s4", "s2s4"}:
        return "s2-s4"
    return key


@dataclass(frozen=True, slots=True)
class RedFlagsView:
    red_flags: list[RedFlag]
    emergency_numbers: list[EmergencyNumber]


def red_flags(store: Store) -> RedFlagsView:
    return RedFlagsView(store.red_flags(), store.emergency_numbers())


def listing(store: Store, *, mechanism: str | None, root: str | None, kind: str | None) -> list[ListingRow]:
    """Conditions, filtered; an unknown mechanism or root is an error, not an empty list."""
    mechanism_id = store.resolve_entry("mechanism", mechanism) if mechanism is not None else None
    root_id = store.resolve_entry("root", _root_name(root), shown=root) if root is not None else None
    return store.listing(mechanism=mechanism_id, root=root_id, kind=kind)


def search(store: Store, words: list[str]) -> list[SearchHit]:
    hits = store.search(words)
    if not hits:
        raise NotFoundError("match", " ".join(words), [])
    return hits
