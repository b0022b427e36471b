"""The statistics app reads other apps' data; it stores only the coordinators' narrative for
the Sachbericht, as append-only versions (the newest one is printed)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import AppendOnlyModel


class NarrativeQuerySet(models.QuerySet):
    def latest_for(self, period_code: str):
        return self.filter(period_code=period_code).order_by("-created_at", "-id").first()


class Narrative(AppendOnlyModel):
    """The coordinators' text for one period's Sachbericht ("2025-Q2"); every save is a row."""

    period_code = models.CharField(_("Zeitraum"), max_length=20, db_index=True)
    text = models.TextField(_("Bericht der Koordination"), max_length=8000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NarrativeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Bericht der Koordination")
        verbose_name_plural = _("Berichte der Koordination")

    def __str__(self):
        return f"Sachbericht {self.period_code}"
