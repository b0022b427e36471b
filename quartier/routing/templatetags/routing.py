"""`{% routing_panel report as panel %}` for routing/_report_panel.html and
`{% notifications_box %}` for the start pages."""

from django import template
from django.utils import timezone

from quartier.accounts import permissions as perms
from quartier.routing import access
from quartier.routing.models import Notification
from quartier.routing.rules import match_rule

register = template.Library()


@register.simple_tag(takes_context=True)
def routing_panel(context, report):
    user = context["request"].user
    manage = perms.can_manage_reports(user)
    forwardings = list(access.forwardings_for_report(user, report))
    return {
        "match": match_rule(report.category, report.quarter),
        "forwardings": forwardings,
        "can_forward": manage and report.is_open,
        "can_reopen": manage and not report.is_open,
        "can_manage": manage,
        "today": timezone.localdate(),
    }


@register.inclusion_tag("routing/_notifications.html", takes_context=True)
def notifications_box(context, limit=5):
    user = context["request"].user
    if not user.is_authenticated:
        return {"notifications": [], "unread": 0}
    unread = Notification.objects.filter(user=user).unread()
    return {"notifications": list(unread[:limit]), "unread": unread.count()}
