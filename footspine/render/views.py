"""Build the Document for each command from a query bundle. No Rich, no Typer, no I/O."""

from __future__ import annotations

from footspine.knowledge.index import ListingRow
from footspine.knowledge.model import TIERS, URGENCIES, EmergencyNumber, Finding, NerveRoot, RedFlag, Source
from footspine.query import (
    AppliedTreatment,
    ConditionView,
    GroupView,
    MechanismView,
    RedFlagsView,
    RootView,
    SearchResult,
)
from footspine.render.document import (
    DISCLAIMER,
    Block,
    Bullets,
    Chain,
    Document,
    Hits,
    Pairs,
    Paragraph,
    Picture,
    Section,
    Table,
    safe,
)
from footspine.render.footmap import foot_map
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


def emergency_section(signs: list[RedFlag], numbers: list[EmergencyNumber], title: str) -> Section:
    """The emergency box: shown by every view of a condition, never hidden by any option."""
    blocks: list[Block] = [Bullets([safe(f.sign) for f in signs])]
    if numbers:
        blocks.append(Paragraph(safe(_numbers(numbers))))
    return Section(title, blocks, tone="emergency")


PENDING_REVIEW = "Some facts on this page are still being checked against their sources."


def _sources(sources: list[Source], reviewed: str, *, pending: bool = False) -> Section:
    items = [
        safe(f"{s.title}. {s.publisher}{', ' + s.year if s.year else ''}. {s.url} (checked {s.checked})")
        for s in sources
    ]
    blocks: list[Block] = [Bullets(items)]
    if reviewed:
        blocks.append(Paragraph(f"Entry last reviewed: {reviewed}"))
    elif pending:
        blocks.append(Paragraph(PENDING_REVIEW))
    return Section("Sources", blocks, tone="muted")


def group(view: GroupView, *, treatments: bool = False) -> Document:
    """The overview page for a name that covers several conditions."""
    doc = Document(title=safe(view.term[:1].upper() + view.term[1:]))
    doc.subtitle = "This name covers more than one condition."
    doc.sections.append(emergency_banner(view.emergency_signs, view.emergency_numbers))
    if view.note:
        doc.sections.append(Section("What the word means", [Paragraph(safe(view.note))]))
    command = "treatments" if treatments else "explain"
    items = [safe(f"{m.name}: {m.tell} See: footspine {command} {m.id}") for m in view.members]
    doc.sections.append(Section("The conditions it covers, and how to tell them apart", [Bullets(items)]))
    if treatments:
        shared = ", ".join(view.shared_treatments) or "none in common"
        blocks: list[Block] = [Paragraph(safe(f"Offered for all of them: {shared}."))]
        blocks.append(Paragraph("Each condition's own list says what helps it, and what to avoid."))
        doc.sections.append(Section("Treatments they share", blocks))
    doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, EMERGENCY_IF))
    doc.footer.append(DISCLAIMER)
    return doc


