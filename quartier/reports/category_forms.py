"""The category form of the administration: two levels, icon, extra fields, Open311 visibility.

Extra fields are typed one per line ("Code | Beschriftung | Pflicht"), not as JSON.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.reports.icons import _PATHS as ICON_PATHS
from quartier.reports.models import ReportCategory

ATTRIBUTE_LINE = re.compile(
    r"^\s*([a-z][a-z0-9_]{0,39})\s*\|\s*([^|]{1,80}?)\s*(?:\|\s*(\w+)\s*)?$"
)
REQUIRED_WORDS = {"pflicht", "required", "ja"}


def attributes_as_text(attributes: list[dict]) -> str:
    return "\n".join(
        f"{a['code']} | {a.get('label', a['code'])}" + (" | Pflicht" if a.get("required") else "")
        for a in attributes or []
    )


def parse_attributes(text: str) -> list[dict]:
    attributes, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = ATTRIBUTE_LINE.match(line)
        if not match:
            raise forms.ValidationError(
                _("Zeile %(n)s: bitte „code | Beschriftung“ oder „code | Beschriftung | Pflicht“.")
                % {"n": number}
            )
        code, label, flag = match.groups()
        if code in seen:
            raise forms.ValidationError(
                _("Der Code „%(code)s“ kommt doppelt vor.") % {"code": code}
            )
        seen.add(code)
        attributes.append(
            {
                "code": code,
                "label": label,
                "datatype": "string",
                "required": (flag or "").lower() in REQUIRED_WORDS,
            }
        )
    return attributes


class CategoryForm(forms.ModelForm):
    attributes_text = forms.CharField(
        label=_("Zusatzfelder beim Melden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Eine Zeile je Feld: code | Beschriftung | Pflicht, "
            "z. B. „lamp_post_number | Mastnummer | Pflicht“."
        ),
    )

    class Meta:
        model = ReportCategory
        fields = ["parent", "name", "name_en", "code", "icon", "order", "is_active", "is_public",
                  "default_authority_hint", "description", "keywords"]  # fmt: skip
        labels = {"is_public": _("Öffentlich (in Open311 und auf den Karten sichtbar)")}
        help_texts = {
            "code": _(
                "Kleinbuchstaben und Bindestriche; Partnersysteme kennen die Kategorie daran."
            ),
            "parent": _("Leer lassen für eine Oberkategorie."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        top = ReportCategory.objects.filter(parent__isnull=True)
        if self.instance.pk:
            top = top.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = top.order_by("order", "name")
        self.fields["parent"].empty_label = _("keine (Oberkategorie)")
        self.fields["icon"] = forms.ChoiceField(
            label=_("Symbol"), choices=[("", "–")] + [(k, k) for k in sorted(ICON_PATHS)],
            required=False,
        )  # fmt: skip
        self.fields["attributes_text"].initial = attributes_as_text(self.instance.attributes)

    def clean_attributes_text(self):
        return parse_attributes(self.cleaned_data.get("attributes_text") or "")

    def save(self, commit=False):
        category = super().save(commit=False)
        category.attributes = self.cleaned_data["attributes_text"]
        return category
