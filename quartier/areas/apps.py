from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "quartier.areas"
    verbose_name = "Gebiete"

    def ready(self):
        from quartier.core import registry

        # Quarters and bases first: everything else refers to them.
        registry.add_demo_loader(registry.DemoLoader("quartier.areas.demo.load", order=10))
