import datetime as dt

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "quartier.reports"
    verbose_name = "Meldungen"

    def ready(self):
        from django.db.models.signals import post_migrate

        from quartier.core import schedule
        from quartier.reports import contributions, search_index

        contributions.register()
        post_migrate.connect(search_index.ensure, sender=self)
        # Shorter than the grids' time in the cache (mapdata.GRID_CACHE_SECONDS).
        schedule.register(
            "reports-map-grids",
            "quartier.reports.tasks.warm_map_grids",
            every=dt.timedelta(minutes=2),
        )
