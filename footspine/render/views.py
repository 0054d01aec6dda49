"""Build the Document for each command from a query bundle. No Rich, no Typer, no I/O."""

from __future__ import annotations

from footspine.knowledge.index import ListingRow
from footspine.knowledge.model import TIERS, URGENCIES, Condition, EmergencyNumber, Finding, NerveRoot, RedFlag, Source
from footspine.query import (
    AppliedTreatment,
    ConditionView,
    GroupView,
    MechanismView,
    RedFlagsView,
    RootsView,
    RootView,
    SearchResult,
)
from footspine.render.citations import Citations
from footspine.render.document import (
    DISCLAIMER,
    Block,
    Bullets,
    Chain,
    ChainStep,
    Document,
    FootMap,
    Hits,
    MapRoot,
    Pairs,
    Paragraph,
    Section,
    Table,
    safe,
)

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from footspine.triage import CheckResult, Question

TIER_TITLES = {
    "self-care": "Self-care",
    "conservative": "Therapy and exercise",
    "medicines": "Medicines",
    "injections": "Injections",
    "surgery": "Surgery",
}
STANCE_WORDS = {
    "recommended": "recommended",
    "consider": "may be offered",
    "uncertain": "no advice either way: the evidence is missing",
    "not-recommended": "advised against",
}
EMERGENCY_IF = "Emergency: go to A&E or the emergency department now if you have"
"""Title of the emergency box that every non-emergency condition view carries."""

URGENCY_TITLES = {
    "emergency": "EMERGENCY: go to A&E or the emergency department now",
    "urgent": "Urgent: get medical help today",
    "soon": "See a doctor soon",
}


def _numbers(numbers: list[EmergencyNumber]) -> str:
    calls = ", ".join(f"{n.number} ({n.region})" for n in numbers)
    return f"Call {calls}, or go to {_places(numbers)}." if numbers else ""


def _go_now(numbers: list[EmergencyNumber]) -> str:
    """Where to go and what to call, in one phrase for banners."""
    calls = ", ".join(f"{n.number} ({n.region})" for n in numbers)
    return f"go to {_places(numbers)} or call {calls}" if numbers else "go to an emergency department"


def _places(numbers: list[EmergencyNumber]) -> str:
    places = []
    for n in numbers:
        if n.place not in places:
            places.append(n.place)
    return " / ".join(places)


def emergency_banner(signs: list[RedFlag], numbers: list[EmergencyNumber], *, more_below: bool = True) -> Section:
    """One short box near the top: the emergency signs in a few words and where to go.

    The full box stays where it was; this makes sure the first screen of a page that can lead to
    an emergency already says what to do.
    """
    names = "; ".join(safe(f.short or f.sign).rstrip(".") for f in signs)
    where = _go_now(numbers)
    tail = " Full list below." if more_below else ""
    text = f"EMERGENCY SIGNS: {names}. If you have any of them, {where} now.{tail}"
    return Section("", [Paragraph(text)], tone="emergency")


def warning_lines(flags: list[RedFlag], numbers: list[EmergencyNumber]) -> list[str]:
    """Plain lines for stderr: each matched warning sign, most urgent first, with what to do."""
    lines = []
    for flag in flags:
        label = "EMERGENCY" if flag.urgency == "emergency" else "URGENT" if flag.urgency == "urgent" else "Soon"
        lines.append(safe(f"{label}: {flag.short or flag.sign}. {flag.action}"))
    if any(f.urgency == "emergency" for f in flags) and numbers:
        lines.append(safe(_numbers(numbers)))
    return lines


def _mark(cite: Citations | None, ids: list[str]) -> str:
    """The citation marker for these sources, or nothing on a page that cites none (--brief)."""
    return cite.mark(ids) if cite else ""


def emergency_section(
    signs: list[RedFlag], numbers: list[EmergencyNumber], title: str, cite: Citations | None = None
) -> Section:
    """The emergency box: shown by every view of a condition, never hidden by any option."""
    blocks: list[Block] = [Bullets([safe(f.sign) + _mark(cite, f.sources) for f in signs])]
    if numbers:
        blocks.append(Paragraph(safe(_numbers(numbers))))
    return Section(title, blocks, tone="emergency")


PENDING_REVIEW = "Some facts on this page are still being checked against their sources."


