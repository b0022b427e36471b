from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "quartier.areas"
    verbose_name = "Gebiete"

    def ready(self):
        from quartier.core import registry

        # Quarters and bases first: everything else refers to them.
        registry.add_demo_loader(registry.DemoLoader("quartier.areas.demo.load", order=10))
        registry.add_page_section(
            registry.PageSection(
                page="simple_language",
                template="areas/_bases_simple_language.html",
                context=bases_context,
            )
        )


def bases_context(request) -> dict:
    """The host facilities where residents meet the helpers, for the Leichte-Sprache page."""
    from quartier.areas.models import Base

    return {"bases": Base.objects.select_related("quarter").order_by("quarter__name", "name")}
