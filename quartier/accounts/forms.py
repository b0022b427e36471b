"""Forms of the user administration (Verwaltung → Benutzer)."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Role, User


def _quarter_choices():
    return User._meta.get_field("quarters").related_model.objects.order_by("name")


class QuartersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=_quarter_choices(),
            required=False,
            label=_("Quartiere"),
            help_text=_("Für Koordination: leer lassen heißt alle Quartiere."),
            **kwargs,
        )


class InviteForm(forms.Form):
    username = forms.CharField(
        label=_("Anmeldename"), max_length=150, validators=[UnicodeUsernameValidator()]
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    email = forms.EmailField(
        label=_("Dienstliche E-Mail-Adresse"),
        help_text=_("Dorthin geht der Link, mit dem die Person ihr Passwort festlegt."),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.HELPER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarters"] = QuartersField()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Neue Rolle"), choices=Role.choices)


class QuartersForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarters"] = QuartersField()
