"""The typed model of the knowledge file: the single source of truth for its schema.

The loader builds these dataclasses from YAML, the validator reads the field metadata below to
know what to check, the JSON output and the index are `plain.to_plain` of them, and
`data/README.md` documents them. All of them read the fields through `shape.fields_of`, so a
change here is followed everywhere.

Field metadata keys:
  doc      what the field means (shown in validation messages and the data docs)
  patient  True for text a person with no medical training reads; held to a reading grade
  check    "slug", "date" (YYYY-MM-DD), "url" (http or https) or "root" (a root id)
  ref      the top-level collection that a string (or each string in a list) must name
"""

from __future__ import annotations

from footspine.record import dataclass, field

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from typing import Any, Literal

    ConditionKind = Literal["spinal", "mimic", "emergency", "red-flag"]
    Tier = Literal["self-care", "conservative", "medicines", "injections", "surgery"]
    Stance = Literal["recommended", "consider", "uncertain", "not-recommended"]
    # uncertain: the guideline makes no recommendation either way (for example, only a research
    # recommendation), so the treatment is neither offered nor advised against.
    Urgency = Literal["emergency", "urgent", "soon"]
    Prior = Literal["common", "uncommon", "rare"]
    # How often the condition is the cause, among the people who look it up: ranks a common
    # cause above a rare one when both fit the words equally well.
    CheckUrgency = Literal["emergency", "urgent", "routine", "self-care"]
    # The guided check's answer to "how soon": emergency = A&E or 999 now; urgent = be seen today
    # (an urgent GP appointment or NHS 111); routine = book a GP or physiotherapist; self-care =
    # look after it at home first, and see a GP if it is not getting better.
    FindingSection = Literal["warning", "where", "pattern", "history", "about-you"]
    # The order the check asks in: warning signs first, then where it is felt, what it is like,
    # how it started, and the person.
    Measure = Literal["age", "weeks"]
    Basis = Literal["study", "guideline"]
    # study: a likelihood ratio from a diagnostic-accuracy study or review; guideline: a feature
    # the source describes as typical (or as against), weighted on footspine's fixed scale
    # (strongly typical 4, typical 2, weakly 1.5; against 0.5, strongly against 0.25).

SCHEMA_VERSION = 2
"""Bumped whenever a knowledge file that was valid before could stop being valid."""

CHECK_URGENCIES: tuple[CheckUrgency, ...] = ("emergency", "urgent", "routine", "self-care")
FLAG_TO_CHECK: dict[str, CheckUrgency] = {"emergency": "emergency", "urgent": "urgent", "soon": "routine"}
"""A warning sign's urgency in the check's terms: "see a GP soon" is a routine appointment."""
FINDING_SECTIONS: tuple[FindingSection, ...] = ("warning", "where", "pattern", "history", "about-you")
TIERS: tuple[Tier, ...] = ("self-care", "conservative", "medicines", "injections", "surgery")
STANCES: tuple[Stance, ...] = ("recommended", "consider", "uncertain", "not-recommended")
URGENCIES: tuple[Urgency, ...] = ("emergency", "urgent", "soon")
PRIORS: tuple[Prior, ...] = ("common", "uncommon", "rare")
MEASURES: tuple[Measure, ...] = ("age", "weeks")
BASES: tuple[Basis, ...] = ("study", "guideline")
KINDS: tuple[ConditionKind, ...] = ("spinal", "mimic", "emergency", "red-flag")
"""spinal: a spinal cause of foot pain; mimic: foot pain that does not come from the spine;
emergency: a spinal emergency (cauda equina syndrome); red-flag: something that must never be
missed (an infection, a clot, a blocked artery, a fracture), with its urgency, that is not a
spinal cause of foot pain."""


