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


# --- Monthly aggregates ---------------------------------------------------------------------
# Counted from the other apps' rows, one calendar month at a time (`stats.aggregates`); the
# dashboard, the Sachbericht and the exports read these instead of the raw rows. Keys are plain
# ids (no foreign keys): names are looked up when a table is shown. `month` is the first day of
# the month in local time.


class MonthlyCount(models.Model):
    month = models.DateField()
    n = models.IntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{type(self).__name__} {self.month:%Y-%m}: {self.n}"


class ReportMonth(MonthlyCount):
    """Reports created in `month`, by quarter, leaf category, status and "by a helper"."""

    quarter_id = models.IntegerField(null=True)
    category_id = models.IntegerField()
    status = models.CharField(max_length=30)
    by_helper = models.BooleanField()
    bags = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "quarter_id"], name="stats_reportmonth_month")]


class ForwardingMonth(MonthlyCount):
    """Forwardings created in `month` (not superseded), by authority, the report's quarter,
    status, deadline (open ones only, for "overdue now") and whether the answer came late."""

    authority_id = models.IntegerField()
    quarter_id = models.IntegerField(null=True)
    status = models.CharField(max_length=30)
    due_date = models.DateField(null=True)
    late = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["month", "quarter_id"], name="stats_fwmonth_month")]


class AnswerTimeMonth(MonthlyCount):
    """How many forwardings created in `month` had their first answer ("first") or their
    resolution ("done") after `hours` whole hours, by authority and the report's quarter."""

    authority_id = models.IntegerField()
    quarter_id = models.IntegerField(null=True)
    measure = models.CharField(max_length=10)
    hours = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "quarter_id"], name="stats_answermonth_month")]


class ContactMonth(MonthlyCount):
    quarter_id = models.IntegerField()
    age_band = models.CharField(max_length=10)
    language = models.CharField(max_length=10)

    class Meta:
        indexes = [models.Index(fields=["month"], name="stats_contactmonth_month")]


class MentionMonth(MonthlyCount):
    """Topics named in contacts of `month` (leaf topic ids; a contact may name several)."""

    topic_id = models.IntegerField()
    age_band = models.CharField(max_length=10)

    class Meta:
        indexes = [models.Index(fields=["month"], name="stats_mentionmonth_month")]


class ReferralMonth(MonthlyCount):
    entry_id = models.IntegerField()
    outcome = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["month"], name="stats_referralmonth_month")]


class HelpMonth(MonthlyCount):
    """Help delivered in `month` (HelpCompletion.done_on), by the resident's quarter and kind."""

    quarter_id = models.IntegerField(null=True)
    kind = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["month"], name="stats_helpmonth_month")]


class StaleMonth(models.Model):
    """A month of one subject whose aggregate must be counted again: one row per change,
    inserted in the same transaction as the change. Writers only insert (they never wait for
    each other or for a fold); a fold locks and deletes the rows it has counted."""

    subject = models.CharField(max_length=20)
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["subject", "month"], name="stats_stalemonth_subject")]

    def __str__(self):
        return f"{self.subject} {self.month:%Y-%m}"


class ProtectedFamily(models.Model):
    """Which cells of one protected table family (`families.py`) are withheld, for the counts
    with this digest. Computing it takes up to a second; the same counts give the same
    pattern, so it is kept until the counts change."""

    name = models.CharField(max_length=20)
    year = models.IntegerField()
    digest = models.CharField(max_length=64)
    marks = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="stats_protectedfamily_unique")
        ]

    def __str__(self):
        return f"{self.name} {self.year}"


class FixTimeMonth(MonthlyCount):
    """Reports created in `month` that reached a done status, by quarter, leaf category and
    whether they are now a duplicate: how many after `hours` whole hours (the public pages'
    "median time to fix")."""

    quarter_id = models.IntegerField(null=True)
    category_id = models.IntegerField()
    duplicate = models.BooleanField()
    hours = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "quarter_id"], name="stats_fixmonth_month")]
