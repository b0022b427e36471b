"""Authorities (partners who fix things). Routing rules and forwardings build on these."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-Mail")
    OPEN311 = "open311", _("Open311")


class Authority(models.Model):
    name = models.CharField(_("Name"), max_length=160, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=30, blank=True)
    description = models.CharField(_("Zuständig für"), max_length=300, blank=True)
    # Several addresses, comma separated.
    emails = models.CharField(_("E-Mail-Adressen"), max_length=500, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    channel = models.CharField(
        _("Weg"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    open311_endpoint = models.URLField(_("Open311-Adresse"), blank=True)
    open311_api_key = models.CharField(_("Open311-API-Schlüssel"), max_length=200, blank=True)
    sla_working_days = models.PositiveSmallIntegerField(_("Frist (Arbeitstage)"), default=5)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_example_data = models.BooleanField(
        _("Beispieldaten"), default=False, help_text=_("Adressen und Telefon sind Beispiele.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Behörde / Partner")
        verbose_name_plural = _("Behörden / Partner")

    def __str__(self):
        return self.short_name or self.name

    @property
    def email_list(self) -> list[str]:
        return [e.strip() for e in self.emails.split(",") if e.strip()]
