from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "quarters"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Rolle und Einsatz"), {"fields": ["role", "quarters", "base", "phone"]}),
    ]
    filter_horizontal = ["quarters", "groups", "user_permissions"]