def type_aliases() -> dict[str, Any]:
    """The choice types above as `typing` objects, for reading the fields' type hints (shape.py).

    They are declared for the type checker only, so that an ordinary run never imports `typing`;
    the tuples above are their runtime values (tests/test_record.py checks the two agree).
    """
    from typing import Any, Literal

    choices = {
        "ConditionKind": KINDS,
        "Tier": TIERS,
        "Stance": STANCES,
        "Urgency": URGENCIES,
        "Prior": PRIORS,
        "CheckUrgency": CHECK_URGENCIES,
        "FindingSection": FINDING_SECTIONS,
        "Measure": MEASURES,
        "Basis": BASES,
    }
    return {"Any": Any, "Literal": Literal, **{name: Literal[values] for name, values in choices.items()}}


def _meta(doc: str, **extra: Any) -> dict[str, Any]:
    return {"doc": doc, **extra}


def optional_text(doc: str, *, patient: bool = False) -> Any:
    return field(default="", metadata=_meta(doc, patient=patient))


def text_list(doc: str, *, patient: bool = False) -> Any:
    return field(default_factory=list, metadata=_meta(doc, patient=patient))


def ref_list(doc: str, ref: str) -> Any:
    return field(default_factory=list, metadata=_meta(doc, ref=ref))


@dataclass(frozen=True, slots=True)
class Source:
    """A published source that entries cite by id."""

    id: str = field(metadata=_meta("lowercase slug, unique among sources", check="slug"))
    title: str = field(metadata=_meta("title of the page, guideline or paper"))
    publisher: str = field(metadata=_meta("who published it (NICE, NHS, MedlinePlus, a journal, ...)"))
    url: str = field(
        metadata=_meta(
            "http or https address at the publisher's own site; copies on mirror, blog and "
            "document-sharing sites are refused (FS022)",
            check="url",
        )
    )
    checked: str = field(metadata=_meta("date the address and what it says were last checked", check="date"))
    year: str = optional_text("year of publication or last update, if known")


@dataclass(frozen=True, slots=True)
class Mechanism:
    """One way a problem in the spine reaches a nerve root, and so the foot."""

    id: str = field(metadata=_meta("lowercase slug, unique among mechanisms", check="slug"))
    name: str = field(metadata=_meta("short name"))
    summary: str = field(metadata=_meta("one plain sentence, shown in lists", patient=True))
    explanation: str = field(metadata=_meta("the full plain-language explanation", patient=True))
    clinical: str = optional_text("the same for clinicians, clinical terms allowed")
    lay_terms: list[str] = text_list("words people use for it ('trapped nerve', 'wear and tear'); searched, not shown")
    sources: list[str] = ref_list("source ids", "sources")


@dataclass(frozen=True, slots=True)
class NerveRoot:
    """A lumbar or sacral nerve root and where it is felt in the leg and foot."""

    id: str = field(metadata=_meta("root id: l4, l5, s1 or s2-s4", check="slug"))
    name: str = field(metadata=_meta("as clinicians write it: L4, L5, S1, S2-S4"))
    usual_disc_level: str = field(metadata=_meta("which disc level usually presses on it, and how", patient=True))
    skin_area: str = field(metadata=_meta("where on the leg and foot it is felt", patient=True))
    weakness: str = field(metadata=_meta("the muscles that weaken", patient=True))
    reflex: str = field(metadata=_meta("the reflex that changes, or that none reliably does", patient=True))
    functional_test: str = field(metadata=_meta("a simple test of its strength", patient=True))
    traversing_exiting: str = optional_text("the traversing vs exiting root rule for it")
    foot_regions: list[str] = field(
        default_factory=list,
        metadata=_meta(
            "regions of the foot picture it covers: shin-inner, shin-outer, calf, "
            "ankle-inner, foot-inner, foot-top, big-toe, sole, heel, foot-outer, little-toe, saddle",
            check="foot-region",
        ),
    )
    clinical: str = optional_text("exam notes for clinicians")
    red_flags: list[str] = ref_list(
        "warning signs that involve this root; emergency ones open its page in a box", "red_flags"
    )
    look_alikes: list[str] = ref_list("conditions outside the spine that cause symptoms in the same area", "conditions")
    lay_terms: list[str] = text_list("words people use for its symptoms ('cant stand on tiptoe'); searched, not shown")
    sources: list[str] = ref_list("source ids", "sources")


