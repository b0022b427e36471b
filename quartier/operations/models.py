"""Operations: the rota, the helper's day, small jobs, hotspots and the weekly expert meeting.

Privacy by design (staff co-determination): nothing here stores where a helper walked. A duty
day holds only when she started and ended; small jobs hold the place of the work, not a track.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    (0, _("Montag")),
    (1, _("Dienstag")),
    (2, _("Mittwoch")),
    (3, _("Donnerstag")),
    (4, _("Freitag")),
    (5, _("Samstag")),
    (6, _("Sonntag")),
]


def new_nonce() -> str:
    return secrets.token_hex(16)


# --- Rota ------------------------------------------------------------------------------------


class OpeningHours(models.Model):
    """When a base is open on one weekday; a base without any rows is not checked."""

    base = models.ForeignKey(
        "areas.Base", verbose_name=_("Stützpunkt"), on_delete=models.CASCADE, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=WEEKDAYS)
    opens = models.TimeField(_("öffnet"))
    closes = models.TimeField(_("schließt"))

    class Meta:
        ordering = ["base", "weekday"]
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        constraints = [
            models.UniqueConstraint(fields=["base", "weekday"], name="opening_hours_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="opening_hours_order"
            ),
        ]

    def __str__(self):
        return f"{self.base} {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ShiftPatternQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )

    def valid_between(self, start, end):
        return self.filter(valid_from__lte=end).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=start)
        )


class ShiftPattern(models.Model):
    """One line of a helper's weekly pattern: every <weekday> from <start> to <end> there."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Quartiershelfer*in"),
        on_delete=models.CASCADE,
        related_name="shift_patterns",
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=WEEKDAYS)
    quarter = models.ForeignKey(
        "areas.Quarter", verbose_name=_("Quartier"), on_delete=models.PROTECT, related_name="+"
    )
    base = models.ForeignKey(
        "areas.Base",
        verbose_name=_("Stützpunkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.TimeField(_("Beginn"))
    ends_at = models.TimeField(_("Ende"))
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShiftPatternQuerySet.as_manager()

    class Meta:
        ordering = ["helper", "weekday", "starts_at"]
        verbose_name = _("Dienst im Wochenplan")
        verbose_name_plural = _("Wochenplan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="shift_pattern_order"
            ),
        ]

    def __str__(self):
        return f"{self.helper} {self.get_weekday_display()} {self.quarter}"


class ExceptionKind(models.TextChoices):
    VACATION = "vacation", _("Urlaub")
    SICK = "sick", _("krank")
    TRAINING = "training", _("Fortbildung")
    DAY_OFF = "day_off", _("frei (getauschter Tag)")
    EXTRA = "extra", _("Einzeldienst (getauschter oder zusätzlicher Tag)")


# Kinds that take a helper off the rota for the day.
ABSENCE_KINDS = frozenset(
    {ExceptionKind.VACATION, ExceptionKind.SICK, ExceptionKind.TRAINING, ExceptionKind.DAY_OFF}
)


class ShiftException(models.Model):
    """A day that differs from the weekly pattern: an absence, or a one-off shift."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Quartiershelfer*in"),
        on_delete=models.CASCADE,
        related_name="shift_exceptions",
    )
    day = models.DateField(_("Tag"), db_index=True)
    kind = models.CharField(_("Art"), max_length=20, choices=ExceptionKind.choices)
    quarter = models.ForeignKey(
        "areas.Quarter",
        verbose_name=_("Quartier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    base = models.ForeignKey(
        "areas.Base",
        verbose_name=_("Stützpunkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.TimeField(_("Beginn"), null=True, blank=True)
    ends_at = models.TimeField(_("Ende"), null=True, blank=True)
    note = models.CharField(_("Notiz"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "helper"]
        verbose_name = _("Abweichung vom Wochenplan")
        verbose_name_plural = _("Abweichungen vom Wochenplan")

    def __str__(self):
        return f"{self.helper} {self.day} {self.get_kind_display()}"

    @property
    def is_absence(self) -> bool:
        return self.kind in ABSENCE_KINDS


class CalendarFeed(models.Model):
    """A helper's secret calendar link. A new nonce makes every older link useless."""

    helper = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=32, unique=True, default=new_nonce)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Kalender-Link")
        verbose_name_plural = _("Kalender-Links")

    def __str__(self):
        return f"Kalender {self.helper_id}"


