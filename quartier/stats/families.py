"""The protected tables about residents, one family per subject and calendar year.

Each family is counted once per year (rows × months) and protected as a whole
(`suppression.protect_family`): every figure about residents that any page, export or report
shows is a cell of one of these, so no two publications can be combined to single anyone
out. Families:

* contacts: quarter × age band and quarter × language (sharing their totals);
* mentions: top-level topic × age band, city-wide (a contact with two topics counts twice);
* referrals: Wegweiser entry × outcome, city-wide;
* help: quarter × kind of help delivered.

Protecting a family takes up to a second for a year of very small counts, so the result is
cached under a hash of its counts: the same counts always give the same pattern.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from quartier.residents.models import AgeBand, ConversationLanguage, HelpKind, ReferralOutcome
from quartier.stats import queries
from quartier.stats.suppression import Protected, protect_family

CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Family:
    name: str
    groups: dict  # group name → list of dimensions (lists of members)
    protected: Protected

    def shown(self, group: str, row: tuple, col: str):
        from quartier.stats.suppression import family_key

        return self.protected.shown(family_key(group, row, col))


def _cached(name: str, year: int, groups: dict, base: dict) -> Protected:
    digest = hashlib.sha256(repr((groups, sorted(_flat(base)))).encode()).hexdigest()[:32]
    key = f"stats:family:{name}:{year}:{digest}"
    marks = cache.get(key)
    if marks is not None:
        from quartier.stats.suppression import family_counts

        return Protected(counts=family_counts(year, groups, base), marks=marks)
    protected = protect_family(year, groups, base)
    cache.set(key, protected.marks, CACHE_SECONDS)
    return protected


def _flat(base: dict) -> list:
    return [
        (group, repr(key), value) for group, cells in base.items() for key, value in cells.items()
    ]


def _keys_present(base: dict, position: int) -> list:
    return sorted({row[position] for row, _month in base}, key=str)


def contacts(year: int) -> Family:
    quarters = sorted(queries.quarter_names())
    base = {
        "age": queries.contacts_monthly(year, ["quarter_id", "age_band"]),
        "language": queries.contacts_monthly(year, ["quarter_id", "language"]),
    }
    groups = {
        "age": [quarters, AgeBand.values],
        "language": [quarters, ConversationLanguage.values],
    }
    return Family("contacts", groups, _cached("contacts", year, groups, base))


def mentions(year: int) -> Family:
    raw = queries.topic_mentions_monthly(year)
    topics = sorted(queries.topic_names())
    base = {"topic": {(row, month): n for (row, month), n in raw.items() if row[0] in topics}}
    groups = {"topic": [topics, AgeBand.values]}
    return Family("mentions", groups, _cached("mentions", year, groups, base))


def referrals(year: int) -> Family:
    base = {"referral": queries.referrals_monthly(year)}
    entries = _keys_present(base["referral"], 0)
    groups = {"referral": [entries, ReferralOutcome.values]}
    return Family("referrals", groups, _cached("referrals", year, groups, base))


def help_done(year: int) -> Family:
    quarters = sorted(queries.quarter_names())
    raw = queries.help_done_monthly(year)
    base = {"help": {(row, month): n for (row, month), n in raw.items() if row[0] in quarters}}
    groups = {"help": [quarters, HelpKind.values]}
    return Family("help", groups, _cached("help", year, groups, base))