FOOT_REGIONS: tuple[str, ...] = (
    "shin-inner",
    "shin-outer",
    "calf",
    "ankle-inner",
    "foot-inner",
    "foot-top",
    "big-toe",
    "sole",
    "heel",
    "foot-outer",
    "little-toe",
    "saddle",
)


@dataclass(frozen=True, slots=True)
class GuidelinePosition:
    """What one guideline body says about a treatment."""

    body: str = field(metadata=_meta("the guideline, with its year: 'NICE NG59 (2020)'"))
    says: str = field(metadata=_meta("its position, in your own words", patient=True))
    source: str = field(metadata=_meta("source id", ref="sources"))


@dataclass(frozen=True, slots=True)
class Treatment:
    """A treatment, described once and linked from the conditions it applies to."""

    id: str = field(metadata=_meta("lowercase slug, unique among treatments", check="slug"))
    name: str = field(metadata=_meta("short name"))
    tier: Tier = field(metadata=_meta("self-care, conservative, medicines, injections or surgery"))
    what_it_is: str = field(metadata=_meta("what it is, plainly", patient=True))
    what_it_does: str = field(metadata=_meta("what it does and how it might help", patient=True))
    evidence: str = field(metadata=_meta("what the trials and reviews found, plainly", patient=True))
    stance: Stance = field(
        metadata=_meta(
            "the guidelines' usual position: recommended, consider, uncertain or not-recommended; "
            "a condition's link may override it"
        )
    )
    not_recommended_reason: str = optional_text(
        "why guidelines advise against it (required when any stance is not-recommended)",
        patient=True,
    )
    guidelines: list[GuidelinePosition] = field(default_factory=list, metadata=_meta("what each guideline body says"))
    cautions: list[str] = text_list("risks and who should be careful", patient=True)
    sources: list[str] = ref_list("source ids", "sources")


@dataclass(frozen=True, slots=True)
class TreatmentLink:
    """A treatment as it applies to one condition."""

    treatment: str = field(metadata=_meta("treatment id", ref="treatments"))
    note: str = field(metadata=_meta("what it does for this condition", patient=True))
    stance: Stance | None = field(default=None, metadata=_meta("overrides the treatment's stance for this condition"))
    reason: str = optional_text(
        "why it is advised against for this condition (when the stance is not-recommended)",
        patient=True,
    )


@dataclass(frozen=True, slots=True)
class PathwayStep:
    """One chain from the spine to the foot: spine level, then root, then foot area."""

    level: str = field(metadata=_meta("where in the spine: 'L4-L5 disc, bulging to one side'", patient=True))
    root: str = field(metadata=_meta("root id", ref="roots"))
    foot_area: str = field(metadata=_meta("where in the leg and foot it is felt", patient=True))
    note: str = optional_text("when this chain applies", patient=True)


@dataclass(frozen=True, slots=True)
class Cause:
    """A condition that can produce this one (sciatica is a pattern with causes)."""

    condition: str = field(metadata=_meta("condition id", ref="conditions"))
    share: str = optional_text("how often, when the sources say: 'about 85 to 90 in 100'")
    note: str = optional_text("plain note", patient=True)


@dataclass(frozen=True, slots=True)
class Icd10Code:
    code: str = field(metadata=_meta("ICD-10-CM code, e.g. M51.16"))
    title: str = field(metadata=_meta("its title, abridged"))


