"""A partner's Open311 status, applied to our report (POSTed to us or polled from them).

When the partner has a forwarding for the report, the status becomes a partner answer
(`routing.actions.record_partner_answer`: forwarding, report history, notifications). Without
one, it is recorded on the report (`reports.actions.record_status`).

Idempotent: the partner's update id is stored with the answer (or in the history row's actor
label), so a replayed update (a retried POST, an overlapping poll window) changes nothing.
"""

from __future__ import annotations

import logging

from quartier.open311.formats import Open311Error
from quartier.open311.statuses import ANSWER_KINDS, INBOUND
from quartier.reports.actions import record_status
from quartier.reports.models import Report
from quartier.reports.transitions import TransitionError
from quartier.routing.actions import RoutingError, record_partner_answer
from quartier.routing.models import AnswerChannel, AnswerKind, Forwarding, ForwardingStatus
from quartier.routing.statuses import mysociety_status

log = logging.getLogger(__name__)


def history_label(label: str, external_id: str) -> str:
    return f"{label} (Update {external_id})"[:150] if external_id else label[:150]


def current_forwarding(report: Report, authority) -> Forwarding | None:
    """The partner's forwarding of the report: the live one, else the latest withdrawn one
    (so a late status from the partner goes to routing's rules, not onto the report)."""
    if authority is None:
        return None
    forwardings = Forwarding.objects.filter(report=report, authority=authority)
    live = forwardings.exclude(status=ForwardingStatus.SUPERSEDED)
    return live.order_by("-created_at", "-id").first() or forwardings.order_by("-id").first()


def _known_answer_id(forwarding: Forwarding) -> str:
    last = forwarding.answers.order_by("-id").first()
    return f"answer-{last.pk}" if last else f"forwarding-{forwarding.pk}"


def answer_forwarding(
    *,
    forwarding: Forwarding,
    status: str,
    note: str = "",
    external_id: str = "",
    external: dict | None = None,
) -> str:
    """The partner's status as an answer to its forwarding; returns the answer's id.

    A status the forwarding no longer takes (IN_PROGRESS after OPEN, anything after FIXED)
    changes nothing; the id of the last answer is returned.
    """
    kind = ANSWER_KINDS.get(status, AnswerKind.COMMENT)
    comment = note if kind != AnswerKind.COMMENT else f"Status beim Partner: {status}. {note}"
    try:
        answer = record_partner_answer(
            forwarding=forwarding,
            kind=kind,
            comment=comment.strip(),
            channel=AnswerChannel.OPEN311,
            external_id=external_id,
            external=external,
        )
    except RoutingError:  # includes AnswerAlreadyRecorded
        log.info("forwarding %s: Open311 status %s changes nothing", forwarding.pk, status)
        return _known_answer_id(forwarding)
    return f"answer-{answer.pk}"


def apply_partner_status(
    *,
    report: Report,
    status: str,
    partner=None,
    label: str,
    note: str = "",
    external_id: str = "",
    external: dict | None = None,
) -> str:
    """Record extended `status` (a key of INBOUND) from a partner; returns our update id.

    `external` (what a partner system sent through Open311) is kept on the history row."""
    forwarding = current_forwarding(report, partner)
    if forwarding is not None:
        return answer_forwarding(
            forwarding=forwarding,
            status=status,
            note=note,
            external_id=external_id,
            external=external,
        )
    actor_label = history_label(label, external_id)
    if external_id:
        seen = report.history.filter(actor_label=actor_label).order_by("id").first()
        if seen is not None:
            return str(seen.pk)
    try:
        change = record_status(
            report=report,
            status=INBOUND[status],
            actor_label=actor_label,
            note=note,
            external=external,
        )
    except TransitionError:
        current = Report.objects.values_list("status", flat=True).get(pk=report.pk)
        raise Open311Error(
            400, f"status {status} cannot follow the request's status {mysociety_status(current)}."
        ) from None
    return str(change.pk)
