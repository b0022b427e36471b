from django.contrib import admin

from quartier.routing.models import (
    ApiClient,
    Authority,
    Forwarding,
    MailDelivery,
    Notification,
    PartnerAnswer,
    RoutingRule,
)


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "channel", "sla_working_days", "is_active"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "quarter", "authority", "deadline_working_days", "auto_forward"]
    list_filter = ["authority", "auto_forward", "is_active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Forwardings and answers change only through routing/actions.py."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Forwarding)
class ForwardingAdmin(ReadOnlyAdmin):
    list_display = ["report", "authority", "status", "due_date", "attempts", "last_error"]
    list_filter = ["status", "authority"]
    exclude = ["token_nonce"]


@admin.register(PartnerAnswer)
class PartnerAnswerAdmin(ReadOnlyAdmin):
    list_display = ["forwarding", "kind", "channel", "created_at"]


@admin.register(MailDelivery)
class MailDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["kind", "recipients", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status", "kind"]
    exclude = ["body_text", "body_html"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "text", "created_at", "read_at"]


# --- Open311 API keys --------------------------------------------------------------------------


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Keys are issued and revoked with `manage.py issue_api_key` or the in-app pages."""

    list_display = ["name", "authority", "key_prefix", "is_active", "created_at", "revoked_at"]
    list_filter = ["is_active"]
    fields = ["name", "authority", "key_prefix", "is_active", "created_at", "revoked_at"]