def _known(sources: list[Source]) -> dict[str, Source]:
    return {s.id: s for s in sources}


ROOT_ORDER = ("l4", "l5", "s1", "s2-s4")
"""Top to bottom of the spine: the map's key always reads in this order."""


def _map(roots: list[NerveRoot]) -> FootMap:
    ordered = sorted(roots, key=lambda r: ROOT_ORDER.index(r.id) if r.id in ROOT_ORDER else len(ROOT_ORDER))
    return FootMap([MapRoot(r.id, r.name, r.foot_regions) for r in ordered])


def _see(commands: bool, command: str) -> str:
    """ " See: footspine ..." where a command can be typed; nothing on a printed handout."""
    return f" See: {command}" if commands else ""


def group(view: GroupView, *, treatments: bool = False, commands: bool = True) -> Document:
    """The overview page for a name that covers several conditions."""
    doc = Document(title=safe(view.term[:1].upper() + view.term[1:]))
    doc.subtitle = "This name covers more than one condition."
    doc.sections.append(emergency_banner(view.emergency_signs, view.emergency_numbers))
    if view.note:
        doc.sections.append(Section("What the word means", [Paragraph(safe(view.note))]))
    command = "treatments" if treatments else "explain"
    items = [safe(f"{m.name}: {m.tell}{_see(commands, f'footspine {command} {m.id}')}") for m in view.members]
    doc.sections.append(Section("The conditions it covers, and how to tell them apart", [Bullets(items)]))
    if treatments:
        shared = ", ".join(view.shared_treatments) or "none in common"
        blocks: list[Block] = [Paragraph(safe(f"Offered for all of them: {shared}."))]
        blocks.append(Paragraph("Each condition's own list says what helps it, and what to avoid."))
        doc.sections.append(Section("Treatments they share", blocks))
    doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, EMERGENCY_IF))
    doc.footer.append(DISCLAIMER)
    return doc


FROM_THE_SPINE = {
    "spinal": "Yes: it starts in your lower back, where a nerve root is pressed or irritated.",
    "emergency": "Yes: it starts in your lower back, where the nerves to your legs, bladder and bowel are pressed.",
    "mimic": "No: it starts in your leg or foot, not your back, though it can feel alike.",
    "red-flag": "It may or may not start in your back: the page says how to tell.",
}
"""What the first screen says when an entry has no `from_the_spine` line of its own."""


def _top_boxes(view: ConditionView, cite: Citations | None, *, more_below: bool = True) -> list[Section]:
    """What opens every condition page: the emergency box on an emergency page, the page's own
    signs on a warning-sign page, and the one-line emergency banner everywhere else."""
    c = view.condition
    if c.kind == "emergency":
        title = URGENCY_TITLES["emergency"]
        return [emergency_section(view.emergency_signs, view.emergency_numbers, title, cite)]
    if c.kind == "red-flag":
        return _urgent_page_boxes(view)
    return [emergency_banner(view.emergency_signs, view.emergency_numbers, more_below=more_below)]


def _opening(view: ConditionView, cite: Citations | None = None, *, more_below: bool = True) -> list[Section]:
    """The first screen: the emergency signs, what it is, whether it is the back, what to do now.

    A person who reads only this far knows how soon to get help and what to do first.
    """
    c = view.condition
    sections = _top_boxes(view, cite, more_below=more_below)
    sections.append(Section("What it is", [Paragraph(safe(c.summary) + _mark(cite, c.sources))]))
    spine = c.from_the_spine or FROM_THE_SPINE[c.kind]
    sections.append(Section("Does it come from your back?", [Paragraph(safe(spine))], tone="info"))
    steps = c.do_now or ([c.check.advice] if c.check else [])
    if steps:
        sections.append(Section("What to do now", [Bullets([safe(step) for step in steps])]))
    return sections


