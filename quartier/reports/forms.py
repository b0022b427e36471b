"""The capture form: one form for the plain HTML POST and for the phone's JSON submission."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from shapely.geometry import shape

from quartier.areas.addresses import resolve
from quartier.areas.geo import distance_m, in_krefeld
from quartier.areas.models import Quarter
from quartier.core.forms import NamedEmptyChoices
from quartier.core.photos import MAX_PHOTOS, MAX_UPLOAD_BYTES, PhotoError, clean_photo
from quartier.reports.models import ReportCategory, ReportSource

ATTRIBUTE_PREFIX = "attr_"


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def attribute_fields(categories) -> dict[str, forms.Field]:
    """Extra fields declared in `ReportCategory.attributes` (e.g. the lamp-post number)."""
    fields = {}
    for category in categories:
        for attribute in category.attributes or []:
            name = ATTRIBUTE_PREFIX + attribute["code"]
            if name in fields:
                continue
            fields[name] = forms.CharField(
                label=attribute.get("label", attribute["code"]),
                help_text=attribute.get("description", ""),
                max_length=100,
                required=False,
            )
            fields[name].category_id = category.pk
    return fields


class CaptureForm(NamedEmptyChoices, forms.Form):
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    category = CategoryChoiceField(
        label=_lazy("Was ist das Problem?"),
        queryset=ReportCategory.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _lazy("Bitte eine Kategorie antippen."),
            "invalid_choice": _lazy("Diese Kategorie gibt es nicht (mehr)."),
        },
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    accuracy = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)
    address = forms.CharField(
        label=_lazy("Adresse oder Ort"),
        help_text=_lazy("z. B. „Hardenbergstraße 12“ oder „Spielplatz am Stadtgarten“"),
        max_length=200,
        required=False,
    )
    quarter = forms.ModelChoiceField(
        label=_lazy("Quartier (nur ohne Standort nötig)"),
        queryset=Quarter.objects.none(),
        required=False,
    )
    description = forms.CharField(
        label=_lazy("Notiz (freiwillig)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.ChoiceField(
        label=_lazy("Quelle"),
        choices=[c for c in ReportSource.choices if c[0] != ReportSource.OPEN311],
        initial=ReportSource.FIELD,
        required=False,
    )
    resolved_by_helper = forms.BooleanField(required=False, widget=forms.HiddenInput)
    bags_count = forms.IntegerField(
        label=_lazy("Anzahl Säcke (bei „Selbst erledigt“)"),
        min_value=0,
        max_value=99,
        required=False,
    )
    same_as = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        categories = list(ReportCategory.objects.filter(is_active=True).select_related("parent"))
        self.fields["category"].queryset = ReportCategory.objects.filter(is_active=True)
        self.categories = categories
        self.fields.update(attribute_fields(categories))
        self.user_quarters = list(user.quarters.all())
        self.fields["quarter"].queryset = (
            user.quarters.all() if self.user_quarters else Quarter.objects.all()
        )
        self.photos = []
        self.photo_gps = None
        if not self.is_bound:
            self.initial.setdefault("client_id", uuid.uuid4())

    # -- photos -------------------------------------------------------------------------------
    def clean_photos(self, uploads) -> None:
        uploads = [u for u in uploads if u.size]
        if len(uploads) > MAX_PHOTOS:
            self.add_error(None, _("Höchstens %(n)d Fotos pro Meldung.") % {"n": MAX_PHOTOS})
            return
        for upload in uploads:
            try:
                photo = clean_photo(_read_limited(upload))
            except PhotoError as error:
                self.add_error(None, f"{upload.name[:60]}: {error}")
                continue
            self.photos.append(photo)
            self.photo_gps = self.photo_gps or photo.gps

    # -- location -----------------------------------------------------------------------------
    def _fallback_point(self, cleaned):
        """No GPS: the photo's own position, else the typed address from the address register
        (a house, or a street's middle with its half length as accuracy), else the quarter's
        middle with a coarse accuracy."""
        if self.photo_gps and in_krefeld(*self.photo_gps):
            return (*self.photo_gps, None)
        if not cleaned.get("address"):
            return None
        found = resolve(cleaned["address"])
        if found is not None:
            cleaned["address"] = found.label
            return found.latitude, found.longitude, found.accuracy_m
        quarter = cleaned.get("quarter") or (
            self.user_quarters[0] if len(self.user_quarters) == 1 else None
        )
        if quarter is None:
            self.add_error("quarter", _("Bitte das Quartier wählen (kein Standort bekannt)."))
            return False
        area = shape(quarter.geometry)
        middle = area.representative_point()
        south, west, north, east = area.bounds[1], area.bounds[0], area.bounds[3], area.bounds[2]
        radius = max(
            distance_m(middle.y, middle.x, lat, lon) for lat, lon in ((south, west), (north, east))
        )
        return middle.y, middle.x, round(radius)

    def _clean_location(self, cleaned):
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        accuracy = cleaned.get("accuracy")
        if lat is None or lon is None:
            point = self._fallback_point(cleaned)
            if point is False:
                return
            if point is None:
                self.add_error(
                    "address",
                    _("Kein Standort: Bitte Standort freigeben oder Adresse/Ort eintippen."),
                )
                return
            lat, lon, accuracy = point
        if not in_krefeld(lat, lon):
            self.add_error(
                "address",
                _(
                    "Der Ort liegt außerhalb von Krefeld. "
                    "Bitte Standort prüfen oder Adresse eintippen."
                ),
            )
            return
        cleaned["latitude"], cleaned["longitude"] = lat, lon
        cleaned["accuracy_m"] = min(round(accuracy), 100_000) if accuracy is not None else None

    def clean(self):
        cleaned = super().clean()
        if self.files is not None:
            self.clean_photos(self.files.getlist("photos"))
        self._clean_location(cleaned)
        category = cleaned.get("category")
        cleaned["attributes"] = self._attributes(category)
        if not cleaned.get("resolved_by_helper"):
            cleaned["bags_count"] = None
        if not cleaned.get("source"):
            cleaned["source"] = ReportSource.FIELD
        return cleaned

    def _attributes(self, category) -> dict:
        if category is None:
            return {}
        values = {}
        for attribute in category.attributes or []:
            value = (self.cleaned_data.get(ATTRIBUTE_PREFIX + attribute["code"]) or "").strip()
            if value:
                values[attribute["code"]] = value
            elif attribute.get("required"):
                self.add_error(
                    ATTRIBUTE_PREFIX + attribute["code"],
                    _("Bitte %(label)s angeben.") % {"label": attribute.get("label", "")},
                )
        return values

    # -- for the template ---------------------------------------------------------------------
    def category_groups(self):
        """Top-level categories with their active children, for the tile layout."""
        children: dict[int, list] = {}
        for category in self.categories:
            if category.parent_id:
                children.setdefault(category.parent_id, []).append(category)
        return [
            {"category": c, "children": children.get(c.pk, [])}
            for c in self.categories
            if c.parent_id is None
        ]

    def attribute_bound_fields(self):
        return [
            (self[name], field.category_id)
            for name, field in self.fields.items()
            if name.startswith(ATTRIBUTE_PREFIX)
        ]

    def error_dict(self) -> dict[str, list[str]]:
        return {field: [str(e) for e in errors] for field, errors in self.errors.items()}


def _read_limited(upload) -> bytes:
    """Read an upload, but never more than one byte past the limit (a 50 MB file is refused)."""
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise PhotoError(_("Das Foto ist größer als 15 MB. Bitte ein kleineres Foto wählen."))
    upload.seek(0)
    return upload.read(MAX_UPLOAD_BYTES + 1)
