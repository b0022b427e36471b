"""Forms of the Wegweiser: search, editing, import rows and upload."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from quartier.areas.models import Quarter
from quartier.core.spreadsheet import is_formula
from quartier.directory.actions import EntryData
from quartier.directory.handout_labels import GERMAN, HANDOUT_LANGUAGES
from quartier.directory.models import LANGUAGE_NAMES, DirectoryEntry
from quartier.taxonomy.models import Topic

CITYWIDE = "stadtweit"
TRANSLATED_FIELDS = ("name", "description")
TRANSLATION_LANGUAGES = [code for code in HANDOUT_LANGUAGES if code != GERMAN]
_SPLIT = re.compile(r"[\s,;|]+")


def split_codes(value: str) -> list[str]:
    return [part for part in _SPLIT.split(value.strip().lower()) if part]


def topic_choices(topics) -> list:
    """Two levels as option groups: the whole top-level topic first, then its children."""
    children: dict[int, list] = {}
    for topic in topics:
        if topic.parent_id:
            children.setdefault(topic.parent_id, []).append((topic.code, topic.name))
    choices: list = [("", _("Alle Themen"))]
    for topic in topics:
        if topic.parent_id is None:
            group = [(topic.code, _("%(name)s – alles") % {"name": topic.name})]
            choices.append((topic.name, group + children.get(topic.pk, [])))
    return choices


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    quartier = forms.ChoiceField(label=_("Quartier"), required=False)
    sprache = forms.ChoiceField(label=_("Sprache des Angebots"), required=False)

    def __init__(self, *args, topics, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics_by_code = {topic.code: topic for topic in topics}
        self.quarters_by_slug = {quarter.slug: quarter for quarter in quarters}
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["thema"].choices = topic_choices(topics)
        self.fields["quartier"].choices = [
            ("", _("Alle Quartiere")),
            (CITYWIDE, _("nur stadtweite Angebote")),
        ] + [(quarter.slug, quarter.name) for quarter in quarters]
        self.fields["sprache"].choices = [("", _("Alle Sprachen"))] + [
            (code, name) for code, name in LANGUAGE_NAMES.items()
        ]

    def filter(self, entries):
        """Apply the valid filters to a queryset of entries."""
        data = self.cleaned_data if self.is_valid() else {}
        entries = entries.matching(data.get("q", ""))
        topic = self.topics_by_code.get(data.get("thema", ""))
        if topic is not None:
            entries = entries.about(topic)
        quarter = data.get("quartier", "")
        if quarter == CITYWIDE:
            entries = entries.citywide()
        elif quarter in self.quarters_by_slug:
            # Offers in the quarter first, then the city-wide ones.
            entries = entries.for_quarter(self.quarters_by_slug[quarter]).order_by(
                F("quarter").asc(nulls_last=True), "name", "id"
            )
        if data.get("sprache"):
            entries = entries.speaking(data["sprache"])
        return entries


def grouped_topic_choices(topics) -> list:
    """Checkbox groups per top-level topic: the topic itself, then its children."""
    topics = list(topics)
    groups = {
        topic.pk: [(topic.pk, _("%(name)s (allgemein)") % {"name": topic.name})]
        for topic in topics
        if topic.parent_id is None
    }
    names = {topic.pk: topic.name for topic in topics if topic.parent_id is None}
    for topic in topics:
        if topic.parent_id in groups:
            groups[topic.parent_id].append((topic.pk, topic.name))
    return [(names[pk], choices) for pk, choices in groups.items()]


class TopicField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EntryForm(forms.ModelForm):
    """Create and edit an entry (coordinators and admins)."""

    topics = TopicField(
        label=_("Themen"),
        queryset=Topic.objects.active().select_related("parent"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("Webseite"), required=False, assume_scheme="https")
    language_list = forms.MultipleChoiceField(
        label=_("Sprachen"),
        choices=list(LANGUAGE_NAMES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=["de"],
    )

    class Meta:
        model = DirectoryEntry
        fields = [
            "name",
            "provider",
            "description",
            "topics",
            "address",
            "quarter",
            "phone",
            "email",
            "website",
            "opening_hours",
            "language_list",
            "accessibility",
            "cost",
            "notes",
            "is_active",
            "is_example_data",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].empty_label = _("ganz Krefeld (stadtweit)")
        self.fields["topics"].choices = grouped_topic_choices(self.fields["topics"].queryset)
        self.fields["phone"].widget.input_type = "tel"
        if self.instance.pk:
            self.fields["language_list"].initial = self.instance.language_codes
        translations = self.instance.translations or {}
        for code in TRANSLATION_LANGUAGES:
            language = HANDOUT_LANGUAGES[code]
            for name in TRANSLATED_FIELDS:
                label = _("Name auf %(lang)s") if name == "name" else _("Beschreibung auf %(lang)s")
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=label % {"lang": language.german_name},
                    required=False,
                    max_length=200 if name == "name" else 2000,
                    widget=forms.TextInput if name == "name" else forms.Textarea,
                    initial=translations.get(code, {}).get(name, ""),
                )
                widget = self.fields[f"{name}_{code}"].widget
                widget.attrs.update({"lang": code, "dir": "rtl" if language.rtl else "ltr"})

    def translation_fields(self):
        return [
            self[f"{name}_{code}"] for code in TRANSLATION_LANGUAGES for name in TRANSLATED_FIELDS
        ]

    def main_fields(self):
        translated = {field.name for field in self.translation_fields()}
        return [field for field in self.visible_fields() if field.name not in translated]

    def entry_data(self) -> EntryData:
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields if name not in {"name", "topics"}}
        values.pop("language_list")
        values["languages"] = ",".join(data["language_list"])
        values["translations"] = collect_translations(data)
        return EntryData(name=data["name"], topics=list(data["topics"]), values=values)


def collect_translations(data: dict) -> dict:
    translations = {}
    for code in TRANSLATION_LANGUAGES:
        texts = {name: data.get(f"{name}_{code}", "").strip() for name in TRANSLATED_FIELDS}
        texts = {name: text for name, text in texts.items() if text}
        if texts:
            translations[code] = texts
    return translations


class EntryRowForm(forms.Form):
    """One entry from an import file, every value a string as in the file."""

    id = forms.CharField(required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    provider = forms.CharField(label=_("Träger"), max_length=200, required=False)
    description = forms.CharField(label=_("Beschreibung"), max_length=2000, required=False)
    topics = forms.CharField(label=_("Themen"), required=False)
    address = forms.CharField(label=_("Adresse"), max_length=250, required=False)
    quarter = forms.CharField(label=_("Quartier"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    website = forms.URLField(label=_("Webseite"), required=False, assume_scheme="https")
    opening_hours = forms.CharField(label=_("Öffnungszeiten"), max_length=300, required=False)
    languages = forms.CharField(label=_("Sprachen"), max_length=100, required=False)
    accessibility = forms.CharField(label=_("Barrierefreiheit"), max_length=300, required=False)
    cost = forms.CharField(label=_("Kosten"), max_length=200, required=False)
    notes = forms.CharField(label=_("Hinweise"), max_length=2000, required=False)
    is_active = forms.BooleanField(required=False)

    def __init__(self, data, *, lookups: ImportLookups, translations=None):
        super().__init__(data)
        self.lookups = lookups
        self.translations = translations or {}

    def clean(self):
        """Refuse text that a spreadsheet would run as a formula (see core/spreadsheet.py)."""
        cleaned = super().clean()
        texts = [*self.data.items()]
        texts += [(name, t) for lang in self.translations.values() for name, t in lang.items()]
        for name, value in texts:
            if isinstance(value, str) and is_formula(value.strip()):
                self.add_error(
                    name if name in self.fields else None,
                    _("„%(value)s“ sieht aus wie eine Tabellenformel und wird nicht übernommen.")
                    % {"value": value.strip()[:40]},
                )
        return cleaned

    def clean_id(self):
        value = self.cleaned_data["id"].strip()
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError as error:
            raise ValidationError(
                _("„%(value)s“ ist keine gültige Kennung (UUID).") % {"value": value}
            ) from error

    def clean_topics(self):
        codes = split_codes(self.cleaned_data["topics"])
        unknown = [code for code in codes if code not in self.lookups.topics]
        if unknown:
            raise ValidationError(_("Unbekannte Themen: %(codes)s") % {"codes": ", ".join(unknown)})
        return [self.lookups.topics[code] for code in codes]

    def clean_quarter(self):
        value = self.cleaned_data["quarter"].strip()
        if not value or value.lower() in {CITYWIDE, "krefeld", "stadtweit"}:
            return None
        quarter = self.lookups.quarters.get(value.lower())
        if quarter is None:
            raise ValidationError(_("Unbekanntes Quartier: %(value)s") % {"value": value})
        return quarter

    def clean_languages(self):
        codes = split_codes(self.cleaned_data["languages"]) or ["de"]
        unknown = [code for code in codes if code not in LANGUAGE_NAMES]
        if unknown:
            raise ValidationError(
                _("Unbekannte Sprachkürzel: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return ",".join(dict.fromkeys(codes))

    def entry_data(self, *, is_example_data=False) -> EntryData:
        data = dict(self.cleaned_data)
        values = {key: data[key] for key in data if key not in {"id", "name", "topics"}}
        values["translations"] = self.translations
        values["is_example_data"] = is_example_data
        return EntryData(
            name=data["name"], topics=data["topics"], external_id=data["id"], values=values
        )

    def error_text(self) -> str:
        parts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label or name
            parts.append(f"{label}: {' '.join(errors)}")
        return "; ".join(parts)


class ImportLookups:
    """Topics by code and quarters by slug or name, loaded once per import."""

    def __init__(self):
        self.topics = {topic.code: topic for topic in Topic.objects.all()}
        self.quarters = {}
        for quarter in Quarter.objects.all():
            self.quarters[quarter.slug.lower()] = quarter
            self.quarters[quarter.name.lower()] = quarter


class ImportForm(forms.Form):
    FORMAT_CHOICES = [("csv", _("CSV (Tabelle)")), ("hsds", _("Open Referral HSDS (JSON)"))]
    file_format = forms.ChoiceField(
        label=_("Format"), choices=FORMAT_CHOICES, widget=forms.RadioSelect, initial="csv"
    )
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("Höchstens 5 MB. Bei einem Fehler wird nichts übernommen."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload
