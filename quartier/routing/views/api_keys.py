"""Administration of Open311 API keys: issue (shown once), revoke, see when a key was last used.

"Last use" is the newest report that came in with the key (reports keep the client's number).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core.confirm import confirmation_page, needs_confirmation
from quartier.reports.models import Report
from quartier.routing.actions import ApiKeyError, issue_api_key, revoke_api_key
from quartier.routing.models import ApiClient, Authority


class IssueForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name des Partnersystems"), max_length=160)
    authority = forms.ModelChoiceField(
        queryset=Authority.objects.filter(is_active=True),
        label=gettext_lazy("Gehört zu Partner (optional)"),
        required=False,
        empty_label=gettext_lazy("keinem"),
    )


def _clients():
    last_report = (
        Report.objects.filter(api_client_ref=OuterRef("pk"))
        .values("api_client_ref")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    return (
        ApiClient.objects.select_related("authority")
        .annotate(last_used=Subquery(last_report))
        .order_by("-is_active", "name")
    )


@never_cache
@require(perms.can_administer)
def api_keys(request):
    form = IssueForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            client, new_key = issue_api_key(actor=request.user, **form.cleaned_data)
        except ApiKeyError as exc:
            form.add_error("name", str(exc))
        else:
            form = IssueForm()
            messages.success(request, _("Zugang für „%(name)s“ ausgestellt.") % {"name": client})
    return render(
        request, "routing/api_keys.html", {"clients": _clients(), "form": form, "new_key": new_key}
    )


@require_POST
@require(perms.can_administer)
def api_key_revoke(request, pk):
    client = get_object_or_404(ApiClient, pk=pk, is_active=True)
    if needs_confirmation(request):
        return confirmation_page(
            request,
            title=_("Zugang „%(name)s“ sperren?") % {"name": client.name},
            consequences=[
                _("Das Partnersystem kann ab sofort keine Meldungen mehr senden oder abrufen."),
                _("Der Eintrag bleibt mit Datum der Sperrung erhalten."),
            ],
            confirm_label=_("Ja, sperren"),
            cancel_url=reverse("routing_admin:api_keys"),
            undo_hint=_(
                "Eine Sperre lässt sich nicht aufheben; bei Bedarf einen neuen Zugang ausstellen."
            ),
        )
    revoke_api_key(actor=request.user, client=client)
    messages.success(request, _("Zugang „%(name)s“ gesperrt.") % {"name": client.name})
    return redirect("routing_admin:api_keys")
