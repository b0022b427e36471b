"""The audit log page for privacy officers: German sentences, filters, CSV export.

Filters: the account (person who acted), the action, the kind of object and its number, and a
period. The CSV holds exactly what the page shows (no content, like the log itself).
"""

from __future__ import annotations

import csv
import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core import actions, logdisplay, registry
from quartier.core.decorators import require
from quartier.core.models import AuditEntry
from quartier.core.widgets import IsoDateInput

CSV_LIMIT = 50_000


class AuditFilterForm(forms.Form):
    konto = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Person (Konto)"), required=False,
        empty_label=gettext_lazy("alle"),
    )  # fmt: skip
    aktion = forms.ChoiceField(label=gettext_lazy("Aktion"), required=False)
    objekt = forms.ChoiceField(label=gettext_lazy("Art des Objekts"), required=False)
    nummer = forms.CharField(
        label=gettext_lazy("Nummer des Objekts"), required=False, max_length=64
    )
    von = forms.DateField(label=gettext_lazy("von"), required=False, widget=IsoDateInput())
    bis = forms.DateField(label=gettext_lazy("bis"), required=False, widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["konto"].queryset = get_user_model().objects.order_by("username")
        self.fields["aktion"].choices = [("", _("alle"))] + logdisplay.action_choices()
        self.fields["objekt"].choices = [("", _("alle"))] + logdisplay.object_choices()

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("bis") and data["von"] > data["bis"]:
            self.add_error("bis", _("Das Ende liegt vor dem Anfang."))
        return data

    def filter(self, entries):
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["konto"]:
            entries = entries.filter(actor=data["konto"])
        if data["aktion"]:
            entries = entries.filter(action__startswith=data["aktion"])
        if data["objekt"]:
            entries = entries.filter(object_type=data["objekt"])
        if data["nummer"].strip():
            entries = entries.filter(object_id=data["nummer"].strip())
        return _in_period(entries, data["von"], data["bis"])


def _in_period(entries, start: dt.date | None, end: dt.date | None):
    if start:
        entries = entries.filter(created_at__gte=_midnight(start))
    if end:
        entries = entries.filter(created_at__lt=_midnight(end + dt.timedelta(days=1)))
    return entries


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _rows(entries):
    vocabulary, labels = logdisplay.texts(), logdisplay.object_labels()
    for entry in entries:
        yield entry, logdisplay.describe(entry, vocabulary, labels)


@require(registry.permission("view_audit_log"))
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor")
    entries = form.filter(entries) if form.is_bound else entries
    if request.GET.get("format") == "csv" and (not form.is_bound or form.is_valid()):
        return _csv(request, entries)
    page_obj = Paginator(entries, 50).get_page(request.GET.get("seite"))
    actions.audit_log_viewed(actor=request.user)
    query = request.GET.copy()
    query.pop("seite", None)
    query.pop("format", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": list(_rows(page_obj.object_list)),
        "query": query.urlencode(),
    }
    return render(request, "core/audit_log.html", context)


def _csv(request, entries):
    entries = entries[:CSV_LIMIT]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="protokoll.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with umlauts correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Zeitpunkt"), _("Wer"), _("Was"), _("Aktion (Code)"), _("Objekt")])
    count = 0
    for entry, sentence in _rows(entries.iterator()):
        when = timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S")
        thing = f"{entry.object_type} {entry.object_id}".strip()
        writer.writerow([when, sentence.who, sentence.what, entry.action, thing])
        count += 1
    actions.audit_log_exported(actor=request.user, count=count)
    return response