def explain(view: ConditionView, *, clinical: bool, unicode: bool) -> Document:
    c = view.condition
    doc = Document(title=safe(c.name))
    if c.aliases:
        doc.subtitle = "Also called: " + safe(", ".join(c.aliases))
    if view.corrected_from:
        doc.subtitle = safe(f"Showing {c.name} for {view.corrected_from!r}. ") + doc.subtitle
    if c.kind == "emergency":
        doc.sections.append(
            emergency_section(view.emergency_signs, view.emergency_numbers, URGENCY_TITLES["emergency"])
        )
    elif c.kind == "red-flag":
        doc.sections += _urgent_page_boxes(view)
    else:
        doc.sections.append(emergency_banner(view.emergency_signs, view.emergency_numbers))
    if c.kind == "mimic":
        doc.sections.append(
            Section(
                "This does not come from your spine",
                [Paragraph(safe(c.telling_apart))],
                tone="info",
            )
        )
    doc.sections.append(Section("What it is", [Paragraph(safe(c.summary))]))
    if c.causes:
        items = []
        for cause in c.causes:
            name = view.names.get(cause.condition, cause.condition)
            share = f" ({cause.share})" if cause.share else ""
            note = f": {cause.note}" if cause.note else ""
            items.append(safe(f"{name}{share}{note}"))
        doc.sections.append(Section("What causes it", [Bullets(items)]))
    if c.kind not in ("mimic", "red-flag") and (c.how_it_reaches_the_foot or c.pathways):
        blocks: list[Block] = []
        if c.how_it_reaches_the_foot:
            blocks.append(Paragraph(safe(c.how_it_reaches_the_foot)))
        if c.pathways:
            root_names = {r.id: r.name for r in view.roots}
            steps = [
                (safe(p.level), root_names.get(p.root, p.root.upper()) + " nerve root", safe(p.foot_area), safe(p.note))
                for p in c.pathways
            ]
            blocks.append(Chain(steps))
        if view.roots:
            blocks.append(foot_map([(r.id, r.name, r.foot_regions) for r in view.roots], unicode=unicode))
        if view.mechanisms:
            blocks.append(Pairs([("How the nerve root gets squeezed or irritated", "")]))
            blocks.append(Bullets([safe(f"{m.name}: {m.summary}") for m in view.mechanisms]))
        doc.sections.append(Section("How it reaches your foot", blocks))
    elif c.telling_apart and c.kind != "mimic":
        doc.sections.append(Section("How to tell it apart", [Paragraph(safe(c.telling_apart))]))
    if c.symptoms:
        doc.sections.append(Section("Symptoms", [Bullets([safe(s) for s in c.symptoms])]))
    if c.better:
        doc.sections.append(Section("What often helps", [Bullets([safe(s) for s in c.better])]))
    if c.worse:
        doc.sections.append(Section("What often makes it worse", [Bullets([safe(s) for s in c.worse])]))
    if c.outlook:
        doc.sections.append(Section("Outlook", [Paragraph(safe(c.outlook))]))
    if c.diagnosis:
        doc.sections.append(Section("How it is diagnosed", [Paragraph(safe(c.diagnosis))]))
    help_blocks: list[Block] = []
    if c.when_to_get_help:
        help_blocks.append(Bullets([safe(s) for s in c.when_to_get_help]))
    if c.kind != "red-flag":
        help_blocks += _flag_blocks(view.red_flags, ("urgent", "soon"))
    if help_blocks:
        doc.sections.append(Section("When to get help", help_blocks, tone="warning"))
    if c.kind != "emergency":
        doc.sections.append(
            emergency_section(
                view.emergency_signs,
                view.emergency_numbers,
                EMERGENCY_IF,
            )
        )
    if view.look_alikes:
        title = (
            "Could it be something else?" if c.kind in ("spinal", "emergency") else "Spine problems it is mistaken for"
        )
        items = [
            safe(f"{name}: {tell} See: footspine explain {i}".replace(":  See", ": See"))
            for i, name, tell in view.look_alikes
        ]
        doc.sections.append(Section(title, [Bullets(items)]))
    if view.treatments:
        doc.sections.append(Section("Main treatments", _treatment_summary(view.treatments, c.id)))
    if clinical:
        doc.sections.append(_clinical(view))
    doc.sections.append(_sources(view.sources, c.reviewed, pending=bool(c.to_check)))
    doc.footer.append(DISCLAIMER)
    return doc


