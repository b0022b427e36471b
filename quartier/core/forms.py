from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.models import AccessibilityFeedback


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
