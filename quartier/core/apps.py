from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quartier.core"
    verbose_name = "Kern"

    def ready(self):
        from quartier import checks  # noqa: F401  (registers the configuration checks)
        from quartier.core import security_log  # noqa: F401  (login events into the audit log)
