"""Where the weekly meeting's agenda comes from: proposals, each with a stable key and a title
without personal data. Other apps add sources through `registry.add("agenda_source", ...)`
(residents proposes pseudonymised help requests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core import registry
from quartier.operations.models import (
    ActionItem,
    AgendaItem,
    Hotspot,
    ItemKind,
    ReportMeetingFlag,
)
from quartier.reports.models import Report
from quartier.routing.models import Forwarding

DERELICT_CATEGORY = "problemimmobilie"


def overdue_days() -> int:
    """Forwardings overdue by more than this many days go on the agenda."""
    return settings.MEETING_OVERDUE_DAYS


@dataclass(frozen=True)
class Proposal:
    kind: str
    key: str
    title: str
    report: Report | None = None
    hotspot: Hotspot | None = None
    action_item: ActionItem | None = None


def report_title(report: Report) -> str:
    """What a report is, without its description (it may name people)."""
    where = report.quarter.name if report.quarter_id else _("außerhalb der Quartiere")
    address = f" ({report.address})" if report.address else ""
    return _("Meldung #%(pk)s: %(category)s, %(where)s%(address)s") % {
        "pk": report.pk,
        "category": report.category.name,
        "where": where,
        "address": address,
    }


def _flagged_reports() -> list[Proposal]:
    flags = ReportMeetingFlag.objects.select_related("report__category", "report__quarter")
    return [
        Proposal(ItemKind.REPORT, f"report:{f.report_id}", report_title(f.report), report=f.report)
        for f in flags
    ]


def _derelict_reports() -> list[Proposal]:
    found = (
        Report.objects.open()
        .filter(Q(category__code=DERELICT_CATEGORY) | Q(category__parent__code=DERELICT_CATEGORY))
        .select_related("category", "quarter")
    )
    return [Proposal(ItemKind.DERELICT, f"report:{r.pk}", report_title(r), report=r) for r in found]


def _overdue_forwardings(today: dt.date) -> list[Proposal]:
    limit = today - dt.timedelta(days=overdue_days())
    forwardings = Forwarding.objects.overdue(limit).select_related(
        "authority", "report__category", "report__quarter"
    )
    return [
        Proposal(
            ItemKind.FORWARDING,
            f"forwarding:{f.pk}",
            _("%(report)s – bei %(authority)s überfällig seit %(due)s")
            % {
                "report": report_title(f.report),
                "authority": f.authority.name,
                "due": f"{f.due_date:%d.%m.%Y}",
            },
            report=f.report,
        )
        for f in forwardings
    ]


def _new_hotspots() -> list[Proposal]:
    hotspots = Hotspot.objects.active().select_related("category", "quarter")
    return [
        Proposal(ItemKind.HOTSPOT, f"hotspot:{h.pk}", hotspot_title(h), hotspot=h) for h in hotspots
    ]


def hotspot_title(hotspot: Hotspot) -> str:
    where = hotspot.quarter.name if hotspot.quarter_id else ""
    return _("Hotspot: %(category)s, %(where)s %(address)s – %(n)s Meldungen") % {
        "category": hotspot.category.name,
        "where": where,
        "address": hotspot.address,
        "n": hotspot.links.count(),
    }


def _open_action_items(meeting) -> list[Proposal]:
    open_items = ActionItem.objects.filter(
        done_at__isnull=True, meeting__held_on__lt=meeting.held_on
    ).select_related("owner")
    return [
        Proposal(
            ItemKind.ACTION,
            f"action:{a.pk}",
            _("Offene Aufgabe: %(text)s (fällig %(due)s)")
            % {"text": a.text, "due": f"{a.due_on:%d.%m.%Y}"},
            action_item=a,
        )
        for a in open_items
    ]


def _contributed() -> list[Proposal]:
    found = []
    for source in registry.contributions("agenda_source"):
        found += [Proposal(source.kind, e.key, e.title) for e in source.entries()]
    return found


def proposals(meeting) -> list[Proposal]:
    """Everything that should be on `meeting`'s agenda and is not there yet.

    Flags, hotspots, overdue forwardings, derelict properties and contributed items come once
    (not again if an earlier meeting had them); open action items come every week until done.
    """
    today = timezone.localdate()
    once = (
        _flagged_reports()
        + _derelict_reports()
        + _overdue_forwardings(today)
        + _new_hotspots()
        + _contributed()
    )
    seen_before = set(
        AgendaItem.objects.exclude(meeting=meeting)
        .exclude(source_key="")
        .filter(meeting__held_on__lte=meeting.held_on)
        .values_list("source_key", flat=True)
    )
    here = set(meeting.items.values_list("source_key", flat=True))
    result, keys = [], set()
    for proposal in once:
        if proposal.key not in seen_before | here | keys:
            result.append(proposal)
            keys.add(proposal.key)
    result += [p for p in _open_action_items(meeting) if p.key not in here]
    return result


def removed_keys(items) -> set[str]:
    """Keys of agenda items whose record no longer exists (removed by retention)."""
    removed = set()
    for item in items:
        if item.kind in (ItemKind.REPORT, ItemKind.DERELICT, ItemKind.FORWARDING):
            if item.report_id is None:
                removed.add(item.source_key)
        elif item.kind == ItemKind.HOTSPOT and item.hotspot_id is None:
            removed.add(item.source_key)
    for source in registry.contributions("agenda_source"):
        keys = [i.source_key for i in items if i.kind == source.kind]
        if keys:
            removed |= set(keys) - source.existing(keys)
    return removed
