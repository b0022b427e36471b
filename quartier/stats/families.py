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
stored under a digest of its counts (`ProtectedFamily`): the same counts always give the same
pattern, and it is computed again only after a count changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from contextvars import ContextVar
from dataclasses import dataclass

from quartier.residents.models import AgeBand, ConversationLanguage, HelpKind, ReferralOutcome
from quartier.stats import queries
from quartier.stats.models import ProtectedFamily
from quartier.stats.suppression import Protected, protect_family

# Families already built in this request or build (see `reuse`).
_memo: ContextVar[dict | None] = ContextVar("stats_families", default=None)


@contextlib.contextmanager
def reuse():
    """Build each family once while this block runs (one page shows the same family in
    several tables; within one snapshot it cannot change)."""
    if _memo.get() is not None:  # already inside such a block
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _once(build):
    @functools.wraps(build)
    def wrapper(year: int):
        memo = _memo.get()
        if memo is None:
            return build(year)
        key = (build.__name__, year)
        if key not in memo:
            memo[key] = build(year)
        return memo[key]

    return wrapper


@dataclass(frozen=True)
class Family:
    name: str
    groups: dict  # group name → list of dimensions (lists of members)
    protected: Protected

    def shown(self, group: str, row: tuple, col: str):
        from quartier.stats.suppression import family_key

        return self.protected.shown(family_key(group, row, col))


def _cached(name: str, year: int, groups: dict, base: dict) -> Protected:
    """The protection of these counts: stored in the database under a digest of the counts,
    computed again only when a count changed."""
    from quartier.stats.suppression import Mark, family_counts

    digest = hashlib.sha256(repr((groups, sorted(_flat(base)))).encode()).hexdigest()
    stored = ProtectedFamily.objects.filter(name=name, year=year, digest=digest)
    marks = stored.values_list("marks", flat=True).first()
    if marks is not None:
        found = {tuple(key): Mark(mark) for key, mark in marks}
        return Protected(counts=family_counts(year, groups, base), marks=found)
    protected = protect_family(year, groups, base)
    marks = [[list(key), str(mark)] for key, mark in protected.marks.items()]
    row = ProtectedFamily(name=name, year=year, digest=digest, marks=marks)
    ProtectedFamily.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["name", "year"],
        update_fields=["digest", "marks", "computed_at"],
    )
    return protected


def _flat(base: dict) -> list:
    return [
        (group, repr(key), value) for group, cells in base.items() for key, value in cells.items()
    ]


def _keys_present(base: dict, position: int) -> list:
    return sorted({row[position] for row, _month in base}, key=str)


@_once
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


@_once
def mentions(year: int) -> Family:
    raw = queries.topic_mentions_monthly(year)
    topics = sorted(queries.topic_names())
    base = {"topic": {(row, month): n for (row, month), n in raw.items() if row[0] in topics}}
    groups = {"topic": [topics, AgeBand.values]}
    return Family("mentions", groups, _cached("mentions", year, groups, base))


@_once
def referrals(year: int) -> Family:
    base = {"referral": queries.referrals_monthly(year)}
    entries = _keys_present(base["referral"], 0)
    groups = {"referral": [entries, ReferralOutcome.values]}
    return Family("referrals", groups, _cached("referrals", year, groups, base))


@_once
def help_done(year: int) -> Family:
    quarters = sorted(queries.quarter_names())
    raw = queries.help_done_monthly(year)
    base = {"help": {(row, month): n for (row, month), n in raw.items() if row[0] in quarters}}
    groups = {"help": [quarters, HelpKind.values]}
    return Family("help", groups, _cached("help", year, groups, base))