# --- The helper's day ---------------------------------------------------------------------------


class DutyDay(models.Model):
    """Start and end of duty of one helper on one day. No places, no track."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty_days"
    )
    day = models.DateField(_("Tag"))
    started_at = models.DateTimeField(_("Dienstbeginn"))
    ended_at = models.DateTimeField(_("Dienstende"), null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("Diensttag")
        verbose_name_plural = _("Diensttage")
        constraints = [
            models.UniqueConstraint(fields=["helper", "day"], name="duty_day_once"),
        ]

    def __str__(self):
        return f"Dienst {self.day}"


class ResultCheck(models.Model):
    """A helper looked at a report the partner called done ("Nachkontrolle")."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="result_checks"
    )
    is_done = models.BooleanField(_("wirklich erledigt"))
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    image = models.ImageField(_("Foto"), upload_to="checks/%Y/%m/", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("Nachkontrolle")
        verbose_name_plural = _("Nachkontrollen")

    def __str__(self):
        return f"Nachkontrolle {self.report_id}"


# --- Small jobs ---------------------------------------------------------------------------------


class JobKind(models.TextChoices):
    LITTER = "litter", _("Müll gesammelt")
    SPOT_CLEANED = "spot_cleaned", _("Stelle mit Bewohner*innen gereinigt")
    GRAFFITI = "graffiti", _("Graffiti entfernt (wo erlaubt)")
    PLANTS = "plants", _("Pflanzen gegossen")
    BENCH = "bench", _("Bank gereinigt")
    CLEAN_UP = "clean_up", _("gemeinsame Aufräumaktion")


class JobQuerySet(models.QuerySet):
    def planned(self):
        return self.filter(done_at__isnull=True)

    def done(self):
        return self.filter(done_at__isnull=False)


class SmallJob(models.Model):
    """Care and cleaning work done (or planned) without a report. Counts, never names."""

    kind = models.CharField(_("Art"), max_length=20, choices=JobKind.choices)
    quarter = models.ForeignKey(
        "areas.Quarter", verbose_name=_("Quartier"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("Ort"), max_length=200)
    planned_for = models.DateField(_("geplant für"), null=True, blank=True, db_index=True)
    planned_time = models.TimeField(_("Uhrzeit"), null=True, blank=True)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("eingeplant"), blank=True, related_name="+"
    )
    bags = models.PositiveIntegerField(_("Säcke"), null=True, blank=True)
    area_m2 = models.PositiveIntegerField(_("Fläche (ca. m²)"), null=True, blank=True)
    residents_joined = models.PositiveIntegerField(_("Bewohner*innen dabei (Anzahl)"), default=0)
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Kleiner Einsatz")
        verbose_name_plural = _("Kleine Einsätze")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.quarter})"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class PhotoStage(models.TextChoices):
    BEFORE = "before", _("vorher")
    AFTER = "after", _("nachher")


class SmallJobPhoto(models.Model):
    job = models.ForeignKey(SmallJob, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("Zeitpunkt"), max_length=10, choices=PhotoStage.choices)
    image = models.ImageField(_("Foto"), upload_to="jobs/%Y/%m/")
    thumbnail = models.ImageField(_("Vorschau"), upload_to="jobs/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage", "id"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self):
        return f"Foto {self.pk}"


# --- Hotspots -----------------------------------------------------------------------------------


class HotspotRule(models.Model):
    """When reports of one category become a hotspot: N reports within R metres in D days."""

    category = models.OneToOneField(
        "reports.ReportCategory",
        verbose_name=_("Kategorie"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    min_reports = models.PositiveSmallIntegerField(_("Mindestzahl Meldungen"), default=3)
    radius_m = models.PositiveSmallIntegerField(_("Umkreis (m)"), default=30)
    window_days = models.PositiveSmallIntegerField(_("Zeitraum (Tage)"), default=60)
    suggestion = models.CharField(_("Vorschlag"), max_length=300, blank=True)
    authority = models.ForeignKey(
        "routing.Authority",
        verbose_name=_("Vorgeschlagener Partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Hotspot-Regel")
        verbose_name_plural = _("Hotspot-Regeln")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_reports__gte=2, radius_m__gte=5, window_days__gte=1),
                name="hotspot_rule_sane",
            ),
        ]

    def __str__(self):
        return str(self.category)


class HotspotQuerySet(models.QuerySet):
    def active(self):
        return self.filter(resolved_at__isnull=True)


