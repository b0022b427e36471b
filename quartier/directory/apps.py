from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "quartier.directory"
    verbose_name = "Wegweiser"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.translation import gettext_lazy as _

        from quartier.directory import search_index

        post_migrate.connect(search_index.ensure, sender=self)

        from quartier.accounts import permissions as perms
        from quartier.core import registry

        registry.add_menu_item(
            registry.MenuItem(_("Wegweiser"), "directory:search", perms.can_use_directory, 40)
        )
        # The Wegweiser opens without network; searching then filters the entries last loaded.
        registry.add_offline_page(
            "directory:search", static=["css/directory.css", "js/directory-offline.js"]
        )
        # An entry and its handouts (page and PDF) open without network once opened with it.
        registry.add_offline_visited("directory:detail")
        registry.add_offline_visited(
            "directory:handout", static=["css/handout.css", "js/handout.js"]
        )
        registry.add_offline_visited("directory:handout_pdf")
        registry.add_tile(
            registry.Tile(
                _("Wegweiser"),
                _("Angebote für Bewohner*innen"),
                "directory:search",
                "signpost",
                perms.can_use_directory,
                order=40,
            )
        )
        registry.add_demo_loader(registry.DemoLoader("quartier.directory.demo.load", order=70))
