"""Forms of the coordinator side: the filters shared by inbox, list and map, and the actions
on one report (category, merge, close)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.areas.models import Quarter
from quartier.core.widgets import IsoDateInput, QuickSelect
from quartier.reports.models import ReportCategory, ReportSource, ReportStatus

STATUS_FILTER_CHOICES = [
    ("", _("Alle")),
    ("open", _("Alle offenen")),
    ("closed", _("Alle abgeschlossenen")),
    *ReportStatus.choices,
]


def categories_grouped(queryset=None):
    """Categories with each top-level category followed by its sub-categories."""
    queryset = ReportCategory.objects.all() if queryset is None else queryset
    return queryset.select_related("parent").order_by(
        Coalesce("parent__order", "order"),
        Coalesce("parent__name", "name"),
        F("parent").asc(nulls_first=True),
        "order",
        "name",
    )


class ReportFilterForm(forms.Form):
    """GET filters. Invalid values give a field error and are left out of the query."""

    suche = forms.CharField(
        label=_("Suche in Beschreibung und Adresse"),
        required=False,
        max_length=200,
        help_text=_("#123 findet die Meldung mit dieser Nummer."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_FILTER_CHOICES, required=False, widget=QuickSelect()
    )
    kategorie = forms.ModelChoiceField(
        label=_("Kategorie"),
        queryset=categories_grouped(),
        required=False,
        empty_label=_("Alle Kategorien"),
        widget=QuickSelect(),
    )
    quartier = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quarter.objects.only("id", "name"),
        required=False,
        empty_label=_("Alle Quartiere"),
        widget=QuickSelect(),
    )
    quelle = forms.ChoiceField(
        label=_("Quelle"),
        choices=[("", _("Alle Quellen")), *ReportSource.choices],
        required=False,
        widget=QuickSelect(),
    )
    von = forms.DateField(label=_("Gemeldet ab"), required=False, widget=IsoDateInput())
    bis = forms.DateField(label=_("Gemeldet bis"), required=False, widget=IsoDateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("von"), data.get("bis")
        if start and end and start > end:
            self.add_error("bis", _("Das Enddatum liegt vor dem Anfangsdatum."))
            data.pop("bis", None)
        return data

    def filter(self, reports):
        """Apply every valid filter to `reports` (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        if data.get("status"):
            reports = reports.with_status(data["status"], walking=bool(data.get("suche")))
        if data.get("kategorie"):
            reports = reports.in_category(data["kategorie"])
        if data.get("quartier"):
            reports = reports.in_quarter(data["quartier"])
        if data.get("quelle"):
            reports = reports.filter(source=data["quelle"])
        reports = reports.created_between(_day_start(data.get("von")), _day_end(data.get("bis")))
        if data.get("suche"):
            reports = reports.search(data["suche"])
        return reports


def _day_start(day: dt.date | None):
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _day_end(day: dt.date | None):
    return None if day is None else _day_start(day + dt.timedelta(days=1))


class CategoryForm(forms.Form):
    kategorie = forms.ModelChoiceField(
        label=_("Neue Kategorie"),
        queryset=categories_grouped(ReportCategory.objects.filter(is_active=True)),
    )


class MergeForm(forms.Form):
    ziel = forms.IntegerField(
        label=_("Nummer der ursprünglichen Meldung"),
        min_value=1,
        help_text=_("Diese Meldung wird als doppelt markiert und der anderen zugeordnet."),
        error_messages={"required": _("Bitte geben Sie die Nummer der Meldung an.")},
    )


class CloseForm(forms.Form):
    grund = forms.CharField(
        label=_("Grund für den Abschluss"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte geben Sie einen Grund für den Abschluss an.")},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Interne Notiz"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur für die Koordination; Partner und Helfer*innen sehen sie nie."),
        error_messages={"required": _("Bitte schreiben Sie eine Notiz.")},
    )


class AssignForm(forms.Form):
    """Assign to a colleague or to a helper of the report's quarter ("Nachkontrolle")."""

    person = forms.ModelChoiceField(
        queryset=None,
        label=_("Zuweisen an"),
        required=False,
        empty_label=_("niemand (Zuweisung aufheben)"),
    )
    note = forms.CharField(label=_("Auftrag (optional)"), max_length=300, required=False)

    def __init__(self, *args, report, **kwargs):
        from quartier.accounts.models import Role, User

        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True).filter(
            models.Q(role=Role.COORDINATOR) | models.Q(role=Role.HELPER, quarters=report.quarter_id)
        )
        self.fields["person"].queryset = people.distinct().order_by("role", "first_name")
        self.fields["person"].label_from_instance = _person_label


def _person_label(user) -> str:
    return f"{user.get_full_name() or user.get_username()} ({user.get_role_display()})"


BULK_ACTIONS = [
    ("close", _("Abschließen (mit Grund)")),
    ("merge", _("Als doppelt zuordnen zu Meldung Nr.")),
]


class BulkForm(forms.Form):
    """Several reports at once from the inbox table (checkboxes named "meldung")."""

    aktion = forms.ChoiceField(label=_("Was soll geschehen?"), choices=BULK_ACTIONS)
    grund = forms.CharField(label=_("Grund für den Abschluss"), max_length=300, required=False)
    ziel = forms.IntegerField(label=_("Nummer der ursprünglichen Meldung"), required=False)

    MAX_SELECTED = 100

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports = reports
        self.selected: list = []

    def clean(self):
        data = super().clean()
        raw = self.data.getlist("meldung") if hasattr(self.data, "getlist") else []
        ids = {int(value) for value in raw if str(value).isdigit()}
        if not ids:
            raise forms.ValidationError(_("Bitte wählen Sie mindestens eine Meldung aus."))
        if len(ids) > self.MAX_SELECTED:
            raise forms.ValidationError(_("Höchstens 100 Meldungen auf einmal."))
        self.selected = list(self.reports.filter(pk__in=ids).order_by("pk"))
        if data.get("aktion") == "close" and not (data.get("grund") or "").strip():
            self.add_error("grund", _("Bitte geben Sie einen Grund für den Abschluss an."))
        if data.get("aktion") == "merge" and not data.get("ziel"):
            self.add_error("ziel", _("Bitte geben Sie die Nummer der Meldung an."))
        return data
