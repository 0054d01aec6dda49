"""The compiled index: validated knowledge in SQLite, so no run after the first parses YAML.

One index file per distinct input (the files' paths and bytes, footspine's version and the
schema version are hashed into its name), written to a temporary name and renamed into place,
so a reader sees a whole index or none. SQLite gives lookup by id and name at any size, and
FTS5 gives `search` its BM25 ranking, Porter stemming and snippets.
"""

from __future__ import annotations

import marshal
import sys
from binascii import crc32

from footspine import __version__
from footspine.knowledge.model import (
    SCHEMA_VERSION,
    URGENCIES,
    AmbiguousTerm,
    Condition,
    EmergencyNumber,
    Finding,
    Knowledge,
    Mechanism,
    NerveRoot,
    RedFlag,
    Source,
    Treatment,
)
from footspine.knowledge.names import canonical, normalize, singular
from footspine.knowledge.plain import from_plain, to_plain
from footspine.knowledge.problems import AmbiguousNameError, NotFoundError
from footspine.knowledge.sqlite import sqlite3
from footspine.record import dataclass

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, TypeVar

    T = TypeVar("T")

INDEX_FORMAT = 10
"""Bumped when the tables below change, so an old index is never read by new code."""

CONDITION_BOOST = 1.6
"""How much a condition's BM25 score is lifted over other kinds of result."""

PRIOR_WEIGHT = {"common": 1.25, "uncommon": 1.0, "rare": 0.8}
"""A common cause outranks a rare one when both fit the words about equally."""

STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "the",
        "then",
        "there",
        "this",
        "to",
        "was",
        "when",
        "where",
        "which",
        "while",
        "who",
        "with",
        "you",
        "your",
    }
)
"""Words that say nothing about a symptom; with OR queries they would match every entry."""

HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"
"""Private-use characters that mark search matches in snippets; renderers turn them into
bold, **, or nothing. They cannot come from a knowledge file: the validator refuses none of
them, but the index strips them from text before it is indexed."""