def explain(view: ConditionView, *, clinical: bool = False, commands: bool = True) -> Document:
    """The whole page: the first screen, then how it works, what helps, and the sources."""
    c = view.condition
    cite = Citations(_known(view.sources))
    doc = _head(view)
    doc.sections += _opening(view, cite)
    if c.kind == "mimic" or (c.telling_apart and c.kind == "red-flag"):
        doc.sections.append(Section("How to tell it apart", [Paragraph(safe(c.telling_apart))]))
    if c.causes:
        items = []
        for cause in c.causes:
            name = view.names.get(cause.condition, cause.condition)
            share = f" ({cause.share})" if cause.share else ""
            note = f": {cause.note}" if cause.note else ""
            items.append(safe(f"{name}{share}{note}"))
        doc.sections.append(Section("What causes it", [Bullets(items)]))
    if c.kind not in ("mimic", "red-flag") and (c.how_it_reaches_the_foot or c.pathways):
        doc.sections.append(Section("How it reaches your foot", _reach_blocks(view)))
    doc.sections += _symptom_lists(c)
    if c.outlook:
        doc.sections.append(Section("Outlook", [Paragraph(safe(c.outlook))]))
    if c.diagnosis:
        doc.sections.append(Section("How it is diagnosed", [Paragraph(safe(c.diagnosis))]))
    help_section = _when_to_get_help(view, cite)
    if help_section is not None:
        doc.sections.append(help_section)
    if c.kind != "emergency":
        doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, EMERGENCY_IF, cite))
    if view.look_alikes:
        title = (
            "Could it be something else?" if c.kind in ("spinal", "emergency") else "Spine problems it is mistaken for"
        )
        items = [
            safe(f"{name}: {tell}{_see(commands, f'footspine explain {i}')}".replace(":  See", ": See"))
            for i, name, tell in view.look_alikes
        ]
        doc.sections.append(Section(title, [Bullets(items)]))
    if view.treatments:
        blocks = _treatment_summary(view.treatments)
        if commands:
            blocks.append(Paragraph(f"Details and evidence: footspine treatments {c.id}"))
        doc.sections.append(Section("Main treatments", blocks))
    if clinical:
        doc.sections.append(_clinical(view, cite))
    doc.sections.append(cite.section(c.reviewed, PENDING_REVIEW if c.to_check else ""))
    doc.footer.append(DISCLAIMER)
    return doc


def brief(view: ConditionView, *, commands: bool = True) -> Document:
    """One screen: the opening, the map, when to get help and the main treatments."""
    c = view.condition
    doc = _head(view)
    doc.sections += _opening(view, more_below=False)
    if view.roots and c.kind not in ("mimic", "red-flag"):
        doc.sections.append(Section("Where you may feel it", [_map(view.roots)]))
    if c.when_to_get_help:
        doc.sections.append(Section("When to get help", [Bullets([safe(s) for s in c.when_to_get_help])], "warning"))
    offered = [a for a in view.treatments if a.stance in _OFFERED]
    if offered:
        doc.sections.append(Section("Main treatments", _treatment_summary(offered)))
    if commands:
        doc.footer.append(f"The full page, with its sources: footspine explain {c.id}")
    doc.footer.append(DISCLAIMER)
    return doc


def handout(view: ConditionView) -> Document:
    """The page to print for a patient: two sheets at most, the emergency box first, no commands.

    The full page is a reference; on paper a person needs what it is, what to do, when to get
    help and where it is felt. The causes, the step-by-step paths, the mechanisms and the
    clinicians' notes stay on the screen, where there is room for them.
    """
    c = view.condition
    cite = Citations(_known(view.sources))
    doc = _head(view)
    if c.kind == "red-flag":
        doc.sections += _urgent_page_boxes(view)
    else:
        title = URGENCY_TITLES["emergency"] if c.kind == "emergency" else EMERGENCY_IF
        doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, title, cite))
    doc.sections += [s for s in _opening(view, cite) if s.tone not in ("emergency", "warning")]
    if c.telling_apart and c.kind in ("mimic", "red-flag"):
        doc.sections.append(Section("How to tell it apart", [Paragraph(safe(c.telling_apart))]))
    if c.kind not in ("mimic", "red-flag") and (c.how_it_reaches_the_foot or view.roots):
        blocks: list[Block] = [Paragraph(safe(c.how_it_reaches_the_foot))] if c.how_it_reaches_the_foot else []
        if view.roots:
            blocks.append(_map(view.roots))
        doc.sections.append(Section("How it reaches your foot", blocks))
    doc.sections += _symptom_lists(c)
    if c.outlook:
        doc.sections.append(Section("Outlook", [Paragraph(safe(c.outlook))]))
    help_section = _when_to_get_help(view, cite)
    if help_section is not None:
        doc.sections.append(help_section)
    if view.treatments:
        doc.sections.append(Section("Main treatments", _treatment_summary(view.treatments)))
    doc.sections.append(cite.section(c.reviewed, PENDING_REVIEW if c.to_check else ""))
    doc.footer.append(DISCLAIMER)
    return doc


