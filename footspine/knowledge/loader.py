"""Read a knowledge file safely and build the typed model from it, collecting every problem.

Why not `yaml.safe_load`? It keeps the last of two duplicate keys without a word (losing data),
forgets where each value came from (so problems could not say FILE:LINE:COL), and PyYAML's
Python constructor is the slow half of loading. So we *compose* the document with the C
parser (nodes carry their marks; nothing is constructed, so no tag can build an object) and
walk the nodes once, guided by the dataclasses in `model.py`.

This is the only module that imports `yaml` (a ruff rule keeps it so): every other path
answers from the compiled index without paying for it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import yaml

from footspine.knowledge.model import FOOT_REGIONS, SCHEMA_VERSION, Knowledge
from footspine.knowledge.problems import KnowledgeError, Problem, quoted, unsafe_characters
from footspine.knowledge.shape import fields_of
from footspine.knowledge.source_policy import copy_site
from footspine.record import dataclass

MAX_DEPTH = 64
"""Deeper than the schema ever nests; a deeper document is hostile or broken."""

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_FLOAT = "tag:yaml.org,2002:float"
_PLAIN_SCALAR_TAGS = frozenset(
    {
        _STR,
        _INT,
        _NULL,
        _FLOAT,
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:timestamp",
    }
)
_SAFE_TAGS = _PLAIN_SCALAR_TAGS | {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- composing YAML into nodes ---------------------------------------------------------------


def compose(text: str, label: str) -> yaml.MappingNode:
    """Parse to a node graph with marks. Nothing is constructed, so no tag can run code."""
    try:
        node = _compose_piece(text, label, 0)  # the whole file is one piece
    except _Unsplittable as error:
        raise KnowledgeError([error.problem]) from None
    if node is None:
        raise KnowledgeError([Problem(label, 1, 1, "FS105", "holds no YAML document")])
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        message = "the top level must be a mapping with schema_version, conditions, ..."
        raise KnowledgeError([Problem(label, mark.line + 1, mark.column + 1, "FS106", message)])
    return node


_FLOW_OPENER = re.compile(r"(?:^|[:?\-\[{,])[ \t]*[\[{]", re.MULTILINE)
"""A bracket that can open a flow collection: at a line's start, or after ':', '-', '?', '[',
'{' or ','. A bracket inside prose ("[K]" after a word) cannot, so it does not count."""


def _refuse_deep_nesting(text: str, label: str) -> None:
    """libyaml's composer recurses in C and crashes the process on very deep nesting.

    Each flow level needs a bracket that can open a collection, and each block level needs the line's prefix of spaces,
    "- ", "? " or ": " to grow (at least one level in two moves right by a column), so depth
    is at most the number of brackets plus twice the longest such prefix. Real files stay far
    below that bound and cost two C-speed scans; only suspicious ones pay for an event scan,
    which is iterative and stops at the limit.
    """
    flow = 0
    for _ in _FLOW_OPENER.finditer(text):
        flow += 1
        if flow > MAX_DEPTH:
            break
    if flow <= MAX_DEPTH:
        prefix = (2 * MAX_DEPTH - flow) // 2
        if not re.search(rf"^[ \t?:-]{{{prefix},}}", text, re.MULTILINE):
            return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    message = f"nesting is deeper than {MAX_DEPTH} levels"
                    problem = Problem(label, line, column, "FS016", message)
                    raise KnowledgeError([problem])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # compose() reports the syntax error with its position


_UNSAFE = unsafe_characters()
_CONTROL_ESCAPE = re.compile(r"\\(?:[0abefvrNLP]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")


def suspicious(text: str) -> bool:
    """Raw control characters, or double-quoted escapes that could produce one. A file without
    any (nearly every file) skips the per-string control-character check after loading."""
    return bool(_UNSAFE.search(text)) or ("\\" in text and bool(_CONTROL_ESCAPE.search(text)))


# --- building the model from nodes -----------------------------------------------------------

_TEXT_TAGS = _PLAIN_SCALAR_TAGS - {_NULL}
_SEQ = "tag:yaml.org,2002:seq"
_Scalar = yaml.ScalarNode
_Sequence = yaml.SequenceNode

Where = tuple[Any, str | int] | None
"""Where a value sits, as (parent, key) links; formatted only when a problem is reported,
because building a path string for every one of a large file's values is half the cost."""


def _path(where: Where) -> str:
    parts: list[str] = []
    while where is not None:
        where, key = where
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "".join(reversed(parts)).lstrip(".")


def _at(where: Where) -> str:
    return f"{_path(where)}: " if where is not None else ""


def _position(line: int, column: int) -> int:
    """A line and column packed into one int: a large file records millions of them, and an int
    costs a fraction of the node it came from (which can then be freed)."""
    return (line << 32) | column


class Locations:
    """Where each built object and field came from, so later checks can point at a line."""

    def __init__(self) -> None:
        self._marks: dict[int, tuple[str, dict[str | None, int]]] = {}
        self._keep: list[object] = []

    def record(self, obj: object, label: str, where: dict[str | None, int]) -> None:
        self._marks[id(obj)] = (label, where)
        self._keep.append(obj)  # keeps id() unique while this table lives

    def merge(self, other: Locations) -> None:
        self._marks.update(other._marks)
        self._keep.extend(other._keep)

    def at(self, obj: object, key: str | None = None) -> tuple[str, int, int]:
        label, where = self._marks.get(id(obj), ("?", {}))
        position = where.get(key)
        if position is None:
            position = where.get(None)
        if position is None:
            return label, 1, 1
        return label, (position >> 32) + 1, (position & 0xFFFFFFFF) + 1

    def file_of(self, obj: object) -> str:
        return self._marks.get(id(obj), ("?", {}))[0]


class _Builder:
    """Turns nodes into dataclasses, recording every problem instead of stopping at one."""

    def __init__(self, label: str, locations: Locations) -> None:
        self.label = label
        self.problems: list[Problem] = []
        self.locations = locations
        self.broken_ids: set[str] = set()
        self._seen: set[int] = set()
        self.offset = 0
        """Lines before the piece of text now being built (see `_pieces`): marks count from it."""

    def problem(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.label, mark.line + self.offset + 1, mark.column + 1, code, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise KnowledgeError(self.problems)  # a file of a million broken entries stops here

    def start_piece(self, offset: int) -> None:
        """Nodes of the last piece are gone, and their ids may be reused: forget them."""
        self._seen.clear()
        self.offset = offset

    def _fresh(self, node: yaml.Node) -> bool:
        """Collections may appear once: a repeat means an alias (the billion-laughs trick)."""
        if id(node) in self._seen:
            self.problem(node, "FS015", "YAML anchors and aliases are not allowed here")
            return False
        self._seen.add(id(node))
        return True

    def _tag_ok(self, node: yaml.Node) -> bool:
        if node.tag in _SAFE_TAGS:
            return True
        self.problem(node, "FS014", f"the tag {quoted(node.tag)} is not allowed (plain YAML only)")
        return False

    # Each converter returns the value, or _MISSING after recording a problem.

    def text(self, node: yaml.Node, where: Where) -> Any:
        if node.__class__ is _Scalar and node.tag in _TEXT_TAGS and node.value.strip():
            return node.value  # the common case, decided without a single call
        if not self._tag_ok(node):
            return _MISSING
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            self.problem(node, "FS004", f"{_path(where)} must be text, not {_describe(node)}")
            return _MISSING
        self.problem(node, "FS021", f"{_path(where)} is empty")
        return _MISSING

    def integer(self, node: yaml.Node, where: Where) -> Any:
        if not self._tag_ok(node):
            return _MISSING
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
            self.problem(node, "FS004", f"{_path(where)} must be a whole number, not {_describe(node)}")
            return _MISSING
        return int(node.value.replace("_", ""), 0)

    def number(self, node: yaml.Node, where: Where) -> Any:
        """A positive decimal, such as a likelihood ratio (0.23, 7.4)."""
        if not self._tag_ok(node):
            return _MISSING
        if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT):
            try:  # YAML's .inf, .nan and 0x1f are numbers too; only finite positive ones are ratios
                value = float(int(node.value.replace("_", ""), 0) if node.tag == _INT else node.value.replace("_", ""))
            except ValueError:
                value = math.nan
            if math.isfinite(value) and value > 0:
                return value
        self.problem(node, "FS004", f"{_path(where)} must be a positive number, not {_describe(node)}")
        return _MISSING

    def choice(self, node: yaml.Node, where: Where, allowed: tuple[str, ...]) -> Any:
        value = self.text(node, where)
        if value is _MISSING:
            return _MISSING
        if value not in allowed:
            self.problem(node, "FS013", f"{_path(where)} is {quoted(value)}; use one of: {', '.join(allowed)}")
            return _MISSING
        return value

    def _sequence_items(self, node: yaml.Node, where: Where) -> list[yaml.Node] | None:
        """The items of a list node, or None after reporting why it is not a usable list."""
        if node.__class__ is _Sequence and node.tag == _SEQ:
            return node.value if self._fresh(node) else None
        if not self._tag_ok(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "FS004", f"{_path(where)} must be a list, not {_describe(node)}")
            return None
        return node.value if self._fresh(node) else None

    def texts(self, node: yaml.Node, where: Where) -> Any:
        items = self._sequence_items(node, where)
        if items is None:
            return _MISSING
        values = []
        for index, child in enumerate(items):
            if child.__class__ is _Scalar and child.tag in _TEXT_TAGS and child.value.strip():
                values.append(child.value)
            else:
                value = self.text(child, (where, index))
                if value is not _MISSING:
                    values.append(value)
        return values

    def records(self, node: yaml.Node, where: Where, cls: type) -> Any:
        items = self._sequence_items(node, where)
        if items is None:
            return _MISSING
        values = []
        for index, child in enumerate(items):
            value = self.record(child, cls, (where, index))
            if value is not _MISSING:
                values.append(value)
        return values

    def record(self, node: yaml.Node, cls: type, where: Where) -> Any:
        """Build one dataclass from a mapping node."""
        if not self._tag_ok(node):
            return _MISSING
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "FS004", f"{_path(where)} must be a mapping, not {_describe(node)}")
            return _MISSING
        if not self._fresh(node):
            return _MISSING
        specs = fields_of(cls)
        values: dict[str, Any] = {}
        mark = node.start_mark
        marks: dict[str | None, int] = {None: _position(mark.line + self.offset, mark.column)}
        failed = False
        for key_node, value_node in node.value:
            if key_node.__class__ is not _Scalar or key_node.tag not in _PLAIN_SCALAR_TAGS:
                self.problem(key_node, "FS004", f"keys in {_path(where) or 'the file'} must be plain text")
                failed = True
                continue
            key = key_node.value
            if key in marks:
                first = (marks[key] >> 32) + 1
                message = f"{_at(where)}key {quoted(key)} appears twice (first on line {first})"
                self.problem(key_node, "FS002", message)
                continue  # reported; the first value stands, so later checks still run
            mark = value_node.start_mark
            marks[key] = ((mark.line + self.offset) << 32) | mark.column  # _position, inlined: once per key
            spec = specs.get(key)
            if spec is None:
                known = ", ".join(specs)
                self.problem(key_node, "FS003", f"{_at(where)}unknown key {quoted(key)} (known: {known})")
                continue  # reported; the rest of the entry is still checked
            kind = spec.kind
            if kind == "text":
                if value_node.__class__ is _Scalar and value_node.tag in _TEXT_TAGS and value_node.value.strip():
                    value = value_node.value
                else:
                    value = self.text(value_node, (where, key))
            elif kind == "texts":
                value = self.texts(value_node, (where, key))
            elif spec.nullable and value_node.__class__ is _Scalar and value_node.tag == _NULL:
                value = None
            elif kind == "records":
                value = self.records(value_node, (where, key), spec.record)  # type: ignore[arg-type]
            elif kind == "record":
                value = self.record(value_node, spec.record, (where, key))  # type: ignore[arg-type]
            elif kind == "choice":
                value = self.choice(value_node, (where, key), spec.choices)
            elif kind == "number":
                value = self.number(value_node, (where, key))
            else:
                value = self.integer(value_node, (where, key))
            if value is _MISSING:
                if spec.required:
                    failed = True
                continue
            if spec.check is not None:
                self._check(spec.check, value, value_node, (where, key))
            values[key] = value
        for spec in specs.values():
            if spec.required and spec.name not in marks:
                self.problem(node, "FS005", f"{_at(where)}missing required key {quoted(spec.name)}")
                failed = True
        if failed:
            if isinstance(values.get("id"), str):
                self.broken_ids.add(values["id"])
            return _MISSING
        obj = cls(**values)
        self.locations.record(obj, self.label, marks)
        return obj

    def _check(self, check: str, value: Any, node: yaml.Node, where: Where) -> None:
        if check == "slug" and not SLUG.match(value):
            message = f"{_path(where)} {quoted(value)} must be a lowercase slug (a-z, 0-9, single hyphens)"
            self.problem(node, "FS006", message)
        elif check == "date" and not _real_date(value):
            self.problem(node, "FS011", f"{_path(where)} {quoted(value)} must be a real date, YYYY-MM-DD")
        elif check == "url" and not value.startswith(("https://", "http://")):
            self.problem(node, "FS012", f"{_path(where)} {quoted(value)} must start with https:// or http://")
        elif check == "url" and (host := copy_site(value)) is not None:
            message = (
                f"{_path(where)} {quoted(value)} is on {host}, a copy, mirror or closed service; "
                "cite the publisher's own page"
            )
            self.problem(node, "FS022", message)
        elif check == "foot-region":
            for item in value:
                if item not in FOOT_REGIONS:
                    message = f"{_path(where)} has {quoted(item)}; use one of: {', '.join(FOOT_REGIONS)}"
                    self.problem(node, "FS013", message)


