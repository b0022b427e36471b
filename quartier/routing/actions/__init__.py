"""Writes for routing, by concern: configuration (rules, authorities), forwarding (and
reopening), partner answers, deliveries (e-mail retries, reminders, summaries), in-app
notifications and Open311 API keys. Reads and pure helpers live in `routing/queries.py`.

Every write: keyword-only arguments, one transaction, an audit entry; e-mails and Open311
calls are queued in the same transaction (core/queue.py) and retried by the task
(routing/tasks.py); a delivery is claimed before it is sent, so a re-run never sends it twice.
All names stay importable from `quartier.routing.actions`.
"""

from quartier.routing.actions.answers import ALLOWED_ANSWERS, record_partner_answer
from quartier.routing.actions.api_keys import ApiKeyError, issue_api_key, revoke_api_key
from quartier.routing.actions.configuration import (
    delete_routing_rule,
    save_authority,
    save_routing_rule,
)
from quartier.routing.actions.deliveries import (
    claim_delivery,
    mark_reminder_sent,
    mark_summary_sent,
    queue_mail,
    record_delivery_failure,
    record_delivery_success,
    release_claims,
    retry_delivery,
)
from quartier.routing.actions.errors import AnswerAlreadyRecorded, RoutingError
from quartier.routing.actions.forwarding import (
    LINK_VALID_DAYS_AFTER_DEADLINE,
    REOPENABLE,
    forward_report,
    reopen_report,
    route_new_report,
    withdraw_forwardings,
)
from quartier.routing.actions.notifications import mark_notifications_read, notify

# Reads that used to live here; new code imports them from routing.queries.
from quartier.routing.queries import (
    coordinators_for,
    max_attempts,
    missing_required_attributes,
    report_link,
)

__all__ = [
    "ALLOWED_ANSWERS",
    "LINK_VALID_DAYS_AFTER_DEADLINE",
    "REOPENABLE",
    "AnswerAlreadyRecorded",
    "ApiKeyError",
    "RoutingError",
    "claim_delivery",
    "coordinators_for",
    "delete_routing_rule",
    "forward_report",
    "issue_api_key",
    "mark_notifications_read",
    "mark_reminder_sent",
    "mark_summary_sent",
    "max_attempts",
    "missing_required_attributes",
    "notify",
    "queue_mail",
    "record_delivery_failure",
    "record_delivery_success",
    "record_partner_answer",
    "release_claims",
    "reopen_report",
    "report_link",
    "retry_delivery",
    "revoke_api_key",
    "route_new_report",
    "save_authority",
    "save_routing_rule",
    "withdraw_forwardings",
]