@dataclass(frozen=True, slots=True)
class Icd10:
    """ICD-10-CM codes, with the code-set year they were checked against."""

    code_set: str = field(metadata=_meta("the ICD-10-CM code set, e.g. FY2026"))
    codes: list[Icd10Code] = field(default_factory=list, metadata=_meta("the codes"))


@dataclass(frozen=True, slots=True)
class Clinical:
    """The short section for clinicians, physiotherapists and students."""

    exam: list[str] = text_list("exam signs and their accuracy")
    evidence: list[str] = text_list("evidence points, with the source in the text")


@dataclass(frozen=True, slots=True)
class Weight:
    """How much one finding changes the odds of a condition: a likelihood ratio, with its source."""

    finding: str = field(metadata=_meta("finding id", ref="findings"))
    if_yes: float = field(metadata=_meta("likelihood ratio when the finding is there (above 1 raises)"))
    basis: Basis = field(metadata=_meta("study (a published likelihood ratio) or guideline (fixed scale)"))
    source: str = field(metadata=_meta("source id", ref="sources"))
    if_no: float = field(default=1.0, metadata=_meta("likelihood ratio when it is not there (below 1 lowers)"))
    note: str = optional_text("where the figure comes from: 'sensitivity 0.92, specificity 0.28'")


@dataclass(frozen=True, slots=True)
class CheckProfile:
    """What the guided check needs to weigh a condition and say how soon to get help."""

    urgency: CheckUrgency = field(
        metadata=_meta("how soon to get help when this fits best and no warning sign was given")
    )
    advice: str = field(metadata=_meta("what to do now, in a line or two", patient=True))
    weights: list[Weight] = field(default_factory=list, metadata=_meta("findings that raise or lower it"))


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition: spinal, a mimic of spine-origin foot pain, or an emergency."""

    id: str = field(metadata=_meta("lowercase slug, unique among conditions", check="slug"))
    name: str = field(metadata=_meta("the name people know it by"))
    kind: ConditionKind = field(metadata=_meta("spinal, mimic or emergency"))
    summary: str = field(metadata=_meta("what it is, in two or three plain sentences", patient=True))
    sources: list[str] = ref_list("source ids; at least one", "sources")
    reviewed: str = field(
        default="",
        metadata=_meta(
            "date every fact in the entry was last checked against its sources; "
            "left out while `to_check` lists facts still to confirm",
            check="date",
        ),
    )
    to_check: list[str] = text_list(
        "facts still to confirm in a primary source: for the maintainers, never shown; "
        "an entry with any carries no `reviewed` date"
    )
    aliases: list[str] = text_list("other names people type; unique after normalisation", patient=True)
    clinical_names: list[str] = text_list(
        "names clinicians use; they find the entry like aliases but are shown only with --clinical"
    )
    lay_terms: list[str] = text_list(
        "words people use for its symptoms ('foot feels dead', 'pins and needles'); searched, not shown"
    )
    prior: Prior | None = field(default=None, metadata=_meta("common, uncommon or rare, among people who look it up"))
    from_the_spine: str = optional_text(
        "one line that answers 'does it come from my back?': starts with Yes, No or Sometimes, then says how",
        patient=True,
    )
    do_now: list[str] = text_list(
        "the things to do now, most useful first, at most three: the first screen of the page (FS026)", patient=True
    )
    how_it_reaches_the_foot: str = optional_text("the plain explanation of the path from spine to foot", patient=True)
    pathways: list[PathwayStep] = field(default_factory=list, metadata=_meta("spine level, then root, then foot area"))
    causes: list[Cause] = field(default_factory=list, metadata=_meta("conditions that cause this pattern"))
    mechanisms: list[str] = ref_list("mechanism ids", "mechanisms")
    roots: list[str] = ref_list("root ids usually affected", "roots")
    symptoms: list[str] = text_list("foot and leg symptoms", patient=True)
    better: list[str] = text_list("what tends to ease it", patient=True)
    worse: list[str] = text_list("what tends to make it worse", patient=True)
    outlook: str = optional_text("what usually happens over time", patient=True)
    diagnosis: str = optional_text("how it is diagnosed", patient=True)
    telling_apart: str = optional_text(
        "how to tell it from the spine-origin conditions (required for mimics)", patient=True
    )
    when_to_get_help: list[str] = text_list("when to see someone, and who", patient=True)
    red_flags: list[str] = ref_list("red flag ids that apply", "red_flags")
    treatments: list[TreatmentLink] = field(
        default_factory=list, metadata=_meta("treatments with notes for this condition")
    )
    related: list[str] = ref_list("related condition ids", "conditions")
    icd10cm: Icd10 | None = field(default=None, metadata=_meta("ICD-10-CM codes"))
    clinical: Clinical | None = field(default=None, metadata=_meta("the clinicians' section"))
    check: CheckProfile | None = field(default=None, metadata=_meta("how the guided check weighs it"))


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A warning sign, its urgency, and what to do about it now."""

    id: str = field(metadata=_meta("lowercase slug, unique among red flags", check="slug"))
    urgency: Urgency = field(metadata=_meta("emergency, urgent or soon"))
    sign: str = field(metadata=_meta("the sign, as a person would notice it", patient=True))
    action: str = field(metadata=_meta("what to do now", patient=True))
    short: str = optional_text("a few words for one-line banners and search results", patient=True)
    lay_terms: list[str] = text_list("words people type for this sign ('cant pee', 'numb bum'); searched, not shown")
    possible_cause: str = optional_text("what it may point to")
    raised_by: list[FindingSet] = field(
        default_factory=list, metadata=_meta("in the guided check: the findings that raise it (any one set)")
    )
    sources: list[str] = ref_list("source ids", "sources")


