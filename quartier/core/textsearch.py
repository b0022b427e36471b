"""Search that finds what people mean: German word forms, umlaut spellings, compounds and
synonyms, ranked by where the words occur. The same on SQLite and PostgreSQL (plain Python on
the few thousand rows a search here looks at; see docs/architecture.md).

    rank("einsam", [(pk, {"name": "...", "topics": "Einsamkeit ...", "text": "..."}), ...])

`stem()` is a light German stemmer (plural and derivation endings); a word matches a stem when
it starts with it, so "Einsamkeit" (stem "einsam") is found by "einsam" and "Einsamkeit", and
"Seniorentreff" by "Senioren" and "Treff". Synonym groups widen a word to its neighbours
("einsam" also finds "allein"); apps add groups with `registry.add("search_synonyms", [...])`.
"""

from __future__ import annotations

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


def _synonym_groups() -> list[list[str]]:
    groups = [list(group) for group in SYNONYMS]
    for contribution in registry.contributions("search_synonyms"):
        groups += [list(group) for group in contribution]
    return groups


def expand(word: str) -> set[str]:
    """The stems a query word stands for: itself and the members of its synonym groups."""
    stems = {stem(word)}
    for group in _synonym_groups():
        group_stems = {stem(normalise(member)) for member in group}
        if any(_related(s, g) for s in stems for g in group_stems):
            stems |= group_stems
    return {s for s in stems if s}


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
