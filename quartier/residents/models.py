"""Residents' data (social data, SGB X §§ 67 ff.): contacts, residents, consent, help requests.

Everything in this app is fenced: reads go through `access.py`, writes through `actions.py`,
and each of them leaves an audit entry without content.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import AppendOnlyModel

# --- Contacts: the anonymous tally --------------------------------------------------------------


class ContactPlace(models.TextChoices):
    STREET = "street", _("Straße")
    BASE = "base", _("Stützpunkt")
    HOME_VISIT = "home_visit", _("Hausbesuch")
    PHONE = "phone", _("Telefon")


class AgeBand(models.TextChoices):
    UNDER_65 = "under_65", _("unter 65")
    FROM_65 = "65_79", _("65–79")
    FROM_80 = "80_plus", _("80 und älter")


class Gender(models.TextChoices):
    FEMALE = "female", _("weiblich")
    MALE = "male", _("männlich")
    DIVERSE = "diverse", _("divers")


class ConversationLanguage(models.TextChoices):
    GERMAN = "de", _("Deutsch")
    TURKISH = "tr", _("Türkisch")
    POLISH = "pl", _("Polnisch")
    ARABIC = "ar", _("Arabisch")
    RUSSIAN = "ru", _("Russisch")
    UKRAINIAN = "uk", _("Ukrainisch")
    BULGARIAN = "bg", _("Bulgarisch")
    ROMANIAN = "ro", _("Rumänisch")
    ENGLISH = "en", _("Englisch")
    OTHER = "other", _("andere Sprache")


class ContactOutcome(models.TextChoices):
    INFORMATION = "information", _("Information")
    HANDOUT = "handout", _("Infoblatt mitgegeben")
    REFERRAL = "referral", _("Vermittlung")
    PRACTICAL_HELP = "practical_help", _("Praktische Hilfe")
    REPORT_FILED = "report_filed", _("Meldung erstellt")


class ContactQuerySet(models.QuerySet):
    def in_quarters(self, quarters):
        return self.filter(quarter__in=quarters)

    def since(self, moment):
        return self.filter(created_at__gte=moment)


class Contact(models.Model):
    """One conversation, as an anonymous tally entry: no name, no free text."""

    quarter = models.ForeignKey(
        "areas.Quarter", verbose_name=_("Quartier"), on_delete=models.PROTECT, related_name="+"
    )
    # Who logged it: for access and audit only; never shown as a ranking (no tracking of staff).
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Erfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Erfasst am"), db_index=True)
    place = models.CharField(_("Wo"), max_length=20, choices=ContactPlace.choices)
    age_band = models.CharField(_("Alter"), max_length=10, choices=AgeBand.choices)
    gender = models.CharField(_("Geschlecht"), max_length=10, choices=Gender.choices, blank=True)
    language = models.CharField(
        _("Sprache des Gesprächs"),
        max_length=10,
        choices=ConversationLanguage.choices,
        default=ConversationLanguage.GERMAN,
    )
    is_repeat = models.BooleanField(_("Wiederholter Kontakt"), default=False)
    topics = models.ManyToManyField("taxonomy.Topic", verbose_name=_("Themen"), related_name="+")
    # Codes from ContactOutcome, e.g. ["information", "handout"].
    outcomes = models.JSONField(_("Was wurde getan"), default=list, blank=True)
    # Generated on the phone: a retried or replayed offline submission is stored once.
    client_id = models.UUIDField(_("Geräte-ID"), unique=True, default=uuid.uuid4)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Gespräch")
        verbose_name_plural = _("Gespräche")
        indexes = [
            models.Index(fields=["quarter", "created_at"], name="contact_quarter_created_idx")
        ]

    def __str__(self):
        return f"Gespräch {self.pk}"


class ContactDayCount(models.Model):
    """Contacts per quarter, local day, top-level topic and age band: the tally's kept counts.

    A contact counts once per top-level topic it mentions (two topics under "Gesundheit" are
    one "Gesundheit" contact). Kept up to date in the writer's transaction by
    `contact_counts` (model signals, ADR 0022); `manage.py rebuild_contact_counts` counts
    everything again after writes that bypass the models (bulk loads, SQL, restores).
    """

    quarter = models.ForeignKey("areas.Quarter", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()  # in settings.TIME_ZONE
    topic = models.ForeignKey("taxonomy.Topic", on_delete=models.CASCADE, related_name="+")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    contacts = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "day", "topic", "age_band"], name="contact_day_count_key"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.topic_id} {self.age_band}: {self.contacts}"


# --- Residents: a deliberate second step --------------------------------------------------------


class ResidentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(anonymised_at__isnull=True)

    def worked_with_by(self, user):
        return self.filter(helpers=user)

    def in_quarters(self, quarters):
        return self.filter(quarter__in=quarters)

    def unrestricted(self):
        return self.filter(is_restricted=False)

    def inactive_since(self, moment):
        """Person records whose last contact lies before `moment` (retention)."""
        return self.active().filter(last_contact_at__lt=moment)


class Resident(models.Model):
    """A person who gets concrete help. Minimum data: name, how to reach, reason."""

    display_name = models.CharField(_("Name oder Rufname"), max_length=100, blank=True)
    reach = models.CharField(_("Erreichbar über"), max_length=200, blank=True)
    address = models.CharField(_("Adresse (nur wenn nötig)"), max_length=200, blank=True)
    reason = models.CharField(_("Grund für die Erfassung"), max_length=300, blank=True)
    quarter = models.ForeignKey(
        "areas.Quarter", verbose_name=_("Quartier"), on_delete=models.PROTECT, related_name="+"
    )
    age_band = models.CharField(_("Alter"), max_length=10, choices=AgeBand.choices, blank=True)
    # Beyond the minimum: only with consent (see Consent); health notes only with written consent.
    notes = models.TextField(_("Notizen"), max_length=2000, blank=True)
    topics = models.ManyToManyField(
        "taxonomy.Topic", verbose_name=_("Themen"), blank=True, related_name="+"
    )
    helpers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Betreut von"),
        blank=True,
        related_name="residents",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"))
    last_contact_at = models.DateTimeField(_("Letzter Kontakt"), db_index=True)
    # DSGVO Art. 18 (restriction: stored, not processed) and Art. 16 (accuracy disputed).
    is_restricted = models.BooleanField(_("Verarbeitung eingeschränkt"), default=False)
    is_disputed = models.BooleanField(_("Richtigkeit bestritten"), default=False)
    anonymised_at = models.DateTimeField(_("Anonymisiert am"), null=True, blank=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        # Never the name: this string ends up in logs and admin pages.
        return f"Person {self.pk}"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Schriftlich (unterschriebenes Blatt, fotografiert)")
    VERBAL = "verbal", _("Mündlich, mit Zeugin oder Zeuge")


def consent_document_path(instance, filename):
    # Private: under MEDIA_ROOT but never served as static media; the name carries no content.
    extension = ".pdf" if filename.lower().endswith(".pdf") else ".jpg"
    return f"residents/consent/{uuid.uuid4().hex}{extension}"


class ConsentQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def written(self):
        return self.filter(form=ConsentForm.WRITTEN).exclude(document="")


class Consent(models.Model):
    """A resident's consent: scope, date, form, info-sheet version and revocation."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="consents")
    covers_help = models.BooleanField(
        _("Hilfeanfragen und Notizen"),
        default=True,
        help_text=_("Daten über die Grundangaben hinaus speichern, um zu helfen."),
    )
    covers_health = models.BooleanField(
        _("Gesundheit"), default=False, help_text=_("Nur mit schriftlicher Einwilligung.")
    )
    covers_referral = models.BooleanField(
        _("Weitergabe an Stellen aus dem Wegweiser"), default=False
    )
    given_on = models.DateField(_("Erteilt am"))
    form = models.CharField(_("Form"), max_length=10, choices=ConsentForm.choices)
    document = models.FileField(
        _("Foto oder Scan des Blatts"), upload_to=consent_document_path, blank=True
    )
    witness = models.CharField(_("Zeugin oder Zeuge"), max_length=100, blank=True)
    info_sheet_version = models.CharField(_("Version des Infoblatts"), max_length=20)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")

    def __str__(self):
        return f"Einwilligung {self.pk}"

    @property
    def is_written(self) -> bool:
        return self.form == ConsentForm.WRITTEN and bool(self.document)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


