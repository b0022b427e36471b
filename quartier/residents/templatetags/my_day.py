"""{% todays_help_requests %}: the helper's due help requests on her start page."""

from django import template
from django.utils import timezone

from quartier.accounts import permissions as perms
from quartier.residents import access

register = template.Library()


@register.inclusion_tag("residents/_help_request_list.html", takes_context=True)
def todays_help_requests(context):
    request = context["request"]
    today = timezone.localdate()
    if not perms.can_log_contacts(request.user):
        return {"help_requests": [], "today": today, "request": request}
    help_requests = list(access.help_requests_due_for(request.user, today))
    return {"help_requests": help_requests, "today": today, "request": request}