class _Missing:
    """Marks a value that could not be built (its problem is already recorded)."""


_MISSING: Any = _Missing()


def _real_date(value: str) -> bool:
    if not DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    return f"{node.tag.rsplit(':', 1)[-1]} {quoted(node.value, 40)}"


@dataclass(slots=True)
class Loaded:
    """One file's result: the entries that could be built, and every problem found on the way.

    Entries with problems are left out; `broken_ids` names them, so that the relation checks
    which run next do not also report every reference to them as dangling.
    """

    knowledge: Knowledge | None
    locations: Locations
    problems: list[Problem]
    broken_ids: set[str]
    suspicious_text: bool


def _build_with(builder: _Builder, node: yaml.MappingNode) -> Knowledge | None:
    """A file of another schema version is reported once, not as a cascade of field errors."""
    for key_node, value_node in node.value:
        if not (isinstance(key_node, yaml.ScalarNode) and key_node.value == "schema_version"):
            continue
        found = value_node.value if isinstance(value_node, yaml.ScalarNode) else "not a number"
        if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _INT and found == str(SCHEMA_VERSION)):
            message = f"schema_version is {found}; this footspine reads version {SCHEMA_VERSION}"
            builder.problem(value_node, "FS017", message)
            return None
    knowledge = builder.record(node, Knowledge, None)
    return None if knowledge is _MISSING else knowledge