def _flag_blocks(flags: list[RedFlag], urgencies: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = []
    for urgency in urgencies:
        chosen = [f for f in flags if f.urgency == urgency]
        if chosen:
            blocks.append(Pairs([(URGENCY_TITLES[urgency], "")]))
            blocks.append(Bullets([safe(f"{f.sign} {f.action}") for f in chosen]))
    return blocks


def _urgent_page_boxes(view: ConditionView) -> list[Section]:
    """A red-flag page opens with its own signs, most urgent first, each with what to do now."""
    sections = []
    for urgency in URGENCIES:
        flags = [f for f in view.red_flags if f.urgency == urgency]
        if not flags:
            continue
        blocks: list[Block] = [Pairs([(safe(f.sign), safe(f.action)) for f in flags])]
        if urgency == "emergency" and view.emergency_numbers:
            blocks.append(Paragraph(safe(_numbers(view.emergency_numbers))))
        tone = "emergency" if urgency == "emergency" else "warning"
        sections.append(Section(URGENCY_TITLES[urgency], blocks, tone=tone))  # type: ignore[arg-type]
    return sections


def _treatment_summary(applied: list[AppliedTreatment], condition_id: str) -> list[Block]:
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
    return [Pairs(pairs), Paragraph(f"Details and evidence: footspine treatments {condition_id}")]


_OFFERED = ("recommended", "consider")


def _clinical(view: ConditionView) -> Section:
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
            blocks.append(Bullets([safe(s) for s in c.clinical.exam]))
        if c.clinical.evidence:
            blocks.append(Paragraph("Evidence:"))
            blocks.append(Bullets([safe(s) for s in c.clinical.evidence]))
    for m in view.mechanisms:
        if m.clinical:
            blocks.append(Paragraph(safe(f"{m.name}: {m.clinical}")))
    if not blocks:
        blocks.append(Paragraph("No clinical notes for this entry."))
    return Section("For clinicians", blocks)


def treatments(view: ConditionView) -> Document:
    c = view.condition
    doc = Document(title=f"Treatments for {safe(c.name)}")
    if c.kind == "emergency":
        doc.sections.append(
            emergency_section(view.emergency_signs, view.emergency_numbers, URGENCY_TITLES["emergency"])
        )
    elif c.kind == "red-flag":
        doc.sections += _urgent_page_boxes(view)
    else:
        doc.sections.append(emergency_banner(view.emergency_signs, view.emergency_numbers))
    for tier in TIERS:
        applied = [a for a in view.treatments if a.treatment.tier == tier and a.stance in _OFFERED]
        if applied:
            doc.sections.append(Section(TIER_TITLES[tier], [b for a in applied for b in _treatment_blocks(a)]))
    unclear = [a for a in view.treatments if a.stance == "uncertain"]
    if unclear:
        blocks = [b for a in unclear for b in _treatment_blocks(a)]
        doc.sections.append(Section("No advice either way: the evidence is missing", blocks))
    against = [a for a in view.treatments if a.stance == "not-recommended"]
    if against:
        blocks = [b for a in against for b in _treatment_blocks(a)]
        doc.sections.append(Section("Advised against by guidelines for this condition", blocks, tone="warning"))
    if not view.treatments:
        doc.sections.append(Section("Treatments", [Paragraph("No treatments are listed for this entry.")]))
    if c.kind != "emergency":
        title = EMERGENCY_IF
        doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, title))
    doc.sections.append(_sources(view.sources, c.reviewed, pending=bool(c.to_check)))
    doc.footer.append(DISCLAIMER)
    return doc


def _treatment_blocks(a: AppliedTreatment) -> list[Block]:
    t = a.treatment
    pairs = [("Stance", STANCE_WORDS.get(a.stance, a.stance))]
    if a.stance == "not-recommended" and a.reason:
        pairs.append(("Why", safe(a.reason)))
    pairs += [
        ("What it is", safe(t.what_it_is)),
        ("For this condition", safe(a.note)),
        ("What it does", safe(t.what_it_does)),
        ("Evidence", safe(t.evidence)),
    ]
    pairs += [(safe(g.body), safe(g.says)) for g in t.guidelines]
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
        row = [r.id, safe(r.name), r.kind, ", ".join(x.upper() for x in r.roots)]
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
    doc.sections.append(Section("How it works", [Paragraph(safe(m.explanation))]))
    if clinical and m.clinical:
        doc.sections.append(Section("For clinicians", [Paragraph(safe(m.clinical))]))
    rows = [[r.id, safe(r.name), r.kind] for r in view.conditions]
    doc.sections.append(Section("Conditions that work this way", [Table(["id", "name", "kind"], rows)]))
    if view.emergency_signs:
        doc.sections.append(emergency_section(view.emergency_signs, view.emergency_numbers, EMERGENCY_IF))
    doc.sections.append(_sources(view.sources, ""))
    doc.footer.append(DISCLAIMER)
    return doc


def roots_overview(roots: list[NerveRoot], *, unicode: bool) -> Document:
    doc = Document(title="Where each nerve root is felt in the leg and foot")
    doc.sections.append(Section("", [foot_map([(r.id, r.name, r.foot_regions) for r in roots], unicode=unicode)]))
    rows = [[r.name, safe(r.skin_area)] for r in roots]
    doc.sections.append(Section("", [Table(["root", "where it is felt"], rows)]))
    doc.footer.append("Dermatomes overlap and vary between people: the map shows where a root is usually felt.")
    doc.footer.append("More on one: footspine roots L5")
    return doc


