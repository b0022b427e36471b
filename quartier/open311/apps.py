import datetime as dt

from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "quartier.open311"
    verbose_name = "Open311"

    def ready(self):
        from quartier.core import registry, schedule
        from quartier.open311.client import send_forwarding
        from quartier.routing import channels

        registry.add_demo_loader(registry.DemoLoader("quartier.open311.demo.load", order=40))
        channels.register_sender("open311", send_forwarding)

        # FixMyStreet-style two-way sync: partners are polled every 15 minutes.
        schedule.register(
            "open311.poll_updates",
            "quartier.open311.tasks.poll_partners",
            every=dt.timedelta(minutes=15),
        )
