"""Writes of the operations app, by concern. Every function: keyword-only arguments, one
transaction, an audit entry; side effects (e-mail) on commit."""

from quartier.operations.actions.day import (
    check_result,
    end_duty,
    flag_report_for_meeting,
    start_duty,
)
from quartier.operations.actions.errors import OperationsError
from quartier.operations.actions.hotspots import (
    detect_hotspots,
    link_report_to_hotspots,
    resolve_hotspot,
    set_hotspot_rule,
)
from quartier.operations.actions.jobs import complete_small_job, log_small_job, plan_small_job
from quartier.operations.actions.meetings import (
    add_action_item,
    add_agenda_item,
    add_participant,
    build_agenda,
    complete_action_item,
    create_meeting,
    record_minutes,
    send_minutes,
)
from quartier.operations.actions.rota import (
    add_shift_exception,
    add_shift_pattern,
    end_shift_pattern,
    remove_shift_exception,
    renew_calendar_feed,
    set_opening_hours,
)

__all__ = [
    "OperationsError",
    "add_action_item",
    "add_agenda_item",
    "add_participant",
    "add_shift_exception",
    "add_shift_pattern",
    "build_agenda",
    "check_result",
    "complete_action_item",
    "complete_small_job",
    "create_meeting",
    "detect_hotspots",
    "end_duty",
    "end_shift_pattern",
    "flag_report_for_meeting",
    "link_report_to_hotspots",
    "log_small_job",
    "plan_small_job",
    "record_minutes",
    "remove_shift_exception",
    "renew_calendar_feed",
    "resolve_hotspot",
    "send_minutes",
    "set_hotspot_rule",
    "set_opening_hours",
    "start_duty",
]
