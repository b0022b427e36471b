from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "quartier.operations"
    verbose_name = "Einsatz"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from quartier.accounts import permissions as perms
        from quartier.core import registry

        registry.add_tile(
            registry.Tile(
                _("Meine Aufgaben"),
                _("Hilfeanfragen für heute"),
                "operations:my_day",
                "list",
                perms.can_log_contacts,
                order=30,
            )
        )
