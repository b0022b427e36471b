"""The report's life: which status may follow which. Checked in one place,
`reports.actions.record_status`, under a row lock; every change is a history row.

The table (documented in docs/reports-coordinator.md) by who acts:

- forwarding (coordinator or routing rule) needs an open report; forwarding again re-routes;
- a partner's answer (link, phone, e-mail, Open311) says acknowledged / resolved / not
  responsible while the report is with partners (new, forwarded, acknowledged, reopened);
  after "not responsible" the coordinators decide (forward again, merge, close);
- coordinators close (open or done reports) and merge duplicates (any report not merged yet);
- a done report (resolved, resolved by the helper, closed) is reopened: by the coordinators,
  by a helper who finds the problem again, by the result check on site, by a partner system;
- a duplicate stays a duplicate: confirmations go to the report it was merged into.

Keeping the status (X -> X) is always allowed: a partner's comment is recorded as a history
row without a change. NEW and RESOLVED_BY_HELPER are only ever a report's first status.
"""

from __future__ import annotations

from quartier.reports.errors import ReportError
from quartier.reports.models import ReportStatus

S = ReportStatus

# A partner's answer (routing's partner page, phone answers, Open311 updates).
PARTNER_ANSWERS = frozenset({S.ACKNOWLEDGED, S.RESOLVED, S.NOT_RESPONSIBLE})
# The coordinators' decisions on any report that is not a duplicate yet.
SETTLE = frozenset({S.DUPLICATE, S.CLOSED})
_WITH_PARTNERS = PARTNER_ANSWERS | SETTLE | {S.FORWARDED}
_DONE = frozenset({S.REOPENED, S.DUPLICATE, S.CLOSED})

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: _WITH_PARTNERS,
    S.FORWARDED: _WITH_PARTNERS,
    S.ACKNOWLEDGED: _WITH_PARTNERS,
    S.REOPENED: _WITH_PARTNERS,
    S.NOT_RESPONSIBLE: SETTLE | {S.FORWARDED},
    S.RESOLVED: _DONE,
    S.RESOLVED_BY_HELPER: _DONE,
    S.CLOSED: frozenset({S.REOPENED, S.DUPLICATE}),
    S.DUPLICATE: frozenset(),
}
INITIAL = frozenset({S.NEW, S.RESOLVED_BY_HELPER})


class TransitionError(ReportError):
    """A status change the table does not allow; the message is shown (German)."""


def allowed(current: str, new: str) -> bool:
    return new == current or new in TRANSITIONS.get(current, frozenset())


def check(current: str, new: str) -> None:
    if not allowed(current, new):
        raise TransitionError(
            f"Statuswechsel von „{S(current).label}“ zu „{S(new).label}“ ist nicht vorgesehen."
        )
