"""Find a person by a name as someone says it on the phone: partial, misspelt, with or without
umlauts ("Hallina Wisniewski", "wisnewski", "Müller" / "Mueller").

Used only for the privacy officer's access and erasure requests; the caller decides what of a
match is shown (the page shows number, quarter and date, never the name).
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
MIN_SCORE = 0.75
MAX_RESULTS = 20


def normalise(text: str) -> str:
    """Lower case, umlauts spelt out, other accents dropped, punctuation as spaces."""
    text = text.casefold().translate(UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _token_score(wanted: str, tokens: list[str]) -> float:
    best = 0.0
    for token in tokens:
        if token.startswith(wanted) and len(wanted) >= 3:
            return 1.0
        best = max(best, SequenceMatcher(None, wanted, token).ratio())
    return best


def score(query: str, name: str) -> float:
    """0..1: how well every word of `query` matches some word of `name`."""
    wanted, tokens = normalise(query).split(), normalise(name).split()
    if not wanted or not tokens:
        return 0.0
    if normalise(query) in normalise(name):
        return 1.0
    return min(_token_score(word, tokens) for word in wanted)


def best_matches(query: str, candidates) -> list[int]:
    """Primary keys of the best-matching `(pk, name)` pairs, best first."""
    scored = [(score(query, name), pk) for pk, name in candidates]
    hits = sorted((s, pk) for s, pk in scored if s >= MIN_SCORE)
    hits.sort(key=lambda hit: -hit[0])
    return [pk for _score, pk in hits[:MAX_RESULTS]]
