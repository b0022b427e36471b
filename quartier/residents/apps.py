import datetime as dt

from django.apps import AppConfig


def _my_day_help_requests(request):
    """The "Mein Tag" section: her help requests due today and overdue (audited read)."""
    from django.utils import timezone

    from quartier.residents import access

    today = timezone.localdate()
    return {
        "today": today,
        "help_requests": list(access.help_requests_due_for(request.user, today)),
    }


class ResidentsConfig(AppConfig):
    name = "quartier.residents"
    verbose_name = "Bewohner"

    def ready(self):
        from quartier.accounts import permissions as perms
        from quartier.core import pwa, registry, schedule
        from quartier.residents import meeting

        schedule.register(
            "residents-retention", "quartier.residents.tasks.run_retention", at=dt.time(3, 0)
        )
        # The contact form opens without network; submissions wait in the outbox.
        if "residents:contact_new" not in pwa.OFFLINE_PAGES:
            pwa.OFFLINE_PAGES.append("residents:contact_new")
        for path in ("css/residents.css", "js/contact.js"):
            if path not in pwa.OFFLINE_STATIC:
                pwa.OFFLINE_STATIC.append(path)
        registry.add_page_section(
            registry.PageSection(
                page="my_day",
                template="residents/_my_day_section.html",
                context=_my_day_help_requests,
                allowed=perms.can_log_contacts,
                order=20,
            )
        )
        registry.add(
            "agenda_source",
            registry.AgendaSource(
                kind="help_request",
                entries=meeting.meeting_entries,
                existing=meeting.existing,
                order=20,
            ),
        )
