"""Authorities, routing rules, forwardings with signed partner links, answers, notifications."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import AppendOnlyModel, localized_name


class Channel(models.TextChoices):
    EMAIL = "email", _("E-Mail")
    OPEN311 = "open311", _("Open311")


class Authority(models.Model):
    name = models.CharField(_("Name"), max_length=160, unique=True)
    # The name on English pages (empty: the German name is shown).
    name_en = models.CharField(_("Name (Englisch)"), max_length=160, blank=True)
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
    open311_jurisdiction_id = models.CharField(
        _("Open311-jurisdiction_id"), max_length=100, blank=True
    )
    # GeoReport v2 requires XML; JSON is optional. Partners that speak XML only get XML.
    open311_format = models.CharField(
        _("Open311-Format"),
        max_length=4,
        choices=[("json", "JSON"), ("xml", "XML")],
        default="json",
    )
    send_photo_links = models.BooleanField(
        _("Fotos verlinken"),
        default=True,
        help_text=_("Aus: die E-Mail enthält keine Fotos (z. B. Hilfe für Menschen in Not)."),
    )
    # The Monday summary: the date it was last sent (so it is sent once a week).
    summary_sent_on = models.DateField(_("Wochenübersicht gesendet am"), null=True, blank=True)
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
    def label(self) -> str:
        """The full name in the active language (English if set and English is active)."""
        return localized_name(self)

    @property
    def email_list(self) -> list[str]:
        return [e.strip() for e in self.emails.split(",") if e.strip()]


class RoutingRuleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, authority__is_active=True)


class RoutingRule(models.Model):
    """Category (or its parent) × quarter (or any quarter) → authority.

    The most specific active rule wins (see routing/rules.py): an exact category beats its
    parent category, and within that a rule for the report's quarter beats one for any quarter.
    """

    category = models.ForeignKey(
        "reports.ReportCategory",
        verbose_name=_("Kategorie"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
        help_text=_("Eine Oberkategorie gilt für alle ihre Unterkategorien."),
    )
    quarter = models.ForeignKey(
        "areas.Quarter",
        verbose_name=_("Quartier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        help_text=_("Leer: gilt in jedem Quartier."),
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("Zuständig"),
        on_delete=models.PROTECT,
        related_name="rules",
    )
    deadline_working_days = models.PositiveSmallIntegerField(
        _("Frist (Arbeitstage)"),
        null=True,
        blank=True,
        help_text=_("Leer: die Standardfrist der Behörde."),
    )
    auto_forward = models.BooleanField(
        _("Automatisch weiterleiten"),
        default=False,
        help_text=_("Neue Meldungen gehen ohne Prüfung durch die Koordination an den Partner."),
    )
    # The service_code at the partner's Open311 server, when the partner uses Open311.
    partner_service_code = models.CharField(
        _("Open311-Dienst beim Partner"), max_length=100, blank=True
    )
    note = models.CharField(
        _("Hinweis"),
        max_length=300,
        blank=True,
        help_text=_("Warum diese Regel gilt; wird auf der Meldung angezeigt."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoutingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["category__name", "quarter__name", "id"]
        verbose_name = _("Zuständigkeitsregel")
        verbose_name_plural = _("Zuständigkeitsregeln")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="routing_rule_unique_category_quarter",
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(quarter__isnull=True),
                name="routing_rule_unique_category_any_quarter",
            ),
        ]

    def __str__(self):
        where = self.quarter.name if self.quarter_id else _("alle Quartiere")
        return f"{self.category} · {where} → {self.authority}"

    @property
    def deadline_days(self) -> int:
        if self.deadline_working_days is not None:
            return self.deadline_working_days
        return self.authority.sla_working_days


class ForwardingStatus(models.TextChoices):
    PENDING = "pending", _("Wird gesendet")
    SENT = "sent", _("Gesendet")
    FAILED = "failed", _("Zustellung fehlgeschlagen")
    ACKNOWLEDGED = "acknowledged", _("Übernommen")
    RESOLVED = "resolved", _("Erledigt")
    NOT_RESPONSIBLE = "not_responsible", _("Nicht zuständig")
    SUPERSEDED = "superseded", _("Abgelöst")


# A forwarding in one of these states still waits for the partner.
WAITING_STATUSES = frozenset(
    {ForwardingStatus.PENDING, ForwardingStatus.SENT, ForwardingStatus.ACKNOWLEDGED}
)


class ForwardingQuerySet(models.QuerySet):
    def waiting(self):
        """Sent (or being sent) and not yet answered with done / not ours."""
        return self.filter(status__in=WAITING_STATUSES)

    def overdue(self, today):
        return self.waiting().filter(due_date__lt=today)

    def failed(self):
        return self.filter(status=ForwardingStatus.FAILED)

    def for_authority(self, authority):
        return self.filter(authority=authority)

    def open311_waiting(self):
        """Delivered to an Open311 partner and still open: what the Open311 client polls."""
        return self.waiting().filter(authority__channel=Channel.OPEN311).exclude(external_id="")


class Forwarding(models.Model):
    """One report sent to one authority, with a deadline, a signed partner link and answers."""

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("Meldung"),
        on_delete=models.CASCADE,
        related_name="forwardings",
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("Behörde / Partner"),
        on_delete=models.PROTECT,
        related_name="forwardings",
    )
    rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("Regel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forwardings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Weitergeleitet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_automatic = models.BooleanField(_("automatisch"), default=False)
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("Gesendet"), null=True, blank=True)
    due_date = models.DateField(_("Frist"), db_index=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=ForwardingStatus.choices,
        default=ForwardingStatus.PENDING,
    )
    message = models.TextField(_("Nachricht an den Partner"), max_length=2000, blank=True)
    # The partner's id for this request (Open311 service_request_id at the partner).
    external_id = models.CharField(_("Vorgangsnummer beim Partner"), max_length=100, blank=True)
    # Delivery (e-mail or Open311) with retries; a failure is shown, never dropped.
    attempts = models.PositiveSmallIntegerField(_("Zustellversuche"), default=0)
    last_attempt_at = models.DateTimeField(_("Letzter Versuch"), null=True, blank=True)
    last_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)
    # Set while a worker sends it (claimed before sending, cleared with the outcome): a second
    # task for the same item skips it; a claim of a dead worker is cleared by the sweeper.
    delivering_worker = models.CharField(max_length=64, blank=True, editable=False)
    delivering_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Part of the signed partner link: a new nonce invalidates every older link.
    token_nonce = models.CharField(max_length=32, unique=True)
    link_expires_at = models.DateTimeField(_("Link gültig bis"))
    answered_at = models.DateTimeField(_("Beantwortet"), null=True, blank=True)
    # Idempotency markers for the reminder job.
    reminder_before_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_after_sent_at = models.DateTimeField(null=True, blank=True)

    objects = ForwardingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Weiterleitung")
        verbose_name_plural = _("Weiterleitungen")
        indexes = [
            models.Index(fields=["status", "due_date"], name="forwarding_status_due_idx"),
        ]

    def __str__(self):
        return f"Meldung {self.report_id} → {self.authority}"

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING_STATUSES


class AnswerKind(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", _("Übernommen")
    RESOLVED = "resolved", _("Erledigt")
    NOT_RESPONSIBLE = "not_responsible", _("Nicht zuständig")
    COMMENT = "comment", _("Kommentar")


class AnswerChannel(models.TextChoices):
    LINK = "link", _("Partnerlink")
    OPEN311 = "open311", _("Open311")
    STAFF = "staff", _("Von der Koordination eingetragen")


def answer_photo_path(instance, filename):
    return f"answers/{instance.forwarding.created_at:%Y/%m}/{uuid.uuid4().hex}.jpg"


class PartnerAnswer(AppendOnlyModel):
    """What a partner said about a forwarding. Append-only; each one is also report history."""

    forwarding = models.ForeignKey(Forwarding, on_delete=models.CASCADE, related_name="answers")
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("Antwort"), max_length=20, choices=AnswerKind.choices)
    channel = models.CharField(
        _("Weg"), max_length=10, choices=AnswerChannel.choices, default=AnswerChannel.LINK
    )
    comment = models.TextField(_("Kommentar"), max_length=2000, blank=True)
    suggested_authority = models.CharField(_("Wer ist zuständig?"), max_length=200, blank=True)
    photo = models.ImageField(_("Foto"), upload_to=answer_photo_path, blank=True)
    # For answers that arrive by Open311 (mySociety update_id): a replay is recognised.
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Antwort des Partners")
        verbose_name_plural = _("Antworten der Partner")

    def __str__(self):
        return f"{self.forwarding_id}: {self.kind}"


class MailKind(models.TextChoices):
    REMINDER_BEFORE = "reminder_before", _("Erinnerung vor Fristablauf")
    REMINDER_AFTER = "reminder_after", _("Erinnerung nach Fristablauf")
    REOPENED = "reopened", _("Wieder geöffnet")
    WEEKLY_SUMMARY = "weekly_summary", _("Wochenübersicht")
    ANSWER_NOTICE = "answer_notice", _("Hinweis auf Antwort")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("In der Warteschlange")
    SENT = "sent", _("Gesendet")
    FAILED = "failed", _("Fehlgeschlagen")


class MailDelivery(models.Model):
    """A follow-up e-mail (reminder, summary, notice) on its way, retried with back-off."""

    kind = models.CharField(_("Art"), max_length=20, choices=MailKind.choices)
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
    )
    forwarding = models.ForeignKey(
        Forwarding, null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
    )
    recipients = models.CharField(_("Empfänger"), max_length=500)
    subject = models.CharField(_("Betreff"), max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("Gesendet"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Zustellversuche"), default=0)
    last_attempt_at = models.DateTimeField(_("Letzter Versuch"), null=True, blank=True)
    last_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)
    # Set while a worker sends it (claimed before sending, cleared with the outcome): a second
    # task for the same item skips it; a claim of a dead worker is cleared by the sweeper.
    delivering_worker = models.CharField(max_length=64, blank=True, editable=False)
    delivering_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("E-Mail-Zustellung")
        verbose_name_plural = _("E-Mail-Zustellungen")

    def __str__(self):
        return f"{self.get_kind_display()} an {self.recipients}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A short in-app notice for one user (e.g. "GSAK hat Meldung 12 übernommen")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = models.CharField(_("Text"), max_length=300)
    link = models.CharField(_("Link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("Gelesen"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")

    def __str__(self):
        return self.text


# --- Partner systems that call the Open311 API ------------------------------------------------


class ApiClientQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_key(self, raw_key: str):
        """The client whose key hashes to `raw_key` (an empty queryset for an empty key)."""
        if not raw_key:
            return self.none()
        return self.filter(key_hash=hash_api_key(raw_key))


def hash_api_key(raw_key: str) -> str:
    """SHA-256 of the key. Keys are long random strings, so a fast hash is enough."""
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


class ApiClient(models.Model):
    """A partner system with an Open311 API key. Only the key's hash is stored."""

    name = models.CharField(_("Partnersystem"), max_length=160, unique=True)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("Behörde / Partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="api_clients",
        help_text=_("Statusmeldungen dieses Systems gelten als Antwort dieses Partners."),
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the key, so admins can tell keys apart without seeing them.
    key_prefix = models.CharField(_("Schlüsselanfang"), max_length=8, editable=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("Ausgestellt am"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("Gesperrt am"), null=True, blank=True, editable=False)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-Zugang (Open311)")
        verbose_name_plural = _("API-Zugänge (Open311)")

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"
