import datetime as dt

from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "quartier.residents"
    verbose_name = "Bewohner"

    def ready(self):
        from quartier.core import pwa, schedule

        schedule.register(
            "residents-retention", "quartier.residents.tasks.run_retention", at=dt.time(3, 0)
        )
        # The contact form opens without network; submissions wait in the outbox.
        if "residents:contact_new" not in pwa.OFFLINE_PAGES:
            pwa.OFFLINE_PAGES.append("residents:contact_new")
        for path in ("css/residents.css", "js/contact.js"):
            if path not in pwa.OFFLINE_STATIC:
                pwa.OFFLINE_STATIC.append(path)