# --- composing a large file a piece at a time ----------------------------------------------

PIECE_LIMIT = 4 * 1024 * 1024
"""The most text composed at once: one entry, one top-level section, or a whole file that is not
written in block style. Composed nodes and their marks take up to ~160 bytes of memory for
each byte of a file of tiny values, so this bounds the peak whatever the file's size."""

MAX_PROBLEMS = 1000
"""A file with more problems than this is reported up to here: nobody reads further, and a
million broken entries would otherwise each hold a message in memory."""

_TOP_LEVEL_KEY = re.compile(r"^(?=[^\s#\-])", re.MULTILINE)
_SEQUENCE_HEADER = re.compile(r"[^\s#\-][^\n]*:[ \t]*(?:#[^\n]*)?\n")
_FIRST_CONTENT = re.compile(r"^[ \t]*[^ \t\r\n#]", re.MULTILINE)
_ITEM = re.compile(r"( *)-(?=[ \t\r\n])")
_WHOLE_ONLY = re.compile("^(?:---|\\.\\.\\.|%)|\r(?!\n)|[\x85\u2028\u2029]", re.MULTILINE)
"""Document markers, directives and line breaks other than LF and CRLF: such a file is composed
whole (the pieces' line numbers would not add up)."""


class _Unsplittable(Exception):
    """A piece did not compose to what its place in the file promised: compose the file whole
    (or, for a file too large for that, report where)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _compose_piece(text: str, label: str, offset: int) -> yaml.Node | None:
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + offset + 1, mark.column + 1) if mark else (offset + 1, 1)
        reason = error.problem or error.context or "cannot be parsed"
        raise _Unsplittable(Problem(label, line, column, "FS001", reason)) from None
    except yaml.YAMLError as error:
        raise _Unsplittable(Problem(label, offset + 1, 1, "FS001", str(error))) from None
    return node


def _not_one(label: str, offset: int, what: str) -> _Unsplittable:
    message = f"this piece of a large file should hold exactly one {what}; check the indentation"
    return _Unsplittable(Problem(label, offset + 1, 1, "FS001", message))


def _too_large(label: str, line: int) -> KnowledgeError:
    limit = PIECE_LIMIT // (1024 * 1024)
    message = (
        f"has more than {limit} MiB of text in one piece (from line {line + 1}); a large file must "
        "list its entries in block style, one '- ' per entry, each under that size"
    )
    return KnowledgeError([Problem(label, line + 1, 1, "FS102", message)])


class _Items:
    """A top-level list's entries, each composed from its own piece of text only when the
    builder reaches it, so the nodes of one entry are alive at a time (not the whole file's)."""

    def __init__(self, text: str, starts: list[int], end: int, offset: int, builder: _Builder) -> None:
        self._text, self._starts, self._end, self._offset, self._builder = text, starts, end, offset, builder

    def __iter__(self) -> Any:
        text, starts, builder = self._text, self._starts, self._builder
        offset = self._offset
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else self._end
            if end - start > PIECE_LIMIT:
                raise _too_large(builder.label, offset)
            node = _compose_piece(text[start:end], builder.label, offset)
            if not (isinstance(node, yaml.SequenceNode) and len(node.value) == 1):
                raise _not_one(builder.label, offset, "list entry")
            builder.start_piece(offset)
            yield node.value[0]
            offset += text.count("\n", start, end)


class _Pairs(list):  # type: ignore[type-arg]
    """The top level's (key, value) pairs, each from its own piece: sets the builder's line
    offset to that piece's as each pair is handed out."""

    def __init__(self, pairs: list[tuple[yaml.Node, yaml.Node, int]], builder: _Builder) -> None:
        super().__init__((key, value) for key, value, _ in pairs)
        self._offsets = [offset for _, _, offset in pairs]
        self._builder = builder

    def __iter__(self) -> Any:
        for pair, offset in zip(list.__iter__(self), self._offsets, strict=True):
            self._builder.start_piece(offset)
            yield pair
        self._builder.start_piece(0)


def _in_pieces(text: str, label: str, builder: _Builder) -> yaml.MappingNode | None:
    """The top-level mapping, with each top-level list's entries composed lazily; None when the
    file is not laid out so (flow style, directives, odd line breaks, ...): compose it whole.

    A file is cut only where a line starts a top-level key or an entry of a top-level list, at
    that list's indentation. A cut anywhere else (inside a quoted or flow value) leaves a piece
    that does not parse, or parses to something other than one key or one entry; that is
    detected and the file is composed whole, so the result never differs from composing it whole.
    """
    if _WHOLE_ONLY.search(text):
        return None
    starts = [match.start() for match in _TOP_LEVEL_KEY.finditer(text)]
    if not starts:
        return None
    starts[0] = 0  # comments before the first key belong to its piece
    pairs: list[tuple[yaml.Node, yaml.Node, int]] = []
    offset = 0
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        key_line = _TOP_LEVEL_KEY.search(text, start)
        assert key_line is not None
        header = _SEQUENCE_HEADER.match(text, key_line.start(), end)
        items: list[int] = []
        if header is not None:
            first = _FIRST_CONTENT.search(text, header.end(), end)
            entry = _ITEM.match(text, first.start(), end) if first is not None else None
            if entry is not None:
                at_indent = re.compile(rf"^{entry.group(1)}-(?=[ \t\r\n])", re.MULTILINE)
                items = [match.start() for match in at_indent.finditer(text, entry.start(), end)]
        head_end = items[0] if items else end
        if head_end - start > PIECE_LIMIT:
            raise _too_large(label, offset)
        node = _compose_piece(text[start:head_end], label, offset)
        if not (isinstance(node, yaml.MappingNode) and len(node.value) == 1):
            raise _not_one(label, offset, "top-level key")
        key_node, value_node = node.value[0]
        if items:
            if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _NULL):
                raise _not_one(label, offset, "top-level key")
            item_offset = offset + text.count("\n", start, items[0])
            value_node = yaml.SequenceNode(_SEQ, [], value_node.start_mark, value_node.end_mark)
            value_node.value = _Items(text, items, end, item_offset, builder)
        pairs.append((key_node, value_node, offset))
        offset += text.count("\n", start, end)
    origin = yaml.Mark(label, 0, 0, 0, None, 0)
    return yaml.MappingNode("tag:yaml.org,2002:map", _Pairs(pairs, builder), origin, origin)


