from django.contrib import admin

from quartier.directory.models import DirectoryEntry


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    """Read-only overview; entries are edited on the Wegweiser's own pages (actions, audit)."""

    list_display = ["name", "provider", "quarter", "languages", "is_active"]
    list_filter = ["is_active", "quarter"]
    search_fields = ["name", "provider"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
