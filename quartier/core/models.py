"""Cross-cutting records: the audit log, the worker heartbeat, accessibility feedback."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")


class AppendOnlyModel(models.Model):
    """A record that is written once and never changed: history, audit."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


class AuditEntry(AppendOnlyModel):
    """Who did what to which record, when. Never any personal content."""

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted; a username, never a resident's name.
    actor_label = models.CharField(_("Konto"), max_length=150, blank=True)
    action = models.CharField(_("Aktion"), max_length=80, db_index=True)
    object_type = models.CharField(_("Objekttyp"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    # A procedural note, never personal content: the legal reason and reference number of a
    # data subject's request, why a sign-on was refused.
    detail = models.CharField(_("Angabe"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class WorkerHeartbeat(models.Model):
    """One row per running task worker, touched every few seconds (shown in /healthz)."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id


class ScheduledJobRun(models.Model):
    """When a periodic job (see core/schedule.py) was last put on the task queue."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self):
        return self.name


class AccessibilityFeedback(models.Model):
    """Feedback sent through the accessibility statement (BITV NRW § 7)."""

    created_at = models.DateTimeField(_("Eingegangen"), auto_now_add=True)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    contact = models.CharField(_("Kontakt für Rückfragen"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.page_url}"


def localized_name(obj, field: str = "name") -> str:
    """`obj.name_en` on English pages when it is filled in, else `obj.name` (data labels)."""
    from django.utils.translation import get_language

    english = getattr(obj, f"{field}_en", "")
    if english and (get_language() or "").startswith("en"):
        return english
    return getattr(obj, field)
