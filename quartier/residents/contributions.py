"""What residents contributes to shared pages: menu, tiles, the day's help requests, the
contact form offline, its stylesheet and demo data."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms
from quartier.core import registry
from quartier.residents import access, meeting


def help_requests_due(request) -> dict:
    today = timezone.localdate()
    help_requests = list(access.help_requests_due_for(request.user, today))
    return {"help_requests": help_requests, "today": today}


def refer_to_entry(user, entry) -> dict | None:
    """The Wegweiser's "Vermittlung erfassen" button on an entry."""
    if not perms.can_log_contacts(user):
        return None
    url = f"{reverse('residents:referral_new')}?angebot={entry.pk}"
    return {"label": _("Vermittlung erfassen"), "url": url}


def register() -> None:
    from quartier.residents import audit_texts

    registry.add("audit_texts", audit_texts.TEXTS)
    registry.add("audit_objects", audit_texts.OBJECTS)
    _register_navigation()
    registry.add("directory_entry_action", refer_to_entry)
    for page, template in [
        ("home_helper", "residents/_section_home_helper.html"),
        ("my_day", "residents/_section_my_day.html"),
    ]:
        registry.add_page_section(
            registry.PageSection(
                page, template, help_requests_due, perms.can_log_contacts, order=10
            )
        )
    registry.add_stylesheet("css/residents.css")
    # The contact form opens without network; submissions wait in the outbox.
    registry.add_offline_page(
        "residents:contact_new", static=["css/residents.css", "js/contact.js"]
    )
    registry.add_demo_loader(registry.DemoLoader("quartier.residents.demo.load", order=60))
    # After the Wegweiser (70): people, their help today, a year of conversations and referrals.
    registry.add_demo_loader(registry.DemoLoader("quartier.residents.demo_lived_in.load", order=80))
    # Help requests flagged "für den Fachaustausch", pseudonymised, on the meeting's agenda.
    registry.add(
        "agenda_source",
        registry.AgendaSource(
            kind="help_request",
            entries=meeting.meeting_entries,
            existing=meeting.existing,
            order=20,
        ),
    )


def _register_navigation() -> None:
    for label, url_name, allowed, order in [
        (_("Gespräch"), "residents:contact_new", perms.can_log_contacts, 30),
        (_("Personen"), "residents:resident_list", perms.can_log_contacts, 80),
        (_("Gesprächsstatistik"), "residents:tally", perms.can_view_statistics, 90),
        (_("Bewohnerdaten"), "residents:privacy", perms.can_manage_privacy, 100),
    ]:
        registry.add_menu_item(registry.MenuItem(label, url_name, allowed, order))
    registry.add_tile(
        registry.Tile(
            _("Gespräch erfassen"),
            _("anonym, in Sekunden"),
            "residents:contact_new",
            "chat",
            perms.can_log_contacts,
            order=20,
        )
    )
    registry.add_tile(
        registry.Tile(
            _("Bewohnerdaten"),
            _("Aufbewahrung, Löschprotokoll, Auskunft"),
            "residents:privacy",
            "",
            perms.can_manage_privacy,
            order=20,
            page="privacy",
        )
    )
