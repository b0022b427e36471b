from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "quartier.public"
    verbose_name = "Öffentliche Seiten"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from quartier.core import registry

        registry.add_menu_item(
            registry.MenuItem(_("Transparenz"), "public:transparency", order=200)
        )
