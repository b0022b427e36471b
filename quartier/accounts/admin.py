"""Accounts in the read-only data view (quartier/core/admin_site.py).

Accounts are changed on the in-app pages under "Verwaltung → Benutzer" (accounts/views.py),
which write through accounts/actions.py. Second factors are not shown at all: their secrets
are nobody's business, not even an admin's. Neither are single sign-on client secrets and
tokens (the identity provider is configured through the environment, not in the database).
"""

from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User

for secret_holder in (Authenticator, SocialApp, SocialToken):
    if admin.site.is_registered(secret_holder):
        admin.site.unregister(secret_holder)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "quarters"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Rolle und Einsatz"), {"fields": ["role", "quarters", "base", "phone"]}),
    ]