def load_text(text: str, label: str) -> Loaded:
    """Build one file. A file larger than PIECE_LIMIT is composed a piece at a time (an entry
    of a top-level list, or a top-level key), so memory follows the model, not PyYAML's nodes."""
    _refuse_deep_nesting(text, label)
    if len(text) > PIECE_LIMIT or _force_pieces:
        locations = Locations()
        builder = _Builder(label, locations)
        try:
            root = _in_pieces(text, label, builder)
            if root is not None:
                knowledge = _build_with(builder, root)
                return Loaded(knowledge, locations, builder.problems, builder.broken_ids, suspicious(text))
        except _Unsplittable as unsplittable:
            if len(text) > PIECE_LIMIT:
                raise KnowledgeError([unsplittable.problem]) from None
        if len(text) > PIECE_LIMIT:
            first = _FIRST_CONTENT.search(text)
            item = _ITEM.match(text, first.start()) if first is not None else None
            if first is not None and item is not None and not item.group(1):
                line = text.count("\n", 0, first.start()) + 1
                message = "the top level must be a mapping with schema_version, conditions, ..."
                raise KnowledgeError([Problem(label, line, 1, "FS106", message)])  # a list, not one huge piece
            raise _too_large(label, 0)
    locations = Locations()
    node = compose(text, label)
    builder = _Builder(label, locations)
    knowledge = _build_with(builder, node)
    return Loaded(knowledge, locations, builder.problems, builder.broken_ids, suspicious(text))


_force_pieces = False
"""Tests set this to build even small files in pieces, so both ways are checked on every fixture."""
