"""Search that finds what people mean: German word forms, umlaut spellings, compounds and
synonyms, ranked by where the words occur. The same on SQLite and PostgreSQL: the apps'
full-text indexes find the rows (queries built by `fts5_words_query`, `fts5_substring_query`
and `tsquery` below, ADR 0016); `rank()` orders a small candidate set in Python.

    rank("einsam", [(pk, {"name": "...", "topics": "Einsamkeit ...", "text": "..."}), ...])

`stem()` is a light German stemmer (plural and derivation endings); a word matches a stem when
it starts with it, so "Einsamkeit" (stem "einsam") is found by "einsam" and "Einsamkeit", and
"Seniorentreff" by "Senioren" and "Treff". Synonym groups widen a word to its neighbours
("einsam" also finds "allein"); apps add groups with `registry.add("search_synonyms", [...])`.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable

from quartier.core import registry

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Longest first: "keiten" before "keit" before "en".
SUFFIXES = sorted(
    ["keiten", "heiten", "ungen", "keit", "heit", "lich", "isch", "ung", "ern", "en", "er", "es",
     "e", "n", "s"],
    key=len,
    reverse=True,
)  # fmt: skip
MIN_STEM = 4
WORD = re.compile(r"[a-z0-9]+")
FIELD_WEIGHTS = {"name": 4, "topics": 3, "text": 1}

# Everyday German around the programme; each group is one meaning.
SYNONYMS = [
    ["einsam", "allein", "isoliert", "kontaktarm", "gesellschaft"],
    ["senior", "aeltere", "alter", "rentner"],
    ["treff", "treffpunkt", "club", "klub", "begegnung", "cafe"],
    ["pflege", "pflegegrad", "pflegeberatung", "betreuung"],
    ["schulden", "schuldner", "geldsorgen", "insolvenz"],
    ["wohnung", "wohnen", "miete", "vermieter"],
    ["muell", "abfall", "dreck", "unrat"],
    ["sperrmuell", "matratze", "sofa", "moebel"],
    ["laterne", "licht", "beleuchtung", "lampe"],
    ["handy", "smartphone", "telefon"],
    ["arzt", "aerztin", "praxis", "doktor"],
    ["einkauf", "einkaufen", "lebensmittel"],
    ["sprache", "deutschkurs", "sprachkurs", "dolmetschen"],
]


def normalise(text: str) -> str:
    text = (text or "").casefold().translate(UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def _synonym_groups() -> tuple[tuple[str, ...], ...]:
    groups = [tuple(group) for group in SYNONYMS]
    for contribution in registry.contributions("search_synonyms"):
        groups += [tuple(group) for group in contribution]
    return tuple(groups)


@functools.lru_cache(maxsize=64)
def _group_stems(groups: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], ...]:
    """Each synonym group as the stems of its members (worked out once per set of groups)."""
    return tuple(frozenset(stem(normalise(member)) for member in group) for group in groups)


def expand(word: str) -> set[str]:
    """The stems a query word stands for: itself and the members of its synonym groups."""
    return set(_expand(word, _synonym_groups()))


@functools.lru_cache(maxsize=4096)
def _expand(word: str, groups: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    stems = {stem(word)}
    for group_stems in _group_stems(groups):
        if any(_related(s, g) for s in stems for g in group_stems):
            stems |= group_stems
    return frozenset(s for s in stems if s)


def _related(word_stem: str, group_stem: str) -> bool:
    """Same word family ("pflegen" ~ "pflege"), or a compound containing a longer member
    ("seniorentreff" ~ "treff"); "wohngeld" is not "wohnen"."""
    short, long = sorted((word_stem, group_stem), key=len)
    if long.startswith(short) and len(long) - len(short) <= 3:
        return True
    return len(group_stem) >= 5 and group_stem in word_stem


def _field_score(alternatives: set[str], field_words: list[str]) -> bool:
    return any(
        word.startswith(alt) or (len(alt) >= MIN_STEM + 1 and alt in word)
        for word in field_words
        for alt in alternatives
    )


def score(query: str, fields: dict[str, str]) -> int:
    """0 if a query word is found nowhere, else the weighted number of hits; the word itself
    counts three times as much as one of its synonyms."""
    field_words = {name: words(value) for name, value in fields.items()}
    total = 0
    for word in words(query):
        own, alternatives = {stem(word)}, expand(word)
        hits = 0
        for name, found in field_words.items():
            weight = FIELD_WEIGHTS.get(name, 1)
            if _field_score(own, found):
                hits += 3 * weight
            elif _field_score(alternatives, found):
                hits += weight
        if not hits:
            return 0
        total += hits
    return total


def rank(query: str, documents: Iterable[tuple[int, dict[str, str]]]) -> list[int]:
    """Primary keys of the documents that match every query word, best first."""
    scored = [(score(query, fields), pk) for pk, fields in documents]
    return [pk for points, pk in sorted(scored, key=lambda s: (-s[0], s[1])) if points]


RESTORE = [("ae", "ä"), ("oe", "ö"), ("ue", "ü")]


def database_terms(word: str) -> set[str]:
    """Substrings to look for in the database for one query word (for `icontains` filters):
    the word's stem as typed, and its synonyms' stems with and without umlauts."""
    typed = {stem(word.lower()), stem(word.casefold())}  # "straße" stays, and "strasse"
    terms = set()
    for alternative in expand(normalise(word)):
        terms.add(alternative)
        restored = alternative
        for plain, umlaut in RESTORE:
            restored = restored.replace(plain, umlaut)
        terms.add(restored)
    return typed | {term for term in terms if len(term) >= 3}


# --- Database full-text search -------------------------------------------------------------
#
# The apps keep their own indexes (reports: FTS5 word index / `german` tsvector; directory:
# FTS5 trigram index / pg_trgm). This part turns what somebody typed into the index's query
# language. Only letters and digits of the input ever reach a query: FTS5 and tsquery syntax
# characters (quotes, `*`, `-`, `:`, `&`, `|`, `!`, parentheses, NEAR, AND, OR, NOT) cannot.

MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
QUERY_WORD = re.compile(r"[^\W_]+")
# Words that find everything (or nothing, in PostgreSQL's `german` configuration).
STOPWORDS = frozenset(
    {
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "beim",
        "das",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "im",
        "in",
        "ist",
        "mit",
        "nach",
        "neben",
        "oder",
        "und",
        "vom",
        "von",
        "vor",
        "zu",
        "zum",
        "zur",
    }
)
# What `normalise` does, in SQL: umlauts written out, common accents dropped (both cases, as
# SQLite's and a C-locale PostgreSQL's lower() only fold ASCII letters).
FOLDS = [("Ä", "Ae"), ("ä", "ae"), ("Ö", "Oe"), ("ö", "oe"), ("Ü", "Ue"), ("ü", "ue"),
         ("ß", "ss"), ("ẞ", "SS"), ("É", "E"), ("é", "e"), ("È", "E"), ("è", "e"), ("ê", "e"),
         ("á", "a"), ("à", "a"), ("â", "a"), ("Ç", "C"), ("ç", "c"), ("Ş", "S"), ("ş", "s"),
         ("ğ", "g"), ("ñ", "n"), ("ó", "o"), ("ô", "o"), ("í", "i")]  # fmt: skip


def query_words(text: str) -> list[str]:
    """The words of a query as the indexes hold them (case and umlauts folded, no syntax)."""
    found = [
        w[:MAX_WORD_LENGTH]
        for w in QUERY_WORD.findall(normalise(text))
        if len(w) > 1 or w.isdigit()
    ]
    meaningful = [w for w in found if w not in STOPWORDS]
    return list(dict.fromkeys(meaningful or found))[:MAX_QUERY_WORDS]


def alternatives(word: str) -> set[str]:
    """Stems that stand for a query word: its own, its synonyms', and compounds in the synonym
    groups that end in it ("muell" also looks for "sperrmuell")."""
    if word.isdigit():
        return {word}
    found = expand(word) | {stem(word)}
    own = stem(word)
    if len(own) >= MIN_STEM:
        for group_stems in _group_stems(_synonym_groups()):
            found |= {member for member in group_stems if member.endswith(own)}
    return {alt for alt in found if len(alt) >= 2}


def fts5_words_query(text: str) -> str:
    """FTS5 MATCH expression for a word index: every word, each as prefixes of its stems."""
    groups = []
    for word in query_words(text):
        terms = sorted(f'"{alt}"' if alt.isdigit() else f'"{alt}"*' for alt in alternatives(word))
        groups.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(groups)


def fts5_substring_query(word: str) -> str:
    """FTS5 MATCH expression for a trigram index: any of the word's stems anywhere (at least
    three characters, the trigram index cannot look for less)."""
    terms = alternatives(word)
    if any(len(alt) < 3 for alt in terms):
        return ""
    return " OR ".join(sorted(f'"{alt}"' for alt in terms))


def tsquery(text: str) -> str:
    """`to_tsquery('german', …)` text: every word, each as prefixes of itself and its
    synonyms (PostgreSQL stems them with the German Snowball stemmer)."""
    groups = []
    for word in query_words(text):
        terms = {word} | alternatives(word)
        parts = sorted(t if t.isdigit() else f"{t}:*" for t in terms)
        groups.append("(" + " | ".join(parts) + ")")
    return " & ".join(groups)


def sqlite_fold(expression: str) -> str:
    """SQL (SQLite) for `expression` with German umlauts written out, as `normalise` does;
    the FTS5 tokenizer folds the case."""
    for char, plain in FOLDS:
        expression = f"replace({expression}, '{char}', '{plain}')"
    return expression


def postgresql_fold_function() -> str:
    """`quartier_fold(text)`: lower case with umlauts written out, immutable so that
    expression indexes can use it."""
    body = "lower(coalesce(value, ''))"
    for char, plain in FOLDS:
        body = f"replace({body}, '{char}', '{plain.lower()}')"
    return (
        "CREATE OR REPLACE FUNCTION quartier_fold(value text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {body} $$"
    )


def drop_text_index(connection, *, triggers, fts_table: str, pg_index: str) -> None:
    """Remove a text index made by an app's `search_index.install` (SQLite: the FTS5 table
    and the triggers that feed it; PostgreSQL: the GIN index)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for trigger in triggers:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts_table}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {pg_index}")


def sqlite_triggers_lost(connection, *, triggers, fts_table: str) -> bool:
    """SQLite: whether the FTS5 table exists but some of its triggers are gone (a migration
    that rebuilds the indexed table drops them). False before the index is installed."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name IN (SELECT value FROM json_each(%s))",
            [json.dumps(list(triggers))],
        )
        present = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [fts_table])
        return present != len(triggers) and bool(cursor.fetchone()[0])
