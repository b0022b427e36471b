from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "quartier.stats"
    verbose_name = "Statistik"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from quartier.accounts import permissions as perms
        from quartier.core import registry

        registry.add_menu_item(
            registry.MenuItem(_("Statistik"), "stats:dashboard", perms.can_view_statistics, 95)
        )
        registry.add_stylesheet("css/stats.css")

        import datetime as dt

        from quartier.core import schedule

        schedule.register(
            "stats-warm", "quartier.stats.tasks.warm_statistics", every=dt.timedelta(minutes=10)
        )
