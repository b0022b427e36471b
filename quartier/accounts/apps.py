from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "quartier.accounts"
    verbose_name = "Konten"

    def ready(self):
        from quartier.accounts import contributions

        contributions.register()
