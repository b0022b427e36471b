from django.contrib import admin

from quartier.reports.models import ReportCategory


@admin.register(ReportCategory)
class ReportCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "code", "is_active", "is_public"]
    list_filter = ["is_active", "is_public", "parent"]
