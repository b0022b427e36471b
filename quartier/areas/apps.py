from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "quartier.areas"
    verbose_name = "Gebiete"

    def ready(self):
        from quartier.core import registry

        # Quarters and bases first: everything else refers to them.
        registry.add_demo_loader(registry.DemoLoader("quartier.areas.demo.load", order=10))
        registry.add_demo_loader(
            registry.DemoLoader("quartier.areas.demo_addresses.load", order=11)
        )
        _register_administration(registry)
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


def _register_administration(registry) -> None:
    from django.utils.translation import gettext_lazy as _

    from quartier.accounts import permissions as perms

    for label, hint, url_name, order in [
        (_("Quartiere"), _("Flächen hochladen (GeoJSON, EPSG:25832)"), "areas:quarter_list", 20),
        (_("Stützpunkte"), _("Adressen, Öffnungszeiten, Ansprechpersonen"), "areas:base_list", 30),
    ]:
        registry.add_tile(
            registry.Tile(label, hint, url_name, "", perms.can_administer, order, "administration")
        )
    registry.add("audit_objects", {"areas.quarter": _("Quartier"), "areas.base": _("Stützpunkt")})
    registry.add(
        "audit_texts",
        {
            "quarter.import": _("speicherte die Fläche von %(object)s"),
            "base.create": _("legte %(object)s an"),
            "base.update": _("änderte %(object)s"),
        },
    )
