import datetime as dt

from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "quartier.residents"
    verbose_name = "Bewohner"

    def ready(self):
        from quartier.core import registry, schedule
        from quartier.residents import contact_counts, contributions

        schedule.register(
            "residents-retention", "quartier.residents.tasks.run_retention", at=dt.time(3, 0)
        )
        contributions.register()
        contact_counts.connect()
        # Kept counts are derived: a restore's own writes count every restored contact again
        # (receivers), and the counts in a backup would collide with them.
        registry.add("backup_excluded", "residents.ContactDayCount")
