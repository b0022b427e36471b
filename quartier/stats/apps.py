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
        registry.add_demo_loader(registry.DemoLoader("quartier.stats.aggregates.load_demo", 999))

        from quartier.stats import public_figures, receivers

        receivers.connect()
        # The public pages read their figures per quarter from the monthly aggregates.
        registry.add("public_figures", public_figures.quarter_figures)
        # Stale-month marks are work to do, not data: a restore's own writes mark every
        # restored month again (receivers), and the marks in a backup would collide with them.
        registry.add("backup_excluded", "stats.StaleMonth")

        import datetime as dt

        from quartier.core import schedule

        schedule.register(
            "stats-warm", "quartier.stats.tasks.warm_statistics", every=dt.timedelta(minutes=10)
        )
        schedule.register(
            "stats-fold", "quartier.stats.tasks.fold_statistics", every=dt.timedelta(minutes=1)
        )
