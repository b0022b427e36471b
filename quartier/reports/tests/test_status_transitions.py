"""One state machine: record_status checks the transition table and writes a history row."""

import pytest

from quartier.reports import transitions
from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus
from quartier.reports.transitions import TransitionError
from testkit.factories import categories, make_report

S = ReportStatus

# The table of docs/reports-coordinator.md, written out: row = current status, column = new
# status ("x" allowed, "." refused). Column order as in ROWS.
ROWS = [
    S.NEW,
    S.FORWARDED,
    S.ACKNOWLEDGED,
    S.REOPENED,
    S.NOT_RESPONSIBLE,
    S.RESOLVED,
    S.RESOLVED_BY_HELPER,
    S.CLOSED,
    S.DUPLICATE,
]
TABLE = """
new                 x x x . x x . x x
forwarded           . x x . x x . x x
acknowledged        . x x . x x . x x
reopened            . x x x x x . x x
not_responsible     . x . . x . . x x
resolved            . . . x . x . x x
resolved_by_helper  . . . x . . x x x
closed              . . . x . . . x x
duplicate           . . . . . . . . x
"""


def expected() -> dict[tuple[str, str], bool]:
    table = {}
    for line in TABLE.strip().splitlines():
        current, *marks = line.split()
        assert len(marks) == len(ROWS)
        for new, mark in zip(ROWS, marks, strict=True):
            table[(current, new)] = mark == "x"
    return table


PAIRS = sorted(expected().items())


@pytest.fixture
def report(helper):
    return make_report(helper, categories()["abfall-wilder-muell"])


def test_every_change_is_checked_and_becomes_a_history_row(report, coordinator):
    before = report.history.count()
    record_status(report=report, status=S.ACKNOWLEDGED, actor=coordinator, note="übernommen")
    record_status(report=report, status=S.CLOSED, actor=coordinator, note="erledigt")
    report.refresh_from_db()
    assert report.status == S.CLOSED
    assert list(report.history.values_list("status", flat=True))[before:] == [
        S.ACKNOWLEDGED,
        S.CLOSED,
    ]


@pytest.mark.parametrize(
    ("start", "refused"),
    [
        (S.CLOSED, S.FORWARDED),  # a closed report is reopened before it is forwarded again
        (S.RESOLVED, S.NEW),  # NEW is only ever the first status
        (S.FORWARDED, S.RESOLVED_BY_HELPER),  # only when the helper fixed it on the spot
    ],
)
def test_a_change_the_table_does_not_allow_is_refused_and_leaves_no_trace(
    report, coordinator, start, refused
):
    report.status = start
    report.save(update_fields=["status"])
    rows = report.history.count()
    with pytest.raises(TransitionError, match="nicht vorgesehen"):
        record_status(report=report, status=refused, actor=coordinator)
    report.refresh_from_db()
    assert report.status == start
    assert report.history.count() == rows


def test_the_check_uses_the_stored_status_not_a_stale_copy(report, coordinator):
    stale = type(report).objects.get(pk=report.pk)
    record_status(report=report, status=S.CLOSED, actor=coordinator, note="erledigt")
    with pytest.raises(TransitionError):
        record_status(report=stale, status=S.FORWARDED, actor=coordinator)


def test_keeping_the_status_is_always_allowed():
    for status in S.values:
        assert transitions.allowed(status, status)
    assert not any(transitions.allowed(status, S.NEW) for status in S.values if status != S.NEW)


def test_the_table_covers_every_status():
    assert set(ROWS) == set(S.values)
    assert {current for current, _ in expected()} == set(S.values)


@pytest.mark.parametrize(("pair", "is_allowed"), PAIRS, ids=[f"{a}->{b}" for (a, b), _ in PAIRS])
def test_every_pair_of_statuses_is_allowed_or_refused_as_the_table_says(
    report, coordinator, pair, is_allowed
):
    current, new = pair
    type(report).objects.filter(pk=report.pk).update(status=current)
    rows = report.history.count()
    if is_allowed:
        change = record_status(report=report, status=new, actor=coordinator)
        assert change.status == new
        assert report.history.count() == rows + 1
    else:
        with pytest.raises(TransitionError, match="nicht vorgesehen"):
            record_status(report=report, status=new, actor=coordinator)
        assert report.history.count() == rows
    report.refresh_from_db()
    assert report.status == (new if is_allowed else current)


def test_a_refused_change_can_be_kept_as_history_instead(report, coordinator):
    """A partner's late answer: kept in the history, the report keeps its status."""
    type(report).objects.filter(pk=report.pk).update(status=S.CLOSED)
    change = record_status(
        report=report, status=S.ACKNOWLEDGED, keep_if_refused=True, note="Wir kümmern uns."
    )
    assert change.status == S.CLOSED and change.note == "Wir kümmern uns."
    report.refresh_from_db()
    assert report.status == S.CLOSED


def test_no_status_keeps_the_stored_one_even_when_the_copy_is_stale(report, coordinator):
    stale = type(report).objects.get(pk=report.pk)
    record_status(report=report, status=S.ACKNOWLEDGED, actor=coordinator)
    change = record_status(report=stale, status=None, note="Rückruf vereinbart")
    assert change.status == S.ACKNOWLEDGED
    stale.refresh_from_db()
    assert stale.status == S.ACKNOWLEDGED
