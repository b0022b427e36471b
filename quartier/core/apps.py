from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "quartier.core"
    verbose_name = "Kern"

    def ready(self):
        from quartier import checks  # noqa: F401  (registers the configuration checks)
        from quartier.core import security_log  # noqa: F401  (login events into the audit log)


class ReadOnlyAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the read-only site of quartier/core/admin_site.py."""

    default = False
    default_site = "quartier.core.admin_site.ReadOnlyAdminSite"
