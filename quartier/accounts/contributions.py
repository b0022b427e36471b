"""What accounts contributes to core's pages: the start page per role, the audit log's
guard, the administration entries and the coordinator's team overview."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms
from quartier.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from quartier.accounts.models import Role, User
from quartier.areas.models import Base, Quarter
from quartier.core import registry


def _is_admin(user) -> bool:
    return user.is_superuser or user.role == Role.ADMIN


def _role(role):
    return lambda user: not user.is_superuser and user.role == role


def team_and_quarters(request) -> dict:
    return {
        "helper_count": User.objects.filter(role=Role.HELPER, is_active=True).count(),
        "quarter_list": Quarter.objects.all(),
        "base_list": Base.objects.select_related("quarter"),
    }


def demo_logins() -> list[str]:
    width = max(len(name) for name, _role, _label in DEMO_ACCOUNTS)
    return [
        f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD}):",
        *(f"  {name.ljust(width)}  {label}" for name, _role, label in DEMO_ACCOUNTS),
    ]


def _audit_texts() -> dict:
    """How account changes and sign-ons read in the privacy officer's log."""
    texts = {
        "user.quarters.change": _("änderte die Quartiere von %(object)s"),
        "user.deactivate": _("sperrte %(object)s"),
        "user.reactivate": _("entsperrte %(object)s"),
        "user.mfa_reset": _("setzte den zweiten Faktor von %(object)s zurück"),
        "sso.login_failed": _("SSO-Anmeldung abgelehnt"),
        "sso.unknown_account": _("SSO-Anmeldung abgelehnt: kein Konto zu dieser Adresse"),
    }
    for role, label in Role.choices:
        texts[f"user.invite.{role}"] = format_lazy(_("lud %(object)s ein als: {}"), label)
        texts[f"user.role.{role}"] = format_lazy(_("gab %(object)s die Rolle: {}"), label)
    return texts


def register() -> None:
    registry.add("audit_objects", {"accounts.user": _("Konto"), "sso": _("Dienstkonto-Anmeldung")})
    registry.add("audit_texts", _audit_texts())
    for order, (page, allowed) in enumerate(
        [
            ("admin", _is_admin),
            ("coordinator", _role(Role.COORDINATOR)),
            ("privacy", _role(Role.PRIVACY_OFFICER)),
            ("helper", _role(Role.HELPER)),
        ]
    ):
        registry.add_start_page(
            registry.StartPage(
                page,
                f"core/home_{page}.html",
                allowed,
                order=10 * (order + 1),
                worklist=page == "coordinator",
            )
        )
    registry.add_permission("view_audit_log", perms.can_view_audit_log)
    registry.add_permission("administer", perms.can_administer)
    registry.add_menu_item(
        registry.MenuItem(_("Start"), "home", lambda user: user.is_authenticated, order=0)
    )
    registry.add_menu_item(
        registry.MenuItem(_("Protokoll"), "core:audit_log", perms.can_view_audit_log, order=60)
    )
    registry.add_menu_item(
        registry.MenuItem(_("Verwaltung"), "core:administration", perms.can_administer, order=70)
    )
    _register_tiles()
    registry.add_page_section(
        registry.PageSection(
            "home_coordinator", "accounts/_team_and_quarters.html", team_and_quarters, order=50
        )
    )
    registry.add_demo_loader(registry.DemoLoader("quartier.accounts.demo.load", order=20))
    registry.add("serve_banner", demo_logins)


def _register_tiles() -> None:
    audit_log = _("Protokoll")
    for page, hint, order in [
        ("privacy", _("Wer hat wann was gelesen oder geändert"), 10),
        ("admin", _("Sicherheits- und Zugriffsprotokoll"), 20),
    ]:
        registry.add_tile(
            registry.Tile(
                audit_log, hint, "core:audit_log", "", perms.can_view_audit_log, order, page
            )
        )
    registry.add_tile(
        registry.Tile(
            _("Verwaltung"),
            _("Benutzer, Quartiere, Kategorien, Zuständigkeiten"),
            "core:administration",
            "",
            perms.can_administer,
            order=10,
            page="admin",
        )
    )
    registry.add_tile(
        registry.Tile(
            _("Benutzer"),
            _("Einladen, Rolle, Quartiere, Sperren"),
            "accounts:user_list",
            "",
            perms.can_administer,
            order=10,
            page="administration",
        )
    )
