"""Documents as Markdown: a printable handout (pandoc or any viewer turns it into a page)."""

from __future__ import annotations

import re

from footspine.knowledge.index import HIGHLIGHT_END, HIGHLIGHT_START
from footspine.render.document import (
    Block,
    Bullets,
    Chain,
    Document,
    FootMap,
    Hits,
    Pairs,
    Paragraph,
    References,
    Section,
    Table,
)
from footspine.render.footmap import draw, key_text

MAP_WIDTH = 80
"""Markdown has no width of its own; the map is laid out for an ordinary page."""

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def escape(text: str) -> str:
    """Knowledge text is shown literally: no link, image, HTML or emphasis can sneak in."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render(doc: Document, *, unicode: bool) -> str:
    out = [f"# {escape(doc.title)}", ""]
    if doc.subtitle:
        out += [f"*{escape(doc.subtitle)}*", ""]
    for section in doc.sections:
        out += _section(section, unicode)
    if doc.footer:
        out += ["---", ""]
        out += [f"*{escape(line)}*\n" for line in doc.footer]
    return "\n".join(out).rstrip("\n") + "\n"


def _section(section: Section, unicode: bool) -> list[str]:
    body: list[str] = []
    for block in section.blocks:
        body += _block(block, unicode)
        body.append("")
    if section.tone in ("emergency", "warning"):
        title = f"**{escape(section.title.upper() if section.tone == 'emergency' else section.title)}**"
        quoted = [f"> {title}", ">"] + [f"> {line}" if line else ">" for line in body]
        while quoted and quoted[-1] == ">":
            quoted.pop()
        return [*quoted, ""]
    head = [f"## {escape(section.title)}", ""] if section.title else []
    return head + body


def _block(block: Block, unicode: bool) -> list[str]:
    arrow = " \u2192 " if unicode else " -> "
    if isinstance(block, Paragraph):
        return [escape(block.text)]
    if isinstance(block, Bullets):
        return [f"- {escape(item)}" for item in block.items]
    if isinstance(block, Pairs):
        return [
            f"- **{escape(label)}:** {escape(value)}" if value else f"**{escape(label)}**"
            for label, value in block.items
        ]
    if isinstance(block, Chain):
        lines = []
        for step in block.steps:
            line = f"- {escape(step.level)}{arrow}**{escape(step.root)}**{arrow}{escape(step.area)}"
            lines.append(line + (f" ({escape(step.note)})" if step.note else ""))
        return lines
    if isinstance(block, Table):
        if not block.rows:
            return ["(none)"]
        lines = ["| " + " | ".join(escape(c) for c in block.columns) + " |"]
        lines.append("|" + "---|" * len(block.columns))
        lines += ["| " + " | ".join(escape(str(c)) for c in row) + " |" for row in block.rows]
        return lines
    if isinstance(block, FootMap):
        drawn = draw(block, unicode=unicode, width=MAP_WIDTH)
        return ["```text", *drawn.lines, "```", "", escape(key_text(drawn))]
    if isinstance(block, References):
        lines = []
        for ref in block.items:
            year = f", {ref.year}" if ref.year else ""
            lines.append(f"{ref.number}. {escape(ref.title)}. {escape(ref.publisher)}{year}. <{ref.url}>")
        return lines
    if isinstance(block, Hits):
        lines = []
        for kind, entry_id, title, snippet in block.items:
            text = escape(snippet).replace(HIGHLIGHT_START, "**").replace(HIGHLIGHT_END, "**")
            lines.append(f"- **{escape(title)}** ({kind} `{entry_id}`): {text}")
        return lines
    raise TypeError(f"unknown block {block!r}")
