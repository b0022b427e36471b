from django.contrib import admin

from quartier.routing.models import Authority


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "channel", "sla_working_days", "is_active"]
