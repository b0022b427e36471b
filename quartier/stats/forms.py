from django import forms
from django.utils.translation import gettext_lazy as _


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=_("Bericht der Koordination"),
        help_text=_("Erscheint im Sachbericht. Bitte keine Namen oder Angaben zu Personen."),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=8000,
        required=False,
    )