class Hotspot(models.Model):
    """A spot where the same problem keeps coming back, with its reports as history."""

    rule = models.ForeignKey(HotspotRule, null=True, on_delete=models.SET_NULL, related_name="+")
    category = models.ForeignKey(
        "reports.ReportCategory",
        verbose_name=_("Kategorie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    quarter = models.ForeignKey(
        "areas.Quarter",
        verbose_name=_("Quartier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    radius_m = models.PositiveSmallIntegerField(_("Umkreis (m)"))
    address = models.CharField(_("Ort"), max_length=200, blank=True)
    suggestion = models.CharField(_("Vorschlag"), max_length=300, blank=True)
    authority = models.ForeignKey(
        "routing.Authority",
        verbose_name=_("Vorgeschlagener Partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reports = models.ManyToManyField(
        "reports.Report", through="HotspotReport", related_name="hotspots"
    )
    created_at = models.DateTimeField(_("erkannt am"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    objects = HotspotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Hotspot")
        verbose_name_plural = _("Hotspots")

    def __str__(self):
        return f"Hotspot {self.pk}: {self.category.name}"

    def get_absolute_url(self):
        return reverse("operations:hotspot_detail", args=[self.pk])


class HotspotReport(models.Model):
    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hotspot", "report"], name="hotspot_report_once"),
        ]

    def __str__(self):
        return f"{self.hotspot_id} ← {self.report_id}"


# --- Weekly expert meeting ----------------------------------------------------------------------


class ExpertMeeting(models.Model):
    """The weekly Fachaustausch: participants, an agenda that builds itself, minutes."""

    held_on = models.DateField(_("Datum"), db_index=True)
    starts_at = models.TimeField(_("Beginn"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    minutes_sent_at = models.DateTimeField(_("Protokoll versandt"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("Fachaustausch")
        verbose_name_plural = _("Fachaustausche")

    def __str__(self):
        return f"Fachaustausch {self.held_on:%d.%m.%Y}"


class Participant(models.Model):
    """Internal staff (an account) or an external expert (name, organisation, e-mail only)."""

    meeting = models.ForeignKey(
        ExpertMeeting, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("Name"), max_length=160, blank=True)
    organisation = models.CharField(_("Stelle"), max_length=160, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")

    def __str__(self):
        return self.organisation or self.name

    @property
    def is_external(self) -> bool:
        return self.user_id is None


class ItemKind(models.TextChoices):
    REPORT = "report", _("Meldung")
    HELP_REQUEST = "help_request", _("Hilfeanfrage")
    FORWARDING = "forwarding", _("Überfällige Weiterleitung")
    HOTSPOT = "hotspot", _("Neuer Hotspot")
    DERELICT = "derelict", _("Problemimmobilie")
    ACTION = "action", _("Offene Aufgabe")
    OTHER = "other", _("Sonstiges")


class AgendaItem(models.Model):
    """One point on a meeting's agenda. `source_key` ("report:12") says where it came from.

    The title is written without personal data when the item is created; the linked record may
    later be removed by retention, then the item shows "entfernt".
    """

    meeting = models.ForeignKey(ExpertMeeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("Art"), max_length=20, choices=ItemKind.choices)
    source_key = models.CharField(max_length=60, blank=True)
    title = models.CharField(_("Thema"), max_length=300)
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hotspot = models.ForeignKey(
        Hotspot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action_item = models.ForeignKey(
        "ActionItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("Notizen"), max_length=4000, blank=True)
    decision = models.TextField(_("Beschluss"), max_length=2000, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnung")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_key"],
                condition=~models.Q(source_key=""),
                name="agenda_item_once_per_meeting",
            ),
        ]

    def __str__(self):
        return self.title


class ActionItem(models.Model):
    """A task decided in a meeting: owner and due date, tracked until done."""

    meeting = models.ForeignKey(ExpertMeeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    text = models.CharField(_("Aufgabe"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verantwortlich"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_on = models.DateField(_("Fällig am"))
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")

    def __str__(self):
        return self.text

    @property
    def is_open(self) -> bool:
        return self.done_at is None


class ReportMeetingFlag(models.Model):
    """A report marked "für den Fachaustausch" by a helper or coordinator."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="+")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vormerkung für den Fachaustausch")
        verbose_name_plural = _("Vormerkungen für den Fachaustausch")

    def __str__(self):
        return f"Vormerkung {self.report_id}"
