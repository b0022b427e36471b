"""What operations contributes to shared pages: menu entries, tiles, demo data."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms
from quartier.core import registry
from quartier.operations import actions, queries
from quartier.reports import hooks


def _link_to_hotspots(sender, report, **kwargs) -> None:
    # A new report near an active hotspot of its category joins it at once.
    actions.link_report_to_hotspots(report=report)


def register() -> None:
    hooks.report_created.connect(_link_to_hotspots, dispatch_uid="operations.link_to_hotspots")
    # "Mein Tag" opens without network, as last loaded.
    registry.add_offline_page("operations:my_day")
    for label, url_name, allowed, order in [
        (_("Mein Tag"), "operations:my_day", perms.can_log_contacts, 15),
        (_("Einsatzplan"), "operations:rota_week", perms.can_manage_team, 60),
        (_("Einsätze"), "operations:jobs", perms.can_manage_team, 61),
        (_("Fachaustausch"), "operations:meetings", perms.can_manage_team, 62),
        (_("Hotspots"), "operations:hotspots", perms.can_manage_reports, 64),
    ]:
        registry.add_menu_item(registry.MenuItem(label, url_name, allowed, order))
    for label, hint, url_name, icon, order in [
        (
            _("Mein Tag"),
            _("Dienst, Hilfeanfragen, Nachkontrolle, Aufgaben"),
            "operations:my_day",
            "list",
            30,
        ),
        (
            _("Erledigt"),
            _("Kleiner Einsatz: Müll, Reinigung, Pflege"),
            "operations:job_new",
            "list",
            40,
        ),
    ]:
        registry.add_tile(
            registry.Tile(label, hint, url_name, icon, perms.can_log_contacts, order=order)
        )
    registry.add_worklist_count(
        registry.WorklistCount(
            _("Konflikte im Einsatzplan (diese Woche)"),
            "operations:rota_week",
            queries.rota_conflicts_this_week,
            perms.can_manage_team,
            order=60,
        )
    )
    registry.add_stylesheet("css/operations.css")
    registry.add_demo_loader(registry.DemoLoader("quartier.operations.demo.load", order=90))