def _symptom_lists(c: Condition) -> list[Section]:
    lists = (("Symptoms", c.symptoms), ("What often helps", c.better), ("What often makes it worse", c.worse))
    return [Section(title, [Bullets([safe(s) for s in items])]) for title, items in lists if items]


def _head(view: ConditionView) -> Document:
    c = view.condition
    doc = Document(title=safe(c.name))
    if c.aliases:
        doc.subtitle = "Also called: " + safe(", ".join(c.aliases))
    if view.corrected_from:
        doc.subtitle = safe(f"Showing {c.name} for {view.corrected_from!r}. ") + doc.subtitle
    return doc


def _reach_blocks(view: ConditionView) -> list[Block]:
    c = view.condition
    blocks: list[Block] = []
    if c.how_it_reaches_the_foot:
        blocks.append(Paragraph(safe(c.how_it_reaches_the_foot)))
    if c.pathways:
        root_names = {r.id: r.name for r in view.roots}
        steps = [
            ChainStep(
                safe(p.level),
                root_names.get(p.root, p.root.upper()) + " nerve root",
                p.root,
                safe(p.foot_area),
                safe(p.note),
            )
            for p in c.pathways
        ]
        blocks.append(Chain(steps))
    if view.roots:
        blocks.append(_map(view.roots))
    if view.mechanisms:
        blocks.append(Pairs([("How the nerve root gets squeezed or irritated", "")]))
        blocks.append(Bullets([safe(f"{m.name}: {m.summary}") for m in view.mechanisms]))
    return blocks


def _when_to_get_help(view: ConditionView, cite: Citations | None) -> Section | None:
    c = view.condition
    blocks: list[Block] = []
    if c.when_to_get_help:
        blocks.append(Bullets([safe(s) for s in c.when_to_get_help]))
    if c.kind != "red-flag":
        blocks += _flag_blocks(view.red_flags, ("urgent", "soon"), cite)
    return Section("When to get help", blocks, tone="warning") if blocks else None


def _flag_blocks(flags: list[RedFlag], urgencies: tuple[str, ...], cite: Citations | None = None) -> list[Block]:
    blocks: list[Block] = []
    for urgency in urgencies:
        chosen = [f for f in flags if f.urgency == urgency]
        if chosen:
            blocks.append(Pairs([(URGENCY_TITLES[urgency], "")]))
            blocks.append(Bullets([safe(f"{f.sign} {f.action}") + _mark(cite, f.sources) for f in chosen]))
    return blocks


def _urgent_page_boxes(view: ConditionView) -> list[Section]:
    """A red-flag page opens with its own signs, most urgent first, each with what to do now."""
    return _flags_by_urgency(view.red_flags, view.emergency_numbers, None)


def _flags_by_urgency(flags: list[RedFlag], numbers: list[EmergencyNumber], cite: Citations | None) -> list[Section]:
    """One box per urgency; signs that call for the same action share it, said once."""
    sections = []
    for urgency in URGENCIES:
        chosen = [f for f in flags if f.urgency == urgency]
        if not chosen:
            continue
        blocks: list[Block] = []
        for action in dict.fromkeys(f.action for f in chosen):
            signs = [f for f in chosen if f.action == action]
            blocks.append(Bullets([safe(f.sign) + _mark(cite, f.sources) for f in signs]))
            blocks.append(Paragraph(("What to do: " if len(signs) == 1 else "For any of these: ") + safe(action)))
        if urgency == "emergency" and numbers:
            blocks.append(Paragraph(safe(_numbers(numbers))))
        tone = "emergency" if urgency == "emergency" else "warning"
        sections.append(Section(URGENCY_TITLES[urgency], blocks, tone=tone))  # type: ignore[arg-type]
    return sections


