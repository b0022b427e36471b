"""Forms of the operations pages. Business checks live in the actions; their OperationsError
is put next to the field it names (`add_action_error`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Role, User
from quartier.areas.models import Base, Quarter
from quartier.core.forms import NamedEmptyChoices
from quartier.core.photos import MAX_UPLOAD_BYTES, PhotoError, clean_photo
from quartier.operations.models import (
    WEEKDAYS,
    ExceptionKind,
    JobKind,
)
from quartier.reports.models import ReportCategory
from quartier.routing.models import Authority

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def add_action_error(form: forms.Form, error) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class _HelperForm(NamedEmptyChoices, forms.Form):
    def __init__(self, *args, helpers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = helpers if helpers is not None else User.objects.none()


class ShiftPatternForm(_HelperForm):
    helper = PersonChoiceField(label=_("Quartiershelfer*in"), queryset=User.objects.none())
    weekday = forms.TypedChoiceField(label=_("Wochentag"), choices=WEEKDAYS, coerce=int)
    quarter = forms.ModelChoiceField(label=_("Quartier"), queryset=Quarter.objects.all())
    base = forms.ModelChoiceField(
        label=_("Stützpunkt"), queryset=Base.objects.all(), required=False
    )
    starts_at = forms.TimeField(label=_("Beginn"), widget=TIME)
    ends_at = forms.TimeField(label=_("Ende"), widget=TIME)
    valid_from = forms.DateField(label=_("gültig ab"), widget=DATE)
    valid_until = forms.DateField(label=_("gültig bis"), widget=DATE, required=False)


class ShiftExceptionForm(_HelperForm):
    helper = PersonChoiceField(label=_("Quartiershelfer*in"), queryset=User.objects.none())
    day = forms.DateField(label=_("Tag"), widget=DATE)
    kind = forms.ChoiceField(label=_("Art"), choices=ExceptionKind.choices)
    quarter = forms.ModelChoiceField(
        label=_("Quartier (nur Einzeldienst)"), queryset=Quarter.objects.all(), required=False
    )
    base = forms.ModelChoiceField(
        label=_("Stützpunkt (nur Einzeldienst)"), queryset=Base.objects.all(), required=False
    )
    starts_at = forms.TimeField(label=_("Beginn (nur Einzeldienst)"), widget=TIME, required=False)
    ends_at = forms.TimeField(label=_("Ende (nur Einzeldienst)"), widget=TIME, required=False)
    note = forms.CharField(label=_("Notiz"), max_length=200, required=False)


def cleaned_photo(upload):
    """A cleaned photo from an upload, or None; a bad file becomes a form error."""
    if not upload:
        return None
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(_("Das Foto ist zu groß (höchstens 15 MB)."))
    try:
        return clean_photo(upload.read())
    except PhotoError as error:
        raise forms.ValidationError(str(error)) from error


class _AmountsForm(NamedEmptyChoices, forms.Form):
    bags = forms.IntegerField(label=_("Säcke"), min_value=0, required=False)
    area_m2 = forms.IntegerField(label=_("Fläche (ca. m²)"), min_value=0, required=False)
    residents_joined = forms.IntegerField(
        label=_("Bewohner*innen dabei (Anzahl, keine Namen)"), min_value=0, initial=0
    )
    note = forms.CharField(label=_("Notiz (freiwillig)"), max_length=300, required=False)
    photo_before = forms.FileField(
        label=_("Foto vorher (freiwillig)"),
        required=False,
        help_text=_("Bitte keine Gesichter und keine Autokennzeichen fotografieren."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    photo_after = forms.FileField(
        label=_("Foto nachher (freiwillig)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def clean_photo_before(self):
        return cleaned_photo(self.cleaned_data.get("photo_before"))

    def clean_photo_after(self):
        return cleaned_photo(self.cleaned_data.get("photo_after"))

    def photos(self):
        return [
            (stage, self.cleaned_data[f"photo_{stage}"])
            for stage in ("before", "after")
            if self.cleaned_data.get(f"photo_{stage}")
        ]


class SmallJobForm(_AmountsForm):
    kind = forms.ChoiceField(label=_("Was wurde gemacht?"), choices=JobKind.choices)
    quarter = forms.ModelChoiceField(label=_("Quartier"), queryset=Quarter.objects.all())
    place = forms.CharField(label=_("Ort"), max_length=200)

    field_order = ["kind", "quarter", "place", "bags", "area_m2", "residents_joined", "note"]

    def __init__(self, *args, quarters=None, **kwargs):
        super().__init__(*args, **kwargs)
        if quarters is not None:
            self.fields["quarter"].queryset = quarters
            if quarters.count() == 1:
                self.fields["quarter"].initial = quarters.first()


class CompleteJobForm(_AmountsForm):
    pass


class PlanJobForm(NamedEmptyChoices, forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=JobKind.choices)
    quarter = forms.ModelChoiceField(label=_("Quartier"), queryset=Quarter.objects.all())
    place = forms.CharField(label=_("Ort"), max_length=200)
    planned_for = forms.DateField(label=_("Tag"), widget=DATE)
    planned_time = forms.TimeField(label=_("Uhrzeit"), widget=TIME, required=False)
    assignees = PeopleChoiceField(
        label=_("Wer?"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Notiz"), max_length=300, required=False)

    def __init__(self, *args, helpers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignees"].queryset = helpers if helpers is not None else User.objects.none()
        # Every person is checked by the action; an empty choice gives its clear message.
        self.fields["assignees"].required = False


class ResultCheckForm(forms.Form):
    is_done = forms.TypedChoiceField(
        label=_("Ist es wirklich erledigt?"),
        choices=[("1", _("Ja, erledigt")), ("0", _("Nein, noch nicht"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Notiz (freiwillig)"), max_length=300, required=False)
    photo = forms.FileField(
        label=_("Foto (freiwillig)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def clean_photo(self):
        return cleaned_photo(self.cleaned_data.get("photo"))


class HotspotRuleForm(NamedEmptyChoices, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Kategorie"), queryset=ReportCategory.objects.filter(is_active=True)
    )
    min_reports = forms.IntegerField(label=_("Mindestzahl Meldungen"), initial=3, min_value=0)
    radius_m = forms.IntegerField(label=_("Umkreis (m)"), initial=30, min_value=0)
    window_days = forms.IntegerField(label=_("Zeitraum (Tage)"), initial=60, min_value=0)
    suggestion = forms.CharField(label=_("Vorschlag"), max_length=300, required=False)
    authority = forms.ModelChoiceField(
        label=_("Vorgeschlagener Partner"), queryset=Authority.objects.all(), required=False
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    starts_at = forms.TimeField(label=_("Beginn"), widget=TIME, required=False)
    place = forms.CharField(label=_("Ort"), max_length=200, required=False)


class ParticipantForm(forms.Form):
    user = PersonChoiceField(
        label=_("Intern (Konto)"),
        required=False,
        queryset=User.objects.filter(
            is_active=True, role__in=[Role.HELPER, Role.COORDINATOR]
        ).order_by("first_name", "last_name"),
    )
    organisation = forms.CharField(label=_("Extern: Stelle"), max_length=160, required=False)
    name = forms.CharField(label=_("Extern: Name"), max_length=160, required=False)
    email = forms.EmailField(label=_("Extern: E-Mail"), required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Weiteres Thema"),
        max_length=300,
        help_text=_("Bitte ohne Namen von Bewohner*innen."),
    )


class MinutesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notizen (intern)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.CharField(
        label=_("Beschluss (geht auch an Externe)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("Aufgabe"), max_length=300)
    owner = PersonChoiceField(
        label=_("Verantwortlich"),
        required=False,
        queryset=User.objects.filter(
            is_active=True, role__in=[Role.HELPER, Role.COORDINATOR]
        ).order_by("first_name", "last_name"),
    )
    due_on = forms.DateField(label=_("Fällig am"), widget=DATE, required=False)
