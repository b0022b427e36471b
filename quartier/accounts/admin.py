from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from quartier.accounts.actions import ApiKeyError, issue_api_key, revoke_api_key
from quartier.accounts.models import ApiClient, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "quarters"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Rolle und Einsatz"), {"fields": ["role", "quarters", "base", "phone"]}),
    ]
    filter_horizontal = ["quarters", "groups", "user_permissions"]


# --- Open311 API keys --------------------------------------------------------------------------


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Adding a client issues its key (shown once); keys are revoked, never edited or deleted."""

    list_display = ["name", "authority", "key_prefix", "is_active", "created_at", "revoked_at"]
    list_filter = ["is_active"]
    fields = ["name", "authority"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            client, key = issue_api_key(actor=request.user, name=obj.name, authority=obj.authority)
        except ApiKeyError as exc:
            messages.error(request, str(exc))
            return
        obj.pk = client.pk
        messages.warning(
            request,
            _("API-Schlüssel für %(name)s (wird nur jetzt angezeigt): %(key)s")
            % {"name": client.name, "key": key},
        )

    @admin.action(description=_("Ausgewählte Schlüssel sperren"))
    def revoke(self, request, queryset):
        for client in queryset.filter(is_active=True):
            revoke_api_key(actor=request.user, client=client)
        messages.success(request, _("Die Schlüssel sind gesperrt."))
