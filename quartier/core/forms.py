from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.models import AccessibilityFeedback

# What Django puts first in a select box; read aloud it sounds like a choice.
DJANGO_PLACEHOLDER = "---------"


def name_empty_choices(form: forms.BaseForm) -> None:
    """Select boxes start with "Bitte wählen" (required) or "keine Angabe" (optional)."""
    for field in form.fields.values():
        label = _("Bitte wählen") if field.required else _("keine Angabe")
        if getattr(field, "empty_label", None) == DJANGO_PLACEHOLDER:
            field.empty_label = label  # type: ignore[attr-defined]
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = list(field.choices)
            if choices and choices[0] == ("", DJANGO_PLACEHOLDER):
                field.choices = [("", label), *choices[1:]]


class NamedEmptyChoices:
    """Form mixin (put it first): no select box offers Django's "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_empty_choices(self)  # type: ignore[arg-type]


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "contact"]
        labels = {
            "page_url": _("Welche Seite ist betroffen? (optional)"),
            "message": _("Was ist nicht barrierefrei?"),
            "contact": _("E-Mail oder Telefon für Rückfragen (optional)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