def _treatment_summary(applied: list[AppliedTreatment]) -> list[Block]:
    pairs: list[tuple[str, str]] = []
    for tier in TIERS:
        names = [a.treatment.name for a in applied if a.treatment.tier == tier and a.stance in _OFFERED]
        if names:
            pairs.append((TIER_TITLES[tier], safe(", ".join(names))))
    unclear = [a.treatment.name for a in applied if a.stance == "uncertain"]
    if unclear:
        pairs.append(("No advice either way", safe(", ".join(unclear))))
    against = [a.treatment.name for a in applied if a.stance == "not-recommended"]
    if against:
        pairs.append(("Advised against", safe(", ".join(against))))
    return [Pairs(pairs)]


_OFFERED = ("recommended", "consider")


def _clinical(view: ConditionView, cite: Citations) -> Section:
    c = view.condition
    blocks: list[Block] = []
    if c.clinical_names:
        blocks.append(Paragraph("Clinical names: " + safe(", ".join(c.clinical_names))))
    if c.icd10cm is not None and c.icd10cm.codes:
        blocks.append(Paragraph(f"ICD-10-CM codes ({safe(c.icd10cm.code_set)} code set):"))
        blocks.append(Pairs([(safe(code.code), safe(code.title)) for code in c.icd10cm.codes]))
    if c.clinical is not None:
        if c.clinical.exam:
            blocks.append(Paragraph("Examination:"))
            blocks.append(Bullets([safe(cite.text(s)) for s in c.clinical.exam]))
        if c.clinical.evidence:
            blocks.append(Paragraph("Evidence:"))
            blocks.append(Bullets([safe(cite.text(s)) for s in c.clinical.evidence]))
    for m in view.mechanisms:
        if m.clinical:
            blocks.append(Paragraph(safe(cite.text(f"{m.name}: {m.clinical}"))))
    if not blocks:
        blocks.append(Paragraph("No clinical notes for this entry."))
    return Section("For clinicians", blocks)


def treatments(view: ConditionView, *, details: bool = False, commands: bool = True) -> Document:
    """Treatments by tier, one line each; with `details`, what each is, does and the evidence."""
    c = view.condition
    cite = Citations(_known(view.sources))
    doc = Document(title=f"Treatments for {safe(c.name)}")
    doc.sections += _top_boxes(view, cite)
    groups: list[tuple[str, list[AppliedTreatment], str]] = []
    for tier in TIERS:
        groups.append(
            (
                TIER_TITLES[tier],
                [a for a in view.treatments if a.treatment.tier == tier and a.stance in _OFFERED],
                "normal",
            )
        )
    groups.append(
        (
            "No advice either way: the evidence is missing",
            [a for a in view.treatments if a.stance == "uncertain"],
            "normal",
        )
    )
    against = [a for a in view.treatments if a.stance == "not-recommended"]
    groups.append(("Advised against by guidelines for this condition", against, "warning"))
    for title, applied, tone in groups:
        if not applied:
            continue
        if details:
            blocks = [b for a in applied for b in _treatment_blocks(a, cite)]
        else:
            blocks = [Bullets([_treatment_line(a, cite) for a in applied])]
        doc.sections.append(Section(title, blocks, tone=tone))  # type: ignore[arg-type]
    if not view.treatments:
        doc.sections.append(Section("Treatments", [Paragraph("No treatments are listed for this entry.")]))
    elif not details and commands:
        doc.sections.append(
            Section("", [Paragraph(f"What each is, and the evidence: footspine treatments {c.id} --details")])
        )
    if c.kind != "emergency":
        doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, EMERGENCY_IF, cite))
    doc.sections.append(cite.section(c.reviewed, PENDING_REVIEW if c.to_check else ""))
    doc.footer.append(DISCLAIMER)
    return doc


def _treatment_line(a: AppliedTreatment, cite: Citations) -> str:
    """Name, then what it means for this condition, in its first sentence."""
    note = a.reason if a.stance == "not-recommended" and a.reason else a.note
    first = note.split(". ")[0].rstrip(".") + "." if note else ""
    return safe(f"{a.treatment.name}: {first}") + cite.mark(a.treatment.sources)


