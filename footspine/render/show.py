"""`show(result, output)`: every answer leaves through here, printed once.

It picks the format (JSON, terminal, plain, Markdown or the HTML handout) from the output
settings decided once per run, builds the page from the result, and writes it, through the
pager when a long page meets a terminal. The JSON envelope is built here and nowhere else, from
the same typed result the pages are drawn from (`tests/test_json_contract.py` pins it).
"""

from __future__ import annotations

import os
import sys

from footspine import __version__
from footspine.answers import (
    Checked,
    Explained,
    Findings,
    Listing,
    MechanismPage,
    Mechanisms,
    RedFlags,
    RootPage,
    RootsMap,
    Searched,
    Treatments,
    Validated,
    Version,
)
from footspine.knowledge.model import SCHEMA_VERSION
from footspine.render.settings import READING_WIDTH

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from typing import Any

    from footspine.answers import Result
    from footspine.render.document import Document
    from footspine.render.settings import Output


def show(result: Result, output: Output) -> int:
    """Print the result; the exit status it carries (3 for invalid data found by validate)."""
    if isinstance(result, Version):
        _write(f"footspine {result.version} (knowledge schema {result.schema_version})\n", output)
        return 0
    if isinstance(result, Validated):
        return _validated(result, output)
    if output.format == "json":
        _write(_json(result, output), output)
        return 0
    listed = _listed(result, output)
    if listed is not None:
        _write(listed, output)
        return 0
    document = _document(result, output)
    wide = isinstance(result, Listing)
    _write(_draw(document, output, wide=wide), output, page=True)
    return 0


def _listed(result: Result, output: Output) -> str | None:
    """Lists for scripts: piped `list` and `mechanisms` are one id and line per entry."""
    if isinstance(result, Findings):
        return "".join(f"{f.id}: {f.question}\n" for f in result.findings)
    if output.format != "text" or output.styled:
        return None
    if isinstance(result, Listing):
        return "".join(f"{r.id} {r.name}\n" for r in result.rows)
    if isinstance(result, Mechanisms):
        return "".join(f"{m.id} {m.summary}\n" for m in result.items)
    return None


def _document(result: Result, output: Output) -> Document:
    from footspine import query
    from footspine.render import views

    commands = output.commands
    if isinstance(result, Explained):
        view = result.view
        if isinstance(view, query.GroupView):
            return views.group(view, commands=commands)
        if result.brief:
            return views.brief(view, commands=commands)
        if output.format == "html" and not result.clinical:
            return views.handout(view)
        return views.explain(view, clinical=result.clinical, commands=commands)
    if isinstance(result, Treatments):
        if isinstance(result.view, query.GroupView):
            return views.group(result.view, treatments=True, commands=commands)
        return views.treatments(result.view, details=result.details or output.format == "html", commands=commands)
    if isinstance(result, Listing):
        return views.listing(result.rows, width=output.width)
    if isinstance(result, Searched):
        return views.search(result.result, result.words)
    if isinstance(result, Mechanisms):
        return views.mechanisms([(m.id, m.name, m.summary) for m in result.items])
    if isinstance(result, MechanismPage):
        return views.mechanism(result.view, clinical=result.clinical)
    if isinstance(result, RootsMap):
        return views.roots_overview(result.view, commands=commands)
    if isinstance(result, RootPage):
        return views.root(result.view, clinical=result.clinical, commands=commands)
    if isinstance(result, RedFlags):
        return views.red_flags(result.view)
    if isinstance(result, Checked):
        return views.check(result.result)
    raise TypeError(f"no page for {type(result).__name__}")


def _draw(document: Document, output: Output, *, wide: bool) -> str:
    width = output.width if wide else min(output.width, READING_WIDTH)
    if output.format == "html":
        from footspine.render import html

        return html.render(document)
    if output.format == "markdown":
        from footspine.render import markdown

        return markdown.render(document, unicode=output.unicode)
    if output.styled:
        from footspine.render import terminal

        return terminal.render(document, width=width, color=output.color, unicode=output.unicode)
    from footspine.render import plain

    return plain.render(document, width=width, unicode=output.unicode)


def _json_result(result: Result) -> tuple[str, Any]:
    """The command name and the value the JSON envelope carries for it."""
    from footspine import query

    if isinstance(result, Explained):
        return "explain", result.view
    if isinstance(result, Treatments):
        view = result.view
        if isinstance(view, query.GroupView):
            return "treatments", view
        return "treatments", {"condition": view.condition.id, "treatments": view.treatments}
    if isinstance(result, Listing):
        return "list", result.rows
    if isinstance(result, Searched):
        return "search", result.result
    if isinstance(result, Mechanisms):
        return "mechanisms", result.items
    if isinstance(result, MechanismPage):
        return "mechanisms", result.view
    if isinstance(result, RootsMap):
        return "roots", result.view.roots
    if isinstance(result, RootPage):
        return "roots", result.view
    if isinstance(result, RedFlags):
        return "red-flags", result.view
    if isinstance(result, Checked):
        return "check", result.result
    if isinstance(result, Findings):
        return "check --findings", {"findings": result.findings}
    raise TypeError(f"no JSON for {type(result).__name__}")


def _json(result: Result, output: Output) -> str:
    import json

    from footspine.knowledge.plain import to_plain

    command, value = _json_result(result)
    payload = {
        "schema_version": SCHEMA_VERSION,
        "footspine_version": __version__,
        "command": command,
        "result": to_plain(value),
    }
    return json.dumps(payload, indent=2, ensure_ascii=not output.unicode) + "\n"


def _validated(result: Validated, output: Output) -> int:
    from footspine.render.document import safe

    if output.format == "json":
        import json

        if result.problems:
            problems = [
                {"file": p.file, "line": p.line, "column": p.column, "code": p.code, "message": p.message}
                for p in result.problems
            ]
            body: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "valid": False, "problems": problems}
        else:
            summary = result.summary
            assert summary is not None
            body = {
                "schema_version": SCHEMA_VERSION,
                "valid": True,
                "summary": {k: getattr(summary, k) for k in summary.__slots__},
            }
        _write(json.dumps(body, indent=2) + "\n", output)
        return 3 if result.problems else 0
    if result.problems:
        _write("".join(safe(str(p)) + "\n" for p in result.problems), output)
        count = len(result.problems)
        sys.stderr.write(f"footspine: {count} problem{'s' * (count != 1)} found; the knowledge data is not valid\n")
        return 3
    s = result.summary
    assert s is not None
    line = (
        f"valid: {', '.join(s.files)}: {s.conditions} conditions, {s.mechanisms} mechanisms, "
        f"{s.treatments} treatments, {s.roots} roots, {s.red_flags} red flags, {s.sources} sources"
    )
    _write(safe(line) + "\n", output)
    return 0


def _write(text: str, output: Output, *, page: bool = False) -> None:
    """Write once: ASCII look-alikes where the terminal cannot show UTF-8, a pager for a long page."""
    if not output.unicode and output.format != "html":
        from footspine.render.text import asciify

        text = asciify(text)
    if page and output.pager and text.count("\n") >= output.height and _page(text, output.pager):
        return
    stream = sys.stdout
    stream.write(text)
    stream.flush()


def _page(text: str, pager: tuple[str, ...]) -> bool:
    """Show a long page through the pager; False if the pager cannot be started.

    Ctrl-C belongs to the pager while it runs (less uses it to stop a search), so footspine
    ignores it until the pager exits. Quitting before the end is not an error.
    """
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESSCHARSET", "utf-8")
    try:
        process = subprocess.Popen(pager, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
