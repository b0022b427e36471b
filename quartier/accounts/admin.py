"""Accounts in the read-only data view (quartier/core/admin_site.py).

Accounts are changed on the in-app pages under "Verwaltung → Benutzer" (accounts/views.py),
which write through accounts/actions.py. Second factors are not shown at all: their secrets
are nobody's business, not even an admin's.
"""

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User

if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "quarters"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Rolle und Einsatz"), {"fields": ["role", "quarters", "base", "phone"]}),
    ]