def _treatment_blocks(a: AppliedTreatment, cite: Citations) -> list[Block]:
    t = a.treatment
    pairs = [("Stance", STANCE_WORDS.get(a.stance, a.stance))]
    if a.stance == "not-recommended" and a.reason:
        pairs.append(("Why", safe(a.reason)))
    pairs += [
        ("What it is", safe(t.what_it_is)),
        ("For this condition", safe(a.note)),
        ("What it does", safe(t.what_it_does)),
        ("Evidence", safe(cite.text(t.evidence)) + cite.mark(t.sources)),
    ]
    pairs += [(safe(g.body), safe(cite.text(g.says)) + cite.mark([g.source])) for g in t.guidelines]
    if t.cautions:
        pairs.append(("Cautions", safe(" ".join(t.cautions))))
    return [Pairs([(safe(t.name), "")]), Pairs(pairs)]


def listing(rows: list[ListingRow], *, width: int) -> Document:
    """The conditions as a table; the mechanisms column only where it fits without mangling."""
    doc = Document(title="Conditions")
    wide = width >= 110
    columns = ["id", "name", "kind", "roots"] + (["mechanisms"] if wide else [])
    table_rows = []
    for r in rows:
        row = [r.id, safe(r.name), r.kind, ", ".join(r.roots).upper()]
        if wide:
            row.append(", ".join(r.mechanisms))
        table_rows.append(row)
    doc.sections.append(Section("", [Table(columns, table_rows)]))
    doc.footer.append("Explain one: footspine explain ID")
    if not wide:
        doc.footer.append("Mechanisms: footspine list --mechanism ID, or a terminal 110 columns wide.")
    return doc


def mechanisms(items: list[tuple[str, str, str]]) -> Document:
    doc = Document(title="How spine problems reach the foot")
    doc.sections.append(
        Section("", [Table(["id", "name", "in one line"], [[i, safe(n), safe(s)] for i, n, s in items])])
    )
    doc.footer.append("More on one: footspine mechanisms ID")
    return doc


def mechanism(view: MechanismView, *, clinical: bool = False) -> Document:
    m = view.mechanism
    doc = Document(title=safe(m.name), subtitle=safe(m.summary))
    if view.emergency_signs:
        doc.sections.append(emergency_banner(view.emergency_signs, view.emergency_numbers))
    cite = Citations(_known(view.sources))
    doc.sections.append(Section("How it works", [Paragraph(safe(cite.text(m.explanation)) + cite.mark(m.sources))]))
    if clinical and m.clinical:
        doc.sections.append(Section("For clinicians", [Paragraph(safe(cite.text(m.clinical)))]))
    rows = [[r.id, safe(r.name), r.kind] for r in view.conditions]
    doc.sections.append(Section("Conditions that work this way", [Table(["id", "name", "kind"], rows)]))
    if view.emergency_signs:
        doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, EMERGENCY_IF, cite))
    doc.sections.append(cite.section())
    doc.footer.append(DISCLAIMER)
    return doc


def roots_overview(view: RootsView, *, commands: bool = True) -> Document:
    cite = Citations(_known(view.sources))
    roots = view.roots
    doc = Document(title="Where each nerve root is felt in the leg and foot")
    doc.sections.append(emergency_banner(view.emergency_signs, view.emergency_numbers, more_below=False))
    doc.sections.append(Section("", [_map(roots)]))
    rows = [[r.name, safe(r.skin_area) + cite.mark(r.sources)] for r in roots]
    doc.sections.append(Section("", [Table(["root", "where it is felt"], rows, tints=[r.id for r in roots])]))
    doc.sections.append(cite.section())
    doc.footer.append("Dermatomes overlap and vary between people: the map shows where a root is usually felt.")
    if commands:
        doc.footer.append("More on one: footspine roots L5")
    return doc


