"""Forms for contacts, residents, consent, help requests and referrals (German labels)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.areas.models import Quarter
from quartier.core.widgets import IsoDateInput
from quartier.residents.models import (
    AgeBand,
    ConsentForm,
    ContactOutcome,
    ContactPlace,
    ConversationLanguage,
    Gender,
    HelpKind,
    LegalBasis,
    Recurrence,
    ReferralOutcome,
)
from quartier.residents.rules import LEGAL_BASES
from quartier.taxonomy.models import Topic

REPEAT_CHOICES = [("0", _("Erstes Gespräch")), ("1", _("Wiederholt"))]


class QuarterField(forms.ModelChoiceField):
    def __init__(self, quarters, **kwargs):
        super().__init__(queryset=quarters, label=_("Quartier"), empty_label=None, **kwargs)


class ContactLogForm(forms.Form):
    """The ten-second form: choices only, no names, no free text."""

    quarter = forms.ModelChoiceField(Quarter.objects.none(), label=_("Quartier"), empty_label=None)
    place = forms.ChoiceField(label=_("Wo"), choices=ContactPlace.choices, widget=forms.RadioSelect)
    age_band = forms.ChoiceField(
        label=_("Alter"), choices=AgeBand.choices, widget=forms.RadioSelect
    )
    gender = forms.ChoiceField(
        label=_("Geschlecht (freiwillig)"),
        choices=[("", _("keine Angabe")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Sprache des Gesprächs"),
        choices=ConversationLanguage.choices,
        initial=ConversationLanguage.GERMAN,
    )
    is_repeat = forms.TypedChoiceField(
        label=_("Kontakt"),
        choices=REPEAT_CHOICES,
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.active().select_related("parent"),
        label=_("Themen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens ein Thema wählen.")},
    )
    outcomes = forms.MultipleChoiceField(
        label=_("Was wurde getan"),
        choices=ContactOutcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].queryset = quarters
        first = quarters.first()
        if first is not None:
            self.fields["quarter"].initial = first.pk


class ConsentFieldsMixin(forms.Form):
    consent_form = forms.ChoiceField(
        label=_("Form der Einwilligung"),
        choices=ConsentForm.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    covers_help = forms.BooleanField(
        label=_("Hilfeanfragen und Notizen speichern"), required=False, initial=True
    )
    covers_health = forms.BooleanField(
        label=_("Angaben zur Gesundheit (nur schriftlich)"), required=False
    )
    covers_referral = forms.BooleanField(
        label=_("Weitergabe an Angebote aus dem Wegweiser"), required=False
    )
    given_on = forms.DateField(label=_("Erteilt am"), widget=IsoDateInput(), required=False)
    info_sheet_version = forms.CharField(label=_("Version des Infoblatts"), max_length=20)
    document = forms.FileField(
        label=_("Foto des unterschriebenen Blatts"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    witness = forms.CharField(
        label=_("Zeugin oder Zeuge (mündlich)"), max_length=100, required=False
    )

    def consent_data(self) -> dict:
        data = self.cleaned_data
        return {
            "form": data["consent_form"],
            "covers_help": data["covers_help"],
            "covers_health": data["covers_health"],
            "covers_referral": data["covers_referral"],
            "given_on": data["given_on"] or timezone.localdate(),
            "info_sheet_version": data["info_sheet_version"],
            "document": data.get("document"),
            "witness": data["witness"],
        }


def _info_sheet_initial(form):
    form.fields["info_sheet_version"].initial = settings.RESIDENTS_INFO_SHEET_VERSION
    form.fields["given_on"].initial = timezone.localdate()


class ConsentRecordForm(ConsentFieldsMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _info_sheet_initial(self)
        self.fields["consent_form"].required = True


class ResidentCreateForm(ConsentFieldsMixin):
    display_name = forms.CharField(label=_("Name oder Rufname"), max_length=100)
    reach = forms.CharField(
        label=_("Erreichbar über"),
        max_length=200,
        help_text=_("z. B. Telefonnummer oder „über den Stützpunkt“"),
    )
    address = forms.CharField(
        label=_("Adresse (nur wenn für die Hilfe nötig)"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Grund für die Erfassung"),
        max_length=300,
        help_text=_("z. B. „Einkauf jeden Dienstag“"),
    )
    quarter = forms.ModelChoiceField(Quarter.objects.none(), label=_("Quartier"), empty_label=None)
    age_band = forms.ChoiceField(
        label=_("Alter"), choices=[("", _("keine Angabe")), *AgeBand.choices], required=False
    )
    consent_given = forms.BooleanField(
        label=_("Einwilligung liegt vor"),
        required=False,
        help_text=_("Ohne Einwilligung werden nur die Grundangaben gespeichert."),
    )

    field_order = ["display_name", "reach", "address", "reason", "quarter", "age_band"]

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        _info_sheet_initial(self)
        self.fields["quarter"].queryset = quarters
        first = quarters.first()
        if first is not None:
            self.fields["quarter"].initial = first.pk

    def clean(self):
        data = super().clean()
        if data.get("consent_given") and not data.get("consent_form"):
            self.add_error("consent_form", _("Bitte die Form der Einwilligung wählen."))
        return data


class ResidentDetailsForm(forms.Form):
    notes = forms.CharField(
        label=_("Notizen"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Nur was für die Hilfe nötig ist. Gesundheit nur mit schriftlicher Einwilligung."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.active().select_related("parent"),
        label=_("Themen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class HelpRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art der Hilfe"), choices=HelpKind.choices)
    recurrence = forms.ChoiceField(
        label=_("Wie oft"), choices=Recurrence.choices, widget=forms.RadioSelect, initial="once"
    )
    due_on = forms.DateField(label=_("Erster Termin"), widget=IsoDateInput())
    ends_on = forms.DateField(
        label=_("Endet am (freiwillig)"),
        required=False,
        widget=IsoDateInput(),
    )
    helpers = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Zuständig"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl: Sie selbst."),
    )

    def __init__(self, *args, resident, **kwargs):
        from quartier.accounts.models import Role, User

        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = User.objects.filter(
            is_active=True, role=Role.HELPER, quarters=resident.quarter
        ).order_by("first_name", "username")
        self.fields["helpers"].label_from_instance = lambda u: u.get_full_name() or u.username


class CompleteHelpForm(forms.Form):
    note = forms.CharField(label=_("Kurze Notiz (freiwillig)"), max_length=300, required=False)
    about_health = forms.BooleanField(label=_("Die Notiz betrifft die Gesundheit"), required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ReferralForm(forms.Form):
    entry = forms.ModelChoiceField(
        queryset=None, label=_("Angebot aus dem Wegweiser"), empty_label=_("Bitte wählen")
    )
    referred_on = forms.DateField(label=_("Datum"), widget=IsoDateInput())
    quarter = forms.ModelChoiceField(Quarter.objects.none(), label=_("Quartier"), empty_label=None)
    resident = forms.ModelChoiceField(
        queryset=None,
        label=_("Person"),
        required=False,
        empty_label=_("anonym"),
    )
    passes_personal_data = forms.BooleanField(
        label=_("Ich gebe personenbezogene Daten an das Angebot weiter"), required=False
    )
    legal_basis = forms.ChoiceField(
        label=_("Rechtsgrundlage für die Weitergabe"),
        choices=[("", _("keine Weitergabe")), *LegalBasis.choices[1:]],
        required=False,
    )

    def __init__(self, *args, entries, residents, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["resident"].queryset = residents
        self.fields["resident"].label_from_instance = lambda r: r.display_name or str(r)
        self.fields["quarter"].queryset = quarters
        self.fields["referred_on"].initial = timezone.localdate()
        first = quarters.first()
        if first is not None:
            self.fields["quarter"].initial = first.pk


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=ReferralOutcome.choices)


class AccessRequestSearchForm(forms.Form):
    """A data subject's request: who (name and an exact second attribute) and on which basis."""

    name = forms.CharField(
        label=_("Name der Person, wie im Antrag"),
        help_text=_(
            "Für Auskunft oder Löschung der genaue Name; ein Teil des Namens oder eine "
            "ungefähre Schreibweise zeigt nur ähnliche Treffer."
        ),
        max_length=100,
    )
    second = forms.CharField(
        label=_("Zweites Merkmal"),
        max_length=200,
        help_text=_(
            "Telefonnummer bzw. Erreichbarkeit oder Adresse, genau wie gespeichert "
            "(zum Beispiel aus dem Antrag)."
        ),
    )
    basis = forms.ChoiceField(label=_("Rechtsgrund des Antrags"), choices=LEGAL_BASES)
    reference = forms.CharField(
        label=_("Aktenzeichen des Antrags"),
        max_length=60,
        help_text=_("Steht auf jeder Auskunft und hilft, den Vorgang wiederzufinden."),
    )


class ResidentFlagsForm(forms.Form):
    is_restricted = forms.BooleanField(
        label=_("Verarbeitung eingeschränkt (Art. 18 DSGVO)"), required=False
    )
    is_disputed = forms.BooleanField(
        label=_("Richtigkeit bestritten (Art. 16 DSGVO)"), required=False
    )
