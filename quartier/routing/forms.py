from django import forms
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.areas.addresses import resolve
from quartier.areas.models import Quarter
from quartier.core import photos
from quartier.core.forms import NamedEmptyChoices
from quartier.reports.models import ReportCategory
from quartier.routing.models import AnswerKind, Authority, RoutingRule

MAX_ANSWER_PHOTO_BYTES = 10 * 1024 * 1024


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = [
            "category",
            "quarter",
            "authority",
            "deadline_working_days",
            "auto_forward",
            "partner_service_code",
            "note",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ReportCategory.objects.select_related("parent")
        self.fields["quarter"].empty_label = _("alle Quartiere")
        # A rule of a partner that was switched off can still be edited (and moved elsewhere).
        current = self.instance.authority_id if self.instance.pk else None
        self.fields["authority"].queryset = Authority.objects.filter(
            models.Q(is_active=True) | models.Q(pk=current)
        )
        self.fields["authority"].empty_label = _("Bitte wählen")
        self.fields["category"].empty_label = _("Bitte wählen")


class AuthorityForm(forms.ModelForm):
    open311_endpoint = forms.URLField(
        label=_("Open311-Adresse"),
        required=False,
        assume_scheme="https",
        help_text=_("Nur für den Weg Open311, z. B. https://partner.de/open311/v2/"),
    )

    open311_format = forms.ChoiceField(
        label=_("Open311-Format"),
        choices=[("json", "JSON"), ("xml", "XML")],
        required=False,
        help_text=_("XML für Partner, deren Open311-Server kein JSON anbietet."),
    )

    class Meta:
        model = Authority
        fields = [
            "name",
            "name_en",
            "short_name",
            "description",
            "emails",
            "phone",
            "channel",
            "open311_endpoint",
            "open311_api_key",
            "open311_jurisdiction_id",
            "open311_format",
            "sla_working_days",
            "send_photo_links",
            "is_active",
        ]
        widgets = {"open311_api_key": forms.PasswordInput(render_value=True)}
        help_texts = {
            "emails": _("Mehrere Adressen mit Komma trennen, z. B. „a@stadt.de, b@stadt.de“."),
            "sla_working_days": _("So viele Arbeitstage (NRW) hat der Partner für eine Antwort."),
            "is_active": _("Aus: keine neuen Weiterleitungen; der Verlauf bleibt erhalten."),
        }

    def clean_open311_format(self):
        return self.cleaned_data.get("open311_format") or "json"

    def clean_emails(self):
        validator = forms.EmailField()
        addresses = [a.strip() for a in self.cleaned_data["emails"].split(",") if a.strip()]
        for address in addresses:
            validator.clean(address)
        return ", ".join(addresses)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == "email" and not cleaned.get("emails"):
            self.add_error("emails", _("Für den Weg E-Mail ist mindestens eine Adresse nötig."))
        if cleaned.get("channel") == "open311" and not cleaned.get("open311_endpoint"):
            self.add_error("open311_endpoint", _("Für den Weg Open311 ist eine Adresse nötig."))
        return cleaned


class PreviewForm(NamedEmptyChoices, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Kategorie"), queryset=ReportCategory.objects.select_related("parent")
    )
    quarter = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quarter.objects.all(),
        required=False,
        empty_label=_("– über Koordinaten bestimmen –"),
    )
    latitude = forms.FloatField(label=_("Breitengrad"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Längengrad"), required=False, min_value=-180, max_value=180
    )
    address = forms.CharField(
        label=_("oder Adresse"),
        help_text=_("z. B. „Hardenbergstr. 12“; ohne Hausnummer gilt die Straßenmitte."),
        max_length=200,
        required=False,
    )

    def _resolve_address(self, cleaned) -> None:
        found = resolve(cleaned.get("address") or "")
        if found is None:
            self.add_error("address", _("Diese Adresse ist im Adressbestand nicht bekannt."))
            return
        cleaned["latitude"], cleaned["longitude"] = found.latitude, found.longitude
        cleaned["resolved"] = found

    def clean(self):
        cleaned = super().clean()
        has_point = cleaned.get("latitude") is not None and cleaned.get("longitude") is not None
        if cleaned.get("quarter") is None and not has_point and cleaned.get("address"):
            self._resolve_address(cleaned)
            return cleaned
        if cleaned.get("quarter") is None and not has_point and not self.errors:
            raise forms.ValidationError(
                _("Bitte ein Quartier wählen, eine Adresse oder Breiten- und Längengrad angeben.")
            )
        return cleaned


class ForwardForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("An wen?"),
        queryset=Authority.objects.filter(is_active=True),
        empty_label=_("Bitte wählen"),
    )
    message = forms.CharField(
        label=_("Nachricht an den Partner (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("Warum wird die Meldung wieder geöffnet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PartnerAnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wie ist der Stand?"),
        choices=[
            (AnswerKind.ACKNOWLEDGED, _("Übernommen – wir kümmern uns darum")),
            (AnswerKind.RESOLVED, _("Erledigt")),
            (AnswerKind.NOT_RESPONSIBLE, _("Nicht zuständig")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    suggested_authority = forms.CharField(
        label=_("Wer ist stattdessen zuständig? (bei „Nicht zuständig“)"),
        required=False,
        max_length=200,
    )
    photo = forms.ImageField(
        label=_("Foto (optional, bei „Erledigt“)"),
        required=False,
        help_text=_("Bitte keine Personen oder Kennzeichen fotografieren."),
    )

    def clean_photo(self):
        """The photo as a metadata-free JPEG (the same checks as the helpers' photos)."""
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > MAX_ANSWER_PHOTO_BYTES:
            raise forms.ValidationError(_("Das Foto ist zu groß (höchstens 10 MB)."))
        try:
            cleaned = photos.clean_photo(photo.read())
        except photos.PhotoError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return ContentFile(cleaned.image, name="antwort.jpg")


class PhoneAnswerForm(forms.Form):
    """A partner answered by phone or e-mail; the coordination writes it down."""

    kind = forms.ChoiceField(
        label=_("Was hat der Partner gesagt?"),
        choices=[
            (AnswerKind.ACKNOWLEDGED, _("Übernommen")),
            (AnswerKind.RESOLVED, _("Erledigt")),
            (AnswerKind.NOT_RESPONSIBLE, _("Nicht zuständig")),
            (AnswerKind.COMMENT, _("Nur eine Auskunft")),
        ],
    )
    comment = forms.CharField(
        label=_("Was genau? (z. B. „Abholung am Freitag“, wer am Telefon war)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BulkForwardForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("An wen?"),
        queryset=Authority.objects.filter(is_active=True),
        empty_label=_("Bitte wählen"),
    )
    message = forms.CharField(
        label=_("Nachricht an den Partner (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