# --- Help requests ------------------------------------------------------------------------------


class HelpKind(models.TextChoices):
    SHOPPING = "shopping", _("Einkaufen")
    SMARTPHONE = "smartphone", _("Smartphone erklären")
    LOST_ITEM = "lost_item", _("Verlorenes suchen")
    CLEANING = "cleaning", _("Gemeinsam sauber machen")
    ACCOMPANY = "accompany", _("Begleitung zu einem Amt oder Termin")
    OTHER = "other", _("Andere Hilfe")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Einmalig")
    WEEKLY = "weekly", _("Jede Woche")
    FORTNIGHTLY = "fortnightly", _("Alle zwei Wochen")
    MONTHLY = "monthly", _("Jeden Monat")


class HelpStatus(models.TextChoices):
    OPEN = "open", _("Offen")
    DONE = "done", _("Erledigt")
    CANCELLED = "cancelled", _("Beendet")


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=HelpStatus.OPEN)

    def due_by(self, day):
        """Open requests due on `day` or overdue."""
        return self.open().filter(due_on__lte=day)

    def assigned_to(self, user):
        return self.filter(helpers=user)


class HelpRequest(models.Model):
    """Concrete, possibly recurring help for one resident (shopping every Tuesday)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="help_requests")
    kind = models.CharField(_("Art der Hilfe"), max_length=20, choices=HelpKind.choices)
    recurrence = models.CharField(
        _("Wie oft"), max_length=20, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    due_on = models.DateField(_("Fällig am"), db_index=True)
    ends_on = models.DateField(_("Endet am"), null=True, blank=True)
    helpers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Zuständig"), related_name="help_requests"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=HelpStatus.choices, default=HelpStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)
    # "Für den Fachaustausch": the weekly expert meeting discusses it, pseudonymised.
    for_expert_meeting = models.BooleanField(_("für den Fachaustausch"), default=False)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("Hilfeanfrage")
        verbose_name_plural = _("Hilfeanfragen")

    def __str__(self):
        return f"Hilfeanfrage {self.pk}"

    @property
    def is_recurring(self) -> bool:
        return self.recurrence != Recurrence.ONCE


class HelpCompletion(AppendOnlyModel):
    """Append-only: each time a help request was done (one tap), with an optional short note."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="completions"
    )
    done_on = models.DateField(_("Erledigt am"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("Kurze Notiz"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name = _("Erledigung")
        verbose_name_plural = _("Erledigungen")

    def __str__(self):
        return f"Erledigung {self.pk}"


# --- Referrals ----------------------------------------------------------------------------------


class LegalBasis(models.TextChoices):
    NONE = "", _("Keine personenbezogenen Daten weitergegeben")
    CONSENT = "consent", _("Einwilligung")
    VITAL_INTERESTS = "vital_interests", _("Lebenswichtige Interessen (Art. 6 Abs. 1 d DSGVO)")
    SGB_X_69 = "sgb_x_69", _("Erfüllung sozialer Aufgaben (§ 69 SGB X)")


class ReferralOutcome(models.TextChoices):
    UNKNOWN = "unknown", _("Unbekannt")
    TAKEN_UP = "taken_up", _("Angenommen")
    NOT_TAKEN_UP = "not_taken_up", _("Nicht angenommen")


class Referral(models.Model):
    """A person passed on to a Wegweiser entry; anonymous unless a resident is linked."""

    entry = models.ForeignKey(
        "directory.DirectoryEntry",
        verbose_name=_("Angebot"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referred_on = models.DateField(_("Datum"))
    quarter = models.ForeignKey(
        "areas.Quarter", verbose_name=_("Quartier"), on_delete=models.PROTECT, related_name="+"
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    passes_personal_data = models.BooleanField(
        _("Personenbezogene Daten werden weitergegeben"), default=False
    )
    legal_basis = models.CharField(
        _("Rechtsgrundlage"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    outcome = models.CharField(
        _("Ergebnis"),
        max_length=20,
        choices=ReferralOutcome.choices,
        default=ReferralOutcome.UNKNOWN,
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")

    def __str__(self):
        return f"Vermittlung {self.pk}"


# --- Deletion log -------------------------------------------------------------------------------


class DeletionReason(models.TextChoices):
    RETENTION = "retention", _("Aufbewahrungsfrist abgelaufen")
    ERASURE_REQUEST = "erasure_request", _("Löschung auf Antrag")
    CONSENT_REVOKED = "consent_revoked", _("Einwilligung widerrufen")


class DeletionLogEntry(AppendOnlyModel):
    """What was anonymised or deleted, when and why: never any content."""

    created_at = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    record_type = models.CharField(_("Art des Datensatzes"), max_length=40)
    operation = models.CharField(_("Vorgang"), max_length=20)  # "anonymised" or "deleted"
    reason = models.CharField(_("Grund"), max_length=20, choices=DeletionReason.choices)
    count = models.PositiveIntegerField(_("Anzahl"), default=1)
    actor_label = models.CharField(_("Ausgelöst von"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Löschprotokoll")
        verbose_name_plural = _("Löschprotokoll")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.record_type} {self.operation} {self.count}"