def root(view: RootView, *, unicode: bool, clinical: bool = False) -> Document:
    r = view.root
    doc = Document(title=f"{safe(r.name)} nerve root")
    emergencies = [f for f in view.red_flags if f.urgency == "emergency"]
    if emergencies:
        doc.sections.append(emergency_section(emergencies, view.emergency_numbers, URGENCY_TITLES["emergency"]))
    doc.sections.append(Section("", [foot_map([(r.id, r.name, r.foot_regions)], unicode=unicode)]))
    pairs = [
        ("Where it is felt", safe(r.skin_area)),
        ("Weakness", safe(r.weakness)),
        ("Reflex", safe(r.reflex)),
        ("Simple test", safe(r.functional_test)),
        ("Usual disc level", safe(r.usual_disc_level)),
    ]
    doc.sections.append(Section("", [Pairs(pairs)]))
    if clinical:
        notes: list[Block] = [Paragraph(safe(text)) for text in (r.traversing_exiting, r.clinical) if text]
        doc.sections.append(Section("For clinicians", notes or [Paragraph("No clinical notes for this entry.")]))
    others = _flag_blocks(view.red_flags, ("urgent", "soon"))
    if others:
        doc.sections.append(Section("When to get help", others, tone="warning"))
    rows = [[c.id, safe(c.name), c.kind] for c in view.conditions]
    doc.sections.append(Section("Conditions that commonly affect it", [Table(["id", "name", "kind"], rows)]))
    if view.look_alikes:
        items = [safe(f"{c.name}: footspine explain {c.id}") for c in view.look_alikes]
        doc.sections.append(Section("Not from the spine: other causes in the same area", [Bullets(items)]))
    doc.sections.append(_sources(view.sources, ""))
    doc.footer.append("Dermatomes overlap and vary between people: the map shows where a root is usually felt.")
    doc.footer.append(DISCLAIMER)
    return doc


def red_flags(view: RedFlagsView) -> Document:
    doc = Document(title="Warning signs")
    for urgency in URGENCIES:
        flags = [f for f in view.red_flags if f.urgency == urgency]
        if not flags:
            continue
        tone = {"emergency": "emergency", "urgent": "warning", "soon": "normal"}[urgency]
        blocks: list[Block] = [Pairs([(safe(f.sign), safe(f.action)) for f in flags])]
        if urgency == "emergency" and view.emergency_numbers:
            blocks.append(Paragraph(safe(_numbers(view.emergency_numbers))))
        doc.sections.append(Section(URGENCY_TITLES[urgency], blocks, tone=tone))  # type: ignore[arg-type]
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
    if len(result.warning_signs) > 1:
        pairs = [(safe(s.sign), safe(s.action)) for s in result.warning_signs]
        doc.sections.append(Section("Warning signs you mentioned", [Pairs(pairs)], tone="warning"))
    if result.outside or not result.covered:
        what = safe(", ".join(result.outside)) if result.outside else "what you describe"
        text = (
            f"footspine does not cover {what}: it explains foot and leg pain that may come from the "
            "lower back. Follow the advice above, and tell whoever you see everything you told footspine."
        )
        doc.sections.append(Section("Outside what footspine covers", [Paragraph(text)], tone="muted"))
    if result.conditions:
        blocks: list[Block] = []
        for number, c in enumerate(result.conditions, 1):
            label = HIT_LABELS.get(c.kind, c.kind)
            blocks.append(Paragraph(f"{number}. {safe(c.name)} ({label}). Read: {c.command}"))
            blocks.append(Bullets([safe(w) for w in c.why]))
        doc.sections.append(Section("Pages to read, best fit first", blocks))
    if result.findings:
        rows = [
            (("yes" if u.present else "no"), f"{safe(u.text)} ({u.how}: {safe(u.said)})" + f"  [{u.id}]")
            for u in result.findings
        ]
        fix = "Wrong? Correct it with --answer ID=yes or --answer ID=no."
        doc.sections.append(Section("What footspine understood", [Pairs(rows), Paragraph(fix)], tone="muted"))
    doc.footer.append(safe(result.not_a_diagnosis))
    return doc


def check_question_lines(question: Question, number: int) -> list[str]:
    """A question as plain lines for the prompt (numbered options for 'where')."""
    lines = [f"{number}. {safe(question.text)}"]
    if question.kind == "where":
        lines += [f"   {i}) {safe(o.question.rstrip('?'))}" for i, o in enumerate(question.options, 1)]
    return lines


def where_map(chosen: list[Finding], *, unicode: bool) -> Picture:
    """The foot map with the places the person chose filled in."""
    regions = list(dict.fromkeys(r for f in chosen for r in f.regions))
    return foot_map([("you", "where you feel it", regions)], unicode=unicode)
