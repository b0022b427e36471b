"""Forms of the quarters' and bases' administration pages."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.areas.actions import parse_quarters
from quartier.areas.geo import GeometryError, in_krefeld
from quartier.areas.models import Base

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SRID_CHOICES = [
    ("", _("aus der Datei lesen (sonst WGS84)")),
    ("4326", _("WGS84 (Längen-/Breitengrade, EPSG:4326)")),
    ("25832", _("ETRS89 / UTM 32N (EPSG:25832, Geodaten der Stadt)")),
]


class QuarterUploadForm(forms.Form):
    """A GeoJSON file; checked completely before anything is stored."""

    file = forms.FileField(
        label=_("GeoJSON-Datei mit den Quartiersflächen"),
        help_text=_(
            "Eine FeatureCollection mit Polygonen; jedes Feature braucht die Eigenschaft "
            "„name“, optional „stadtbezirk“. Höchstens 5 MB."
        ),
    )
    srid = forms.ChoiceField(label=_("Koordinatensystem"), choices=SRID_CHOICES, required=False)

    def clean(self):
        """Every problem of the file is shown next to the file field (and in the summary)."""
        data = super().clean()
        upload = data.get("file")
        if upload is None:
            return data
        try:
            data["quarters"] = self._read_quarters(upload, data.get("srid"))
        except forms.ValidationError as exc:
            self.add_error("file", exc)
        return data

    @staticmethod
    def _read_quarters(upload, srid: str | None):
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        try:
            collection = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise forms.ValidationError(_("Die Datei ist kein gültiges GeoJSON (JSON).")) from exc
        try:
            return parse_quarters(collection, srid=int(srid) if srid else None)
        except GeometryError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BaseForm(forms.ModelForm):
    class Meta:
        model = Base
        fields = [
            "name",
            "quarter",
            "address",
            "latitude",
            "longitude",
            "opening_hours",
            "contact",
            "phone",
            "email",
            "is_example_data",
        ]
        help_texts = {
            "latitude": _("z. B. 51.3180 (Krefeld liegt bei 51,3° Nord)"),
            "longitude": _("z. B. 6.5680 (Krefeld liegt bei 6,6° Ost)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].empty_label = _("Bitte wählen")

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if lat is not None and lon is not None and not in_krefeld(lat, lon):
            self.add_error("latitude", _("Dieser Ort liegt nicht in Krefeld."))
        return data
