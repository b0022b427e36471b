"""Admin for the needs taxonomy (residents' data is never listed in the admin)."""

from django.contrib import admin

from quartier.taxonomy.models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "code", "order", "is_sensitive", "is_active"]
    list_filter = ["parent", "is_sensitive", "is_active"]
    search_fields = ["name", "code"]
