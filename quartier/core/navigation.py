"""Role-aware navigation. Apps add their entries here when they have pages to show."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: object  # a can_*() predicate

    def url(self):
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


# Order is the order in the menu; an entry whose page does not exist yet is left out.
NAV_ITEMS = [
    NavItem(_("Start"), "home", lambda user: user.is_authenticated),
    NavItem(_("Melden"), "reports:capture", perms.can_report),
    NavItem(_("Meldungen"), "reports:inbox", perms.can_manage_reports),
    NavItem(_("Gespräch"), "residents:contact_new", perms.can_log_contacts),
    NavItem(_("Wegweiser"), "directory:search", perms.can_use_directory),
    NavItem(_("Zuständigkeiten"), "routing:rules", perms.can_manage_routing),
    NavItem(_("Protokoll"), "core:audit_log", perms.can_view_audit_log),
    NavItem(_("Verwaltung"), "admin:index", perms.can_administer),
]

# Residents' pages.
NAV_ITEMS += [
    NavItem(_("Personen"), "residents:resident_list", perms.can_log_contacts),
    NavItem(_("Gesprächsstatistik"), "residents:tally", perms.can_view_statistics),
    NavItem(_("Bewohnerdaten"), "residents:privacy", perms.can_manage_privacy),
]


def navigation_for(user, current_path: str) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if not item.allowed(user):
            continue
        url = item.url()
        if url is None:
            continue
        current = url == current_path if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items


@dataclass(frozen=True)
class Tile:
    label: str
    hint: str
    url_name: str
    icon: str
    allowed: object


# The big buttons on the helper's "Mein Tag" page.
HELPER_TILES = [
    Tile(
        _("Melden"),
        _("Problem im Quartier mit Foto"),
        "reports:capture",
        "camera",
        perms.can_report,
    ),
    Tile(
        _("Gespräch erfassen"),
        _("anonym, in Sekunden"),
        "residents:contact_new",
        "chat",
        perms.can_log_contacts,
    ),
    Tile(
        _("Meine Aufgaben"),
        _("Hilfeanfragen für heute"),
        "operations:my_day",
        "list",
        perms.can_log_contacts,
    ),
    Tile(
        _("Wegweiser"),
        _("Angebote für Bewohner*innen"),
        "directory:search",
        "signpost",
        perms.can_use_directory,
    ),
    Tile(
        _("Meine Meldungen"),
        _("Was ist daraus geworden?"),
        "reports:mine",
        "inbox",
        perms.can_report,
    ),
]


def tiles_for(user) -> list[dict]:
    tiles = []
    for tile in HELPER_TILES:
        if tile.allowed(user):
            try:
                url = reverse(tile.url_name)
            except NoReverseMatch:
                continue
            tiles.append({"label": tile.label, "hint": tile.hint, "url": url, "icon": tile.icon})
    return tiles