def root(view: RootView, *, clinical: bool = False, commands: bool = True) -> Document:
    r = view.root
    cite = Citations(_known(view.sources))
    doc = Document(title=f"{safe(r.name)} nerve root")
    emergencies = [f for f in view.red_flags if f.urgency == "emergency"]
    if emergencies:
        title = URGENCY_TITLES["emergency"]
        doc.sections.append(emergency_section(emergencies, view.emergency_numbers, title, cite))
    doc.sections.append(Section("", [_map([r])]))
    pairs = [
        ("Where it is felt", safe(r.skin_area) + cite.mark(r.sources)),
        ("Weakness", safe(r.weakness)),
        ("Reflex", safe(r.reflex)),
        ("Simple test", safe(r.functional_test)),
        ("Usual disc level", safe(r.usual_disc_level)),
    ]
    doc.sections.append(Section("", [Pairs(pairs)]))
    if clinical:
        notes: list[Block] = [Paragraph(safe(cite.text(text))) for text in (r.traversing_exiting, r.clinical) if text]
        doc.sections.append(Section("For clinicians", notes or [Paragraph("No clinical notes for this entry.")]))
    others = _flag_blocks(view.red_flags, ("urgent", "soon"), cite)
    if others:
        doc.sections.append(Section("When to get help", others, tone="warning"))
    rows = [[c.id, safe(c.name), c.kind] for c in view.conditions]
    doc.sections.append(Section("Conditions that commonly affect it", [Table(["id", "name", "kind"], rows)]))
    if view.look_alikes:
        items = [safe(f"{c.name}: footspine explain {c.id}" if commands else c.name) for c in view.look_alikes]
        doc.sections.append(Section("Not from the spine: other causes in the same area", [Bullets(items)]))
    doc.sections.append(cite.section())
    doc.footer.append("Dermatomes overlap and vary between people: the map shows where a root is usually felt.")
    doc.footer.append(DISCLAIMER)
    return doc


def red_flags(view: RedFlagsView) -> Document:
    """Warning signs by urgency; signs with the same action share it, said once per group."""
    cite = Citations(_known(view.sources))
    doc = Document(title="Warning signs")
    doc.sections += _flags_by_urgency(view.red_flags, view.emergency_numbers, cite)
    doc.sections.append(cite.section())
    doc.footer.append(DISCLAIMER)
    return doc


SEARCH_BANNERS = {
    "emergency": "Some results are emergencies. If you have any of their signs, {where} now.",
    "urgent": "Some results need medical help today. If you have their signs, get seen today.",
    "soon": "",
}


HIT_LABELS = {
    "spinal": "spinal cause",
    "mimic": "not from the spine",
    "emergency": "spinal emergency",
    "red-flag": "warning-sign page",
}


def _hit_label(kind: str, condition_kind: str) -> str:
    """What a search result is, in words: a spinal cause or not, or a mechanism, treatment, root."""
    return HIT_LABELS.get(condition_kind, kind) if kind == "condition" else kind


def search(result: SearchResult, words: list[str]) -> Document:
    doc = Document(title=f"Search: {safe(' '.join(words))}")
    banner = SEARCH_BANNERS.get(result.urgency, "")
    if banner:
        where = _go_now(result.emergency_numbers)
        tone = "emergency" if result.urgency == "emergency" else "warning"
        doc.sections.append(Section("", [Paragraph(banner.format(where=where))], tone=tone))  # type: ignore[arg-type]
    if result.warning_signs:
        pairs = [(safe(f.short or f.sign), safe(f.action)) for f in result.warning_signs]
        doc.sections.append(Section("Warning signs that match", [Pairs(pairs)], tone="warning"))
    hits = result.hits
    if hits:
        items = [
            (_hit_label(h.kind, result.condition_kinds.get(h.id, "")), h.id, safe(h.title), safe(h.snippet))
            for h in hits
        ]
        doc.sections.append(Section("", [Hits(items)]))
    doc.footer.append("Explain a condition: footspine explain ID")
    return doc


# --- the guided check -------------------------------------------------------------------------

CHECK_HEADLINES = {
    "emergency": "EMERGENCY: go to A&E or the emergency department now",
    "urgent": "URGENT: get medical help today",
    "routine": "Book an appointment: see a GP or physiotherapist",
    "self-care": "Look after it at home first",
}
CHECK_TONES = {"emergency": "emergency", "urgent": "warning", "routine": "info", "self-care": "info"}


