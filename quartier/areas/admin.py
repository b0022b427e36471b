from django.contrib import admin

from quartier.areas.models import Base, Quarter


@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ["name", "stadtbezirk", "is_demo_geometry"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Base)
class BaseAdmin(admin.ModelAdmin):
    list_display = ["name", "quarter", "address", "phone"]
    list_filter = ["quarter"]