_KIND_TABLES: dict[str, type] = {
    "condition": Condition,
    "mechanism": Mechanism,
    "treatment": Treatment,
    "root": NerveRoot,
    "red_flag": RedFlag,
    "finding": Finding,
    "source": Source,
}
_COLLECTION_KINDS = {
    "conditions": "condition",
    "mechanisms": "mechanism",
    "treatments": "treatment",
    "roots": "root",
    "red_flags": "red_flag",
    "findings": "finding",
    "sources": "source",
}

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE entity(
    kind TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL,
    origin TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;
CREATE TABLE name(key TEXT PRIMARY KEY, condition TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE ambiguous(key TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE listing(
    position INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, shown TEXT NOT NULL,
    seal INTEGER NOT NULL);
CREATE TABLE link(condition TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL);
CREATE INDEX link_target ON link(kind, target);
CREATE VIRTUAL TABLE fuzzy USING fts5(key, owner UNINDEXED, tokenize='trigram');
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED, id UNINDEXED, urgency UNINDEXED, weight UNINDEXED, title, names, symptoms, body,
    tokenize='porter unicode61');
"""


BUILD_TAG = f"{__version__}|{SCHEMA_VERSION}|{INDEX_FORMAT}|marshal {marshal.version}|{sys.version_info[:2]}"
"""What else an index depends on besides its sources: a new footspine, schema, table layout or
Python (entries are stored with `marshal`, whose format belongs to the interpreter) never reads
an older index."""


def write_index(
    knowledge: Knowledge, origins: dict[int, str], target: str | None, meta: dict[str, object] | None = None
) -> sqlite3.Connection:
    """Compile into `target` (a new file the caller renames into place), or into memory."""
    connection = sqlite3.connect(target if target is not None else ":memory:")
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    _fill(connection, knowledge, origins, meta or {})
    return connection


def pack(value: Any) -> bytes:
    """A value as stored: marshal's bytes behind their CRC-32, so that damage SQLite cannot see
    (a flipped bit, a zeroed block inside a value) is found when the value is read."""
    packed = marshal.dumps(value)
    return crc32(packed).to_bytes(4, "little") + packed


class DamagedIndexError(Exception):
    """A stored value fails its check: the index file is damaged, and is discarded and rebuilt."""


def unpack(body: object) -> Any:
    """A stored value, checked; DamagedIndexError when it is not what was written."""
    if type(body) is not bytes or len(body) < 5:
        raise DamagedIndexError("a stored value is missing or of the wrong type")
    view = memoryview(body)[4:]
    if crc32(view) != int.from_bytes(body[:4], "little"):
        raise DamagedIndexError("a stored value fails its check")
    try:
        return marshal.loads(view)
    except (ValueError, EOFError, TypeError) as error:
        raise DamagedIndexError("a stored value cannot be read") from error


_UNIT = "\x1f"
"""Between the fields of a listing row's `shown` text (id, kind, mechanisms, roots, origin,
then the name): one column to read and one string to check, not six. Validation refuses control
characters in names (FS018); the name comes last all the same, and the split stops before it."""


def _seal(text: str) -> int:
    """The CRC-32 a listing row is written with; `Store._rows` computes the same inline."""
    return crc32(text.encode("utf-8", "surrogatepass"))


def _clean(text: str) -> str:
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def _fill(
    connection: sqlite3.Connection, knowledge: Knowledge, origins: dict[int, str], extra: dict[str, object]
) -> None:
    with connection:
        connection.executescript(_SCHEMA)
        rows = []
        for collection, kind in _COLLECTION_KINDS.items():
            for position, entry in enumerate(getattr(knowledge, collection)):
                packed = pack(to_plain(entry))
                rows.append((kind, entry.id, position, origins.get(id(entry), "?"), packed))
        connection.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?)", rows)
        names: dict[str, str] = {}
        links = []
        listing = []
        search = []
        flag_urgency = {f.id: f.urgency for f in knowledge.red_flags}
        for position, c in enumerate(knowledge.conditions):
            for name in (c.id, c.name, *c.aliases, *c.clinical_names):
                names.setdefault(normalize(name), c.id)
            for name in (c.id, c.name, *c.aliases, *c.clinical_names):
                names.setdefault(canonical(name), c.id)  # plurals and US spellings, after the exact forms
            for code in c.icd10cm.codes if c.icd10cm else []:
                names.setdefault(normalize(code.code.rstrip("-")), c.id)
            links += [(c.id, "mechanism", m) for m in c.mechanisms]
            links += [(c.id, "root", r) for r in c.roots]
            links += [(c.id, "treatment", t.treatment) for t in c.treatments]
            origin = origins.get(id(c), "?")
            shown = _UNIT.join((c.id, c.kind, ",".join(c.mechanisms), ",".join(c.roots), origin, c.name))
            listing.append((position, c.id, c.kind, shown, _seal(shown)))
            symptoms = " ".join([*c.symptoms, *c.better, *c.worse])
            # Not `telling_apart`: a mimic's contrast with spine pain is full of spine-pain words,
            # and would rank the mimic first for exactly the symptoms it does not have.
            body = " ".join([c.summary, c.how_it_reaches_the_foot])
            urgency = _condition_urgency(c.kind, [flag_urgency.get(f, "") for f in c.red_flags])
            aliases = " ".join([*c.aliases, *c.clinical_names, *c.lay_terms])
            # Red-flag pages are rare causes: they rank on their own words, not lifted like the
            # common conditions; their warning signs are found separately, by lay terms.
            weight = 1.0 if c.kind == "red-flag" else CONDITION_BOOST * PRIOR_WEIGHT.get(c.prior or "", 1.0)
            row = ("condition", c.id, urgency, weight, c.name, aliases, _clean(symptoms), _clean(body))
            search.append(row)
        for m in knowledge.mechanisms:
            text = _clean(f"{m.summary} {m.explanation}")
            search.append(("mechanism", m.id, "", 1.0, m.name, " ".join(m.lay_terms), "", text))
        for t in knowledge.treatments:
            search.append(("treatment", t.id, "", 1.0, t.name, "", "", _clean(f"{t.what_it_is} {t.what_it_does}")))
        for r in knowledge.roots:
            text = f"{r.skin_area} {r.weakness} {r.reflex} {r.functional_test}"
            search.append(("root", r.id, "", 1.0, f"{r.name} nerve root", " ".join(r.lay_terms), "", _clean(text)))
        connection.executemany("INSERT INTO name VALUES (?, ?)", names.items())
        connection.executemany("INSERT INTO fuzzy VALUES (?, ?)", names.items())
        connection.executemany("INSERT INTO link VALUES (?, ?, ?)", links)
        connection.executemany("INSERT INTO listing VALUES (?, ?, ?, ?, ?)", listing)
        connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?, ?, ?, ?)", search)
        ambiguous: dict[str, bytes] = {}
        for a in knowledge.ambiguous_terms:
            packed_term = pack(to_plain(a))
            for term in (a.term, *a.other_names):
                for key in (normalize(term), canonical(term)):
                    if key not in names:
                        ambiguous.setdefault(key, packed_term)
        connection.executemany("INSERT INTO ambiguous VALUES (?, ?)", ambiguous.items())
        core = [f for c in knowledge.conditions if c.kind == "emergency" for f in c.red_flags]
        meta = {
            "schema_version": knowledge.schema_version,
            "core_emergency_flags": list(dict.fromkeys(core)),
            "synonyms": [[[lay_words(w) for w in s.words], s.means] for s in knowledge.synonyms],
            "emergency_numbers": to_plain(knowledge.emergency_numbers),
            "build": BUILD_TAG,
            **extra,
            "complete": 1,
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", [(k, pack(v)) for k, v in meta.items()])


def _condition_urgency(kind: str, flag_urgencies: list[str]) -> str:
    """How urgent a page is as a search result: an emergency condition, or a red-flag page's
    most urgent sign. Ordinary conditions list warning signs too, but are not urgent themselves."""
    if kind == "emergency":
        return "emergency"
    if kind != "red-flag":
        return ""
    return next((u for u in URGENCIES if u in flag_urgencies), "urgent")


@dataclass(frozen=True, slots=True)
class ListingRow:
    id: str
    name: str
    kind: str
    mechanisms: list[str]
    roots: list[str]
    source_file: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    id: str
    title: str
    snippet: str
    score: float
    urgency: str = ""
    """emergency, urgent or soon for warning signs and urgent pages; empty otherwise."""


def _batches(ids: list[str], size: int = 500) -> list[list[str]]:
    """Under SQLite's limit on parameters in one statement, however long a hostile list is."""
    return [ids[start : start + size] for start in range(0, len(ids), size)]


class Store:
    """Read-only questions answered from a compiled index."""

    def __init__(self, connection: sqlite3.Connection, path: str | None = None) -> None:
        self._db = connection
        self.path = path
        """The index file, or None for an index built in memory for this run."""
        self.labels: list[str] = []
        """The knowledge files as this run named them. The index records which file an entry
        came from by its position, so `source_file` is the path the user gave today, not the
        relative path some earlier run in another folder happened to use."""

    def _file(self, origin: object) -> str:
        try:
            return self.labels[int(str(origin))]
        except (ValueError, IndexError):
            return "?"

    def meta(self, key: str) -> Any:
        """A value the index was built with (None if it has none), as it was stored."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return unpack(row[0]) if row else None

    def close(self) -> None:
        self._db.close()

    # --- single entries -----------------------------------------------------------------------

    def _get(self, kind: str, entry_id: str) -> Any:
        row = self._db.execute("SELECT body FROM entity WHERE kind = ? AND id = ?", (kind, entry_id)).fetchone()
        if row is None:
            return None
        return from_plain(_KIND_TABLES[kind], unpack(row[0]))

    def entries(self, kind: str, ids: list[str]) -> list[Any]:
        """The entries with these ids, in the order asked, leaving out any that do not exist:
        one query for a page's treatments or sources instead of one query each."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, bytes] = {}
        for batch in _batches(wanted):
            marks = ",".join("?" * len(batch))
            found.update(
                self._db.execute(f"SELECT id, body FROM entity WHERE kind = ? AND id IN ({marks})", (kind, *batch))
            )
        cls = _KIND_TABLES[kind]
        return [from_plain(cls, unpack(found[i])) for i in wanted if i in found]

    def condition(self, entry_id: str) -> Condition:
        found: Condition = self._get("condition", entry_id)
        return found

    def mechanism(self, entry_id: str) -> Mechanism | None:
        found: Mechanism | None = self._get("mechanism", entry_id)
        return found

    def treatment(self, entry_id: str) -> Treatment | None:
        found: Treatment | None = self._get("treatment", entry_id)
        return found

    def root(self, entry_id: str) -> NerveRoot | None:
        found: NerveRoot | None = self._get("root", entry_id)
        return found

    def source(self, entry_id: str) -> Source | None:
        found: Source | None = self._get("source", entry_id)
        return found

    def origin(self, kind: str, entry_id: str) -> str:
        row = self._db.execute("SELECT origin FROM entity WHERE kind = ? AND id = ?", (kind, entry_id)).fetchone()
        return self._file(row[0]) if row else "?"

    def _all(self, kind: str, cls: type[T]) -> list[T]:
        rows = self._db.execute("SELECT body FROM entity WHERE kind = ? ORDER BY position", (kind,))
        return [from_plain(cls, unpack(body)) for (body,) in rows]

    def mechanisms(self) -> list[Mechanism]:
        return self._all("mechanism", Mechanism)

    def roots(self) -> list[NerveRoot]:
        return self._all("root", NerveRoot)

    def red_flags(self) -> list[RedFlag]:
        return self._all("red_flag", RedFlag)

    def findings(self) -> list[Finding]:
        return self._all("finding", Finding)

    def conditions(self) -> list[Condition]:
        return self._all("condition", Condition)

    def core_emergency_flag_ids(self) -> list[str]:
        """The ids of the cauda equina signs (those the emergency conditions list): every
        condition page shows them."""
        ids: list[str] = self.meta("core_emergency_flags") or []
        return ids

    def emergency_numbers(self) -> list[EmergencyNumber]:
        return [from_plain(EmergencyNumber, item) for item in self.meta("emergency_numbers") or []]

    def schema_version(self) -> int:
        return int(self.meta("schema_version"))

    # --- names --------------------------------------------------------------------------------

    def resolve_condition(self, name: str) -> str:
        """The id of the condition a person means, or NotFoundError / AmbiguousNameError."""
        if not _encodable(name):
            raise NotFoundError("condition", name, [])  # bytes that are not text name nothing
        key = normalize(name)
        keys = (key, canonical(name))
        for lookup in keys:
            row = self._db.execute("SELECT condition FROM name WHERE key = ?", (lookup,)).fetchone()
            if row is not None:
                return str(row[0])
        row = self._db.execute("SELECT body FROM ambiguous WHERE key IN (?, ?)", keys).fetchone()
        if row is not None:
            term = from_plain(AmbiguousTerm, unpack(row[0]))
            error = AmbiguousNameError(term.term, term.candidates, term.note)
            error.group = term
            raise error
        elsewhere = self._other_entry(key)
        suggestions = [] if elsewhere else self._suggest(key, self._candidates(key))
        raise NotFoundError("condition", name, suggestions, elsewhere)

    def autocorrect(self, name: str) -> str | None:
        """The one condition a near-miss spelling ('siatica', 'sciatia') can only mean, or None.

        Only a very close match counts, and only when every close match is a name of the same
        condition: a guess between two conditions is a suggestion, never an answer.
        """
        key = normalize(name)
        import re  # not at the top: `re` and the enum module it loads cost ~4 ms on every run

        if not re.fullmatch(r"[a-z]{5,40}", key):
            return None  # one mistyped word; two words close to a name are often another thing
        rows = [(k, owner) for k, owner in self._candidates(key) if "-" not in k]
        found = {owner for _, owner in _close(key, rows, cutoff=85)}
        return found.pop() if len(found) == 1 else None

    def _other_entry(self, key: str) -> tuple[str, str] | None:
        """A root, mechanism or treatment with this id or name: people type `explain L5` too."""
        if not key or len(key) > 200:
            return None
        return self._find(key, ("root", "mechanism", "treatment"))

    def _find(self, key: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
        """(kind, id) of the first entry of these kinds whose id or name normalises to key."""
        marks = ", ".join("?" * len(kinds))
        rows = self._db.execute(f"SELECT kind, id, body FROM entity WHERE kind IN ({marks})", kinds)
        for kind, entry_id, body in rows:
            if key in (normalize(entry_id), normalize(unpack(body)["name"])):
                return str(kind), str(entry_id)
        return None

    def resolve_entry(self, kind: str, name: str, shown: str | None = None) -> str:
        """The id of a mechanism or root, by id or name, or NotFoundError with suggestions."""
        if not _encodable(name):
            raise NotFoundError(kind, shown if shown is not None else name, [])
        key = normalize(name)
        found = self._find(key, (kind,))
        if found is not None:
            return found[1]
        rows = self._db.execute("SELECT id, id FROM entity WHERE kind = ?", (kind,)).fetchall()
        suggestions = self._suggest(key, rows)
        raise NotFoundError(kind, shown if shown is not None else name, suggestions)

    def _candidates(self, key: str, limit: int = 64) -> list[tuple[str, str]]:
        """Names that share the most three-letter pieces with `key` (SQLite's trigram index):
        the few worth comparing closely, at any size of knowledge file."""
        key = "".join(ch for ch in key if ch.isprintable() and not "\ud800" <= ch <= "\udfff")
        grams = {key[i : i + 3] for i in range(len(key) - 2)}
        if not grams:
            rows = self._db.execute("SELECT key, condition FROM name WHERE length(key) <= 4").fetchall()
            return [(str(k), str(owner)) for k, owner in rows]
        query = " OR ".join('"' + gram.replace('"', '""') + '"' for gram in sorted(grams))
        rows = self._db.execute(
            "SELECT key, owner FROM fuzzy WHERE fuzzy MATCH ? ORDER BY rank LIMIT ?", (query, limit)
        ).fetchall()
        return [(str(k), str(owner)) for k, owner in rows]

    def _suggest(self, key: str, rows: list[tuple[str, str]]) -> list[str]:
        """Close spellings, one per entry: `SELECT key, owner` rows, the owner's id suggested.

        The cut-off is high on purpose: a suggestion that is not a near-miss of what was typed
        ("foot drop" -> foot-sprain) misleads more than it helps; the symptom search covers the rest.
        """
        if len(key) > 200:
            return []  # nobody typed that by hand; comparing it with every name would only be slow
        return list(dict.fromkeys(owner for _, owner in _close(key, rows, cutoff=80)))[:3]

    def completion_names(self, prefix: str = "") -> list[str]:
        """Condition ids and aliases that start with `prefix` (normalised), in the form the
        resolver accepts: a range on the name table's key, so any prefix costs one lookup."""
        rows = self._db.execute(
            "SELECT key FROM name WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "\U0010ffff")
        )
        return [str(key) for (key,) in rows]

    def entry_ids(self, kind: str) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM entity WHERE kind = ? ORDER BY position", (kind,))]

    # --- lists and search ---------------------------------------------------------------------

    def listing(
        self, *, mechanism: str | None = None, root: str | None = None, kind: str | None = None
    ) -> list[ListingRow]:
        query = "SELECT shown, seal FROM listing"
        clauses: list[str] = []
        parameters: list[str] = []
        for link_kind, value in (("mechanism", mechanism), ("root", root)):
            if value is not None:
                clauses.append("id IN (SELECT condition FROM link WHERE kind = ? AND target = ?)")
                parameters += [link_kind, value]
        if kind is not None:
            clauses.append("kind = ?")
            parameters.append(kind)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        rows = self._db.execute(query + " ORDER BY position", parameters)
        return self._rows(rows)

    def _row(self, row: tuple[Any, ...]) -> ListingRow:
        return self._rows([row])[0]

    def _rows(self, rows: Iterable[tuple[Any, ...]]) -> list[ListingRow]:
        """Listing rows, each checked against its seal (names are shown from here, not from
        entries). One loop rather than a call per row: a `list` of 5,000 conditions runs it
        5,000 times."""
        files = {str(number): label for number, label in enumerate(self.labels)}
        made = []
        for shown, seal in rows:
            if crc32(shown.encode("utf-8", "surrogatepass")) != seal:
                raise DamagedIndexError("a listing row fails its check")
            i, k, m, r, o, n = shown.split(_UNIT, 5)
            made.append(ListingRow(i, n, k, m.split(",") if m else [], r.split(",") if r else [], files.get(o, "?")))
        return made

    def listing_row(self, condition_id: str) -> ListingRow | None:
        row = self._db.execute("SELECT shown, seal FROM listing WHERE id = ?", (condition_id,)).fetchone()
        return self._row(row) if row else None

    def listing_rows(self, condition_ids: list[str]) -> dict[str, ListingRow]:
        """Several conditions' rows, by id, in one query (those that exist)."""
        found: dict[str, ListingRow] = {}
        for batch in _batches(list(dict.fromkeys(condition_ids))):
            marks = ",".join("?" * len(batch))
            query = f"SELECT shown, seal FROM listing WHERE id IN ({marks})"
            for row in self._rows(self._db.execute(query, batch)):
                found[row.id] = row
        return found

    def conditions_linked(self, kind: str, target: str) -> list[ListingRow]:
        rows = self._db.execute(
            "SELECT shown, seal FROM listing WHERE id IN "
            "(SELECT condition FROM link WHERE kind = ? AND target = ?) ORDER BY position",
            (kind, target),
        )
        return self._rows(rows)

    def search(self, words: list[str], limit: int = 10) -> list[SearchHit]:
        """BM25-ranked matches: names weigh most, then aliases, then symptoms, then the rest.

        Lay phrases the knowledge file lists as synonyms ("pins and needles") are searched as
        what they mean ("tingling") too. A result that covers more of what was said ranks above
        one that matches a single word many times. Conditions rank ahead of an equally good
        mechanism or treatment match, because a person searching with symptom words is looking
        for what they might have; a common cause ahead of a rare one. Warning signs are not in
        this list: `warning_signs` finds them, by their lay terms.
        """
        groups = self._concepts(words)
        if not groups:
            return []
        every = list(dict.fromkeys(t for group in groups for t in group))
        hits = self._match(" OR ".join(every), max(limit * 3, 30))
        if len(groups) > 1 and hits:
            covered: dict[tuple[str, str], int] = {}
            for group in groups:
                rows = self._db.execute("SELECT kind, id FROM search WHERE search MATCH ?", (" OR ".join(group),))
                for row in rows:
                    covered[row] = covered.get(row, 0) + 1
            share = {key: count / len(groups) for key, count in covered.items()}
            rescored = [
                SearchHit(
                    h.kind,
                    h.id,
                    h.title,
                    h.snippet,
                    round(h.score * (0.4 + share.get((h.kind, h.id), 0)) ** 2, 3),
                    h.urgency,
                )
                for h in hits
            ]
            hits = sorted(rescored, key=lambda h: -h.score)
        return hits[:limit]

    def _concepts(self, words: list[str]) -> list[list[str]]:
        """What was said, as groups of FTS terms: one group per meaningful word, and a word that
        belongs to a lay phrase the knowledge file explains joins that phrase's group. Words
        the person denied ("no back pain") are left out: they say what it is not."""
        from footspine.knowledge.negation import affirmed

        said = lay_words(affirmed(" ".join(words)))
        groups: list[list[str]] = []
        used: set[str] = set()
        for phrases, means in self.meta("synonyms") or []:
            for phrase in phrases:
                if phrase and _contains(said, phrase):
                    groups.append(_terms([" ".join(phrase)]) + _terms([means]))
                    used |= set(phrase)
                    break
        rest = [w for w in said if w not in used]
        groups += [[t] for t in _terms(rest) if t]
        return [g for g in groups if g]

    def warning_signs(self, words: list[str], limit: int = 3) -> list[RedFlag]:
        """Warning signs whose lay terms were all said, most urgent first.

        A sign matches when every word of one of its lay terms ("cant pee", "numb bum",
        "fever", "weight loss") is among the words typed. So "numb big toe" or "back pain" raise
        no alarm, while "back pain and I cant pee" does.
        """
        said = set(lay_words(" ".join(words)))
        if not said:
            return []
        found = []
        for flag in self.red_flags():
            if any(terms and terms <= said for terms in (set(lay_words(t)) for t in flag.lay_terms)):
                found.append(flag)
        # Denials are not honoured here: "bladder fine" showing the bladder warning is a false
        # alarm, but a misread denial hiding it would be worse.
        found.sort(key=lambda f: URGENCIES.index(f.urgency))
        return found[:limit]

    def _match(self, query: str, limit: int) -> list[SearchHit]:
        rows = self._db.execute(
            "SELECT kind, id, title, snippet(search, -1, ?, ?, '...', 14), "
            "bm25(search, 0, 0, 0, 0, 10.0, 6.0, 3.0, 1.0) * weight AS score, "
            "urgency FROM search WHERE search MATCH ? ORDER BY score LIMIT ?",
            (HIGHLIGHT_START, HIGHLIGHT_END, query, limit),
        ).fetchall()
        return [SearchHit(k, i, t, s, round(-float(score), 3), u) for k, i, t, s, score, u in rows]


def _encodable(text: str) -> bool:
    """Whether text can go to SQLite: a stray byte in an argument arrives as a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _close(key: str, rows: list[tuple[str, str]], *, cutoff: float) -> list[tuple[str, str]]:
    """(name, owner) rows whose name is within `cutoff` (0-100) of `key` by difflib's ratio,
    closest first. `rows` are a few candidates (see `Store._candidates`), never every name."""
    import difflib

    matcher = difflib.SequenceMatcher(b=key, autojunk=False)
    scored = []
    for position, (name, owner) in enumerate(rows):
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() * 100 >= cutoff and matcher.quick_ratio() * 100 >= cutoff:
            score = matcher.ratio() * 100
            if score >= cutoff:
                scored.append((-score, position, name, owner))
    return [(name, owner) for _, _, name, owner in sorted(scored)[:12]]


def _contains(said: list[str], phrase: list[str]) -> bool:
    """Whether the words of `phrase` occur in `said`, in order and next to each other."""
    n = len(phrase)
    return any(said[i : i + n] == phrase for i in range(len(said) - n + 1))


def lay_words(text: str) -> list[str]:
    """Words as people type them, folded so that "Can't", "cant" and "CANT" are one word and a
    plural or a trailing "s" does not matter ("legs" = "leg")."""
    import re

    words = re.findall(r"[a-z0-9]+", text.casefold().replace("'", "").replace("’", ""))
    return [singular(w) for w in words]


def _terms(words: list[str]) -> list[str]:
    split = [part for w in words for part in w.split()]
    meaningful = [w for w in split if w.casefold() not in STOPWORDS] or split
    return [t for t in (_fts_term(w) for w in meaningful) if t]


def _split(value: str) -> list[str]:
    return value.split(",") if value else []


def _fts_term(word: str) -> str:
    """A user's word as an FTS5 string literal: quoted, so no word can be FTS5 syntax."""
    cleaned = "".join(ch for ch in word if ch.isalnum() or ch in "-'")
    cleaned = cleaned.replace("'", "")
    return f'"{cleaned}"' if cleaned.strip("-") else ""