@dataclass(frozen=True, slots=True)
class FindingSet:
    """Findings that together raise a warning sign: cancer in the past and new leg weakness."""

    all: list[str] = field(metadata=_meta("finding ids, all of which were said", ref="findings"))


@dataclass(frozen=True, slots=True)
class WordsTogether:
    """Two kinds of words that say a finding when one of each is in the same clause, in either
    order: a feeling ("numb", "cant feel") and a place ("back passage"). People word warning
    signs in more ways than a list of whole phrases can hold."""

    any_of: list[str] = field(metadata=_meta("words or phrases of the first kind ('numb', 'cant feel')"))
    with_any_of: list[str] = field(metadata=_meta("words or phrases of the second kind ('back passage')"))
    within: int | None = field(
        default=None, metadata=_meta("at most this many words between the two; unset: anywhere in the clause")
    )
    unless: list[str] = text_list(
        "words that, in the same clause, make it mean something else ('down': numb from the bum down)"
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a person can say yes or no to in the guided check, and how they say it."""

    id: str = field(metadata=_meta("lowercase slug, unique among findings", check="slug"))
    section: FindingSection = field(metadata=_meta("warning, where, pattern, history or about-you"))
    question: str = field(metadata=_meta("the yes-or-no question the check asks", patient=True))
    said: str = field(
        # Shown to patients, but a label of a few words: a reading-grade formula cannot grade it
        # (one word such as "diabetes" scores grade 20); the question beside it is graded.
        metadata=_meta("a few words for 'why' lines: 'it eases when you sit'")
    )
    phrases: list[str] = text_list(
        "words people write for it, matched whole in a description ('numb bum'); a leading "
        "'no' or a trailing 'is fine' denies it"
    )
    together: list[WordsTogether] = field(
        default_factory=list,
        metadata=_meta("pairs of word lists that also say it, in any order within a clause (warning signs)"),
    )
    regions: list[str] = field(
        default_factory=list, metadata=_meta("the foot-map regions it marks", check="foot-region")
    )
    measure: Measure | None = field(default=None, metadata=_meta("age or weeks: a finding read from a number"))
    at_least: int | None = field(default=None, metadata=_meta("with measure: yes from this number up"))
    under: int | None = field(default=None, metadata=_meta("with measure: yes below this number"))
    urgency: CheckUrgency | None = field(
        default=None, metadata=_meta("at least this urgent when yes, without being a warning sign")
    )
    outside: str = optional_text("when yes, the thing outside footspine's field it points to ('chest pain')")
    ask: Literal["yes", "no"] = field(
        default="yes", metadata=_meta("no: read from a description or a number only, never asked on its own")
    )
    sources: list[str] = ref_list("source ids", "sources")


@dataclass(frozen=True, slots=True)
class EmergencyNumber:
    region: str = field(metadata=_meta("where: UK, US and Canada, EU"))
    number: str = field(metadata=_meta("the number to call"))
    place: str = field(metadata=_meta("where to go in person: A&E, the ER, the emergency department"))


@dataclass(frozen=True, slots=True)
class GroupMember:
    """One condition a group name covers, and how to tell it from the others in one line."""

    condition: str = field(metadata=_meta("condition id", ref="conditions"))
    tell: str = field(metadata=_meta("one plain line that tells it apart from the others", patient=True))


@dataclass(frozen=True, slots=True)
class AmbiguousTerm:
    """A name that covers several conditions ("spondylolisthesis", "pinched nerve").

    footspine does not guess between them: the name opens an overview page that says what the
    word means, the conditions it covers, how to tell them apart, and the command for each.
    """

    term: str = field(metadata=_meta("the term, e.g. 'pinched nerve'"))
    candidates: list[str] = ref_list("condition ids it may mean", "conditions")
    note: str = optional_text("what the word means and why it covers several conditions", patient=True)
    other_names: list[str] = text_list("other ways people write the same group name", patient=True)
    members: list[GroupMember] = field(
        default_factory=list, metadata=_meta("how to tell the candidates apart, one line each")
    )


@dataclass(frozen=True, slots=True)
class Synonym:
    """Words people use that the knowledge says another way: 'pins and needles' means tingling."""

    words: list[str] = field(metadata=_meta("the lay phrases, each matched whole ('pins and needles')"))
    means: str = field(metadata=_meta("the words search should also look for ('tingling')"))


@dataclass(frozen=True, slots=True)
class Knowledge:
    """A whole knowledge file (or several merged: later files replace entries by id)."""

    schema_version: int = field(metadata=_meta(f"must be {SCHEMA_VERSION}"))
    conditions: list[Condition] = field(default_factory=list, metadata=_meta("conditions"))
    mechanisms: list[Mechanism] = field(default_factory=list, metadata=_meta("mechanisms"))
    roots: list[NerveRoot] = field(default_factory=list, metadata=_meta("nerve roots"))
    treatments: list[Treatment] = field(default_factory=list, metadata=_meta("treatments"))
    red_flags: list[RedFlag] = field(default_factory=list, metadata=_meta("warning signs"))
    emergency_numbers: list[EmergencyNumber] = field(
        default_factory=list, metadata=_meta("numbers to call in an emergency")
    )
    ambiguous_terms: list[AmbiguousTerm] = field(
        default_factory=list, metadata=_meta("group names that open an overview page, not one condition")
    )
    synonyms: list[Synonym] = field(
        default_factory=list, metadata=_meta("lay words that search also reads another way")
    )
    findings: list[Finding] = field(
        default_factory=list, metadata=_meta("what the guided check asks about and reads in a description")
    )
    sources: list[Source] = field(default_factory=list, metadata=_meta("cited sources"))


COLLECTIONS: dict[str, type] = {
    "conditions": Condition,
    "mechanisms": Mechanism,
    "roots": NerveRoot,
    "treatments": Treatment,
    "red_flags": RedFlag,
    "findings": Finding,
    "sources": Source,
}
"""Top-level lists whose entries have ids, can be referenced, and can be replaced by overlays."""