def check(result: CheckResult) -> Document:
    """How soon, and what to do, first; then pages to read; then what was understood."""
    doc = Document(title="footspine check", subtitle="Is it from your back, and how soon should you get help?")
    lines = [safe(result.action)]
    if result.urgency == "emergency" and result.emergency_numbers:
        lines.append(safe(_numbers(result.emergency_numbers)))
    if result.because:
        lines.append("Because of: " + safe("; ".join(result.because)) + ".")
    tone = CHECK_TONES[result.urgency]
    doc.sections.append(Section(CHECK_HEADLINES[result.urgency], [Paragraph(t) for t in lines], tone=tone))  # type: ignore[arg-type]
    if result.urgency != "emergency" and result.emergency_signs:
        doc.sections.append(emergency_banner(result.emergency_signs, result.emergency_numbers, more_below=False))
    if result.stopped_early:
        doc.sections.append(
            Section("", [Paragraph("The check stopped at this warning sign: get help first; the rest can wait.")])
        )
    if result.not_sure:
        by_action: dict[str, list[str]] = {}  # one action said once, for every sign it is for
        for sign in result.not_sure:
            by_action.setdefault(sign.action_if_present, []).append(sign.sign)
        pairs = [
            (
                "; ".join(safe(s) for s in signs),
                ("If you have any of these: " if len(signs) > 1 else "If you have it: ") + safe(action),
            )
            for action, signs in by_action.items()
        ]
        ask = "If you cannot tell, get medical help today and say which ones you were not sure about."
        doc.sections.append(
            Section("Warning signs you were not sure about", [Pairs(pairs), Paragraph(ask)], tone="warning")
        )
    if len(result.warning_signs) > 1:
        pairs = [(safe(s.sign), safe(s.action)) for s in result.warning_signs]
        doc.sections.append(Section("Warning signs you mentioned", [Pairs(pairs)], tone="warning"))
    if result.outside or not result.covered:
        doc.sections.append(_not_placed(result))
    if result.conditions:
        blocks: list[Block] = []
        for number, c in enumerate(result.conditions, 1):
            label = HIT_LABELS.get(c.kind, c.kind)
            blocks.append(Paragraph(f"{number}. {safe(c.name)} ({label}). Read: {c.command}"))
            blocks.append(Bullets([safe(w) for w in c.why]))
        doc.sections.append(Section("Pages to read, best fit first", blocks))
    if result.findings or result.not_sure:
        rows = [
            (("yes" if u.present else "no"), f"{safe(u.text)} ({u.how}: {safe(u.said)})" + f"  [{u.id}]")
            for u in result.findings
        ]
        rows += [("not sure", f"{safe(s.asked)}  [{s.finding}]") for s in result.not_sure]
        fix = "Wrong? Correct it with --answer ID=yes or --answer ID=no."
        doc.sections.append(Section("What footspine understood", [Pairs(rows), Paragraph(fix)], tone="muted"))
    doc.footer.append(safe(result.not_a_diagnosis))
    return doc


def _not_placed(result: CheckResult) -> Section:
    """Why no page is listed: outside footspine's field, or in it but too little to tell apart.

    "My big toe is numb" fits a pressed nerve root and a nerve pressed at the knee equally, so
    it lists neither; telling that person footspine does not cover it would send them away. Nor
    is a person who answered the questions with no and don't know told that it is not covered.
    Urgent and emergency answers never suggest narrowing it down first.
    """
    answered = result.not_sure or any(u.how == "answered" for u in result.findings)
    if result.outside or not (answered or any(u.present for u in result.findings)):
        what = safe(", ".join(result.outside)) if result.outside else "what you describe"
        text = (
            f"footspine does not cover {what}: it explains foot and leg pain that may come from the "
            "lower back. Follow the advice above, and tell whoever you see everything you told footspine."
        )
        return Section("Outside what footspine covers", [Paragraph(text)], tone="muted")
    text = (
        "What you said is not enough to tell which cause it fits: the same symptoms can come from the "
        "back or from elsewhere. Follow the advice above, and tell whoever you see everything you told footspine."
    )
    if result.urgency in ("routine", "self-care") and any(u.how == "said" for u in result.findings):
        # Only where there is time: an urgent answer must not read as "answer more questions first".
        text += " To narrow it down, run footspine check and answer its questions, or say more with --describe."
    return Section("Too little to tell", [Paragraph(text)], tone="muted")


def check_question_lines(question: Question, number: int) -> list[str]:
    """A question as plain lines for the prompt (numbered options for 'where')."""
    lines = [f"{number}. {safe(question.text)}"]
    if question.kind == "where":
        lines += [f"   {i}) {safe(o.question.rstrip('?'))}" for i, o in enumerate(question.options, 1)]
    return lines


def where_map(chosen: list[Finding]) -> FootMap:
    """The foot map with the places the person chose filled in."""
    regions = list(dict.fromkeys(r for f in chosen for r in f.regions))
    return FootMap([MapRoot("you", "where you feel it", regions)])
