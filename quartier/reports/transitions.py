"""The report's life: which status may follow which. Checked in one place,
`reports.actions.record_status`, under a row lock; every change is a history row.

Keeping the status (X -> X) is always allowed: a partner's comment on a closed report is
recorded without changing it. NEW and RESOLVED_BY_HELPER are only ever a report's first
status. A partner system may revise its own answer on a report it worked on (Open311
updates), so answers reach done reports too; forwarding needs an open report.
"""

from __future__ import annotations

from quartier.reports.models import OPEN_STATUSES, ReportStatus

S = ReportStatus

# What a partner's answer or a partner system's update can set (routing, open311).
PARTNER_STATUSES = frozenset(
    {S.ACKNOWLEDGED, S.RESOLVED, S.NOT_RESPONSIBLE, S.DUPLICATE, S.CLOSED, S.REOPENED}
)
# What staff do: close (with a reason), merge as a duplicate, reopen a done report.
_FROM_OPEN = PARTNER_STATUSES | {S.FORWARDED}
_FROM_DONE = PARTNER_STATUSES

TRANSITIONS: dict[str, frozenset[str]] = {
    **{status: _FROM_OPEN for status in OPEN_STATUSES},
    S.RESOLVED: _FROM_DONE,
    S.RESOLVED_BY_HELPER: _FROM_DONE,
    S.CLOSED: _FROM_DONE,
    S.DUPLICATE: _FROM_DONE - {S.DUPLICATE},
}
INITIAL = frozenset({S.NEW, S.RESOLVED_BY_HELPER})


class TransitionError(ValueError):
    """A status change the table does not allow; the message is shown (German)."""


def allowed(current: str, new: str) -> bool:
    return new == current or new in TRANSITIONS.get(current, frozenset())


def check(current: str, new: str) -> None:
    if not allowed(current, new):
        raise TransitionError(
            f"Statuswechsel von „{S(current).label}“ zu „{S(new).label}“ ist nicht vorgesehen."
        )
