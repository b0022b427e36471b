"""Reports of problems in public space: categories, reports, photos, status history."""

import uuid

from django.conf import settings
from django.db import connections, models
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.areas.geo import bounding_box
from quartier.core import textsearch
from quartier.core.models import AppendOnlyModel, localized_name
from quartier.reports import search_index

# A text search with at least this many hits is "dense" (see ReportQuerySet.search).
DENSE_HITS = 2000


class ReportCategory(models.Model):
    """Two levels (Abfall → Wilder Müll); a category maps to an Open311 service_code."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("Oberkategorie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("Name"), max_length=100)
    # The name on English pages (empty: the German name is shown).
    name_en = models.CharField(_("Name (Englisch)"), max_length=100, blank=True)
    code = models.SlugField(_("Code (Open311 service_code)"), max_length=60, unique=True)
    icon = models.CharField(_("Symbol"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_public = models.BooleanField(
        _("öffentlich"),
        default=True,
        help_text=_("Nicht öffentliche Kategorien erscheinen nie in Open311 oder Karten."),
    )
    default_authority_hint = models.CharField(_("Zuständig (Hinweis)"), max_length=120, blank=True)
    # Extra fields for a category, e.g. [{"code": "lamp_post_number", "label": "Mastnummer",
    # "datatype": "string", "required": true}]. Shown in the form and in Open311.
    attributes = models.JSONField(_("Zusatzfelder"), default=list, blank=True)
    # What the category is about, for partner systems (Open311 `description`, `keywords`).
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    keywords = models.CharField(
        _("Stichwörter"), max_length=200, blank=True, help_text=_("Durch Kommas getrennt.")
    )
    # Further groups besides the parent category, e.g. ["Straße und Verkehr"] (Open311 `groups`).
    extra_groups = models.JSONField(_("Weitere Gruppen"), default=list, blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")

    def __str__(self):
        return f"{self.parent.label} → {self.label}" if self.parent_id else self.label

    @property
    def label(self) -> str:
        """The name in the active language (English if set and English is active)."""
        return localized_name(self)


class ReportStatus(models.TextChoices):
    NEW = "new", _("Neu")
    FORWARDED = "forwarded", _("Weitergeleitet")
    ACKNOWLEDGED = "acknowledged", _("Übernommen")
    RESOLVED = "resolved", _("Erledigt")
    RESOLVED_BY_HELPER = "resolved_by_helper", _("Selbst erledigt")
    NOT_RESPONSIBLE = "not_responsible", _("Nicht zuständig")
    REOPENED = "reopened", _("Wieder geöffnet")
    DUPLICATE = "duplicate", _("Doppelt")
    CLOSED = "closed", _("Geschlossen")


OPEN_STATUSES = frozenset(
    {
        ReportStatus.NEW,
        ReportStatus.FORWARDED,
        ReportStatus.ACKNOWLEDGED,
        ReportStatus.NOT_RESPONSIBLE,
        ReportStatus.REOPENED,
    }
)


class ReportSource(models.TextChoices):
    FIELD = "field", _("Vor Ort")
    ON_BEHALF = "on_behalf_of_resident", _("Für Bewohner*in")
    PHONE = "phone", _("Telefon")
    OPEN311 = "open311", _("Open311")


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.exclude(status__in=OPEN_STATUSES)

    def in_quarter(self, quarter):
        return self.filter(quarter=quarter)

    def public(self):
        return self.filter(category__is_public=True)

    # --- Coordinator side: inbox, list and map filters ------------------------------------

    def in_category(self, category):
        """Reports of a category; a top-level category includes its sub-categories.

        The category ids are resolved first (a small query), so the filter is `category IN
        (…)` and the (quarter, category, created_at) index applies, not `… OR parent = X`.
        """
        children = ReportCategory.objects.filter(parent=category).values_list("pk", flat=True)
        return self.filter(category_id__in=[category.pk, *children])

    def with_status(self, status: str, *, walking: bool = False):
        """`open`, `closed` or one ReportStatus value. `walking`: the rows will be walked
        newest first and tested one by one (a search); SQLite then tests the open statuses on
        each row instead of reading every open report from the status index and sorting them
        (PostgreSQL's planner makes that choice itself)."""
        if status == "open":
            if walking and connections[self.db].vendor == "sqlite":
                return self.filter(In(_NoIndex(F("status")), sorted(OPEN_STATUSES)))
            return self.open()
        if status == "closed":
            return self.closed()
        return self.filter(status=status)

    def created_between(self, start=None, end=None):
        """Reports created on or after `start` and before `end` (aware datetimes, both optional)."""
        qs = self
        if start is not None:
            qs = qs.filter(created_at__gte=start)
        if end is not None:
            qs = qs.filter(created_at__lt=end)
        return qs

    def search(self, text: str):
        """Every word must occur in description or address (full-text index: word forms,
        synonyms, umlauts in any case; "Matratzen" finds "Matratze", "Müll" finds "Abfall")
        or in the category's name (German or English, or its parent's); "#123" finds a
        number. Newest first, like the rest of the inbox."""
        text = text.strip()
        if text.startswith("#") and text[1:].isdigit():
            return self.filter(pk=int(text[1:]))
        words = textsearch.query_words(text)
        if not words:
            return self.none()
        by_category = _categories_matching(words)
        text_only = " ".join(word for word, ids in by_category.items() if not ids)
        # Words found only in the text bound the number of hits; a category word does not.
        # Few hits: their ids, read from the index. Many hits (a common word, a category's
        # name): walk the reports newest first and test each, instead of collecting and
        # sorting every hit (ADR 0016).
        few = self._few_hits(text_only) if text_only else None
        dense = few is None
        result = self.filter(pk__in=few) if few is not None else self
        if text_only and dense:
            result = result.filter(self._text_matches(text_only, dense))
        for word, ids in by_category.items():
            if ids:
                in_category = models.Q(
                    In(_NoIndex(F("category_id")) if dense else F("category_id"), ids)
                )
                result = result.filter(self._text_matches(word, dense) | in_category)
        return result

    def _text_matches(self, text: str, dense: bool) -> models.Q:
        vendor = connections[self.db].vendor
        row = search_index.row_matches(vendor, text)
        if row is not None:
            # PostgreSQL: test each row's stored document while walking the reports newest
            # first; `id IN (…)` would collect every hit before the page's LIMIT.
            return models.Q(row)
        found = search_index.matching_ids(vendor, text)
        if found is None:
            return models.Q(pk__in=[])
        pk = _NoIndex(F("pk")) if dense else F("pk")
        return models.Q(In(pk, RawSQL(*found)))  # noqa: S611 - parameters, see search_index

    def _few_hits(self, text: str) -> list[int] | None:
        """The ids of the reports matching `text` if fewer than DENSE_HITS, else None."""
        return search_index.few_matching_ids(connections[self.db], text, DENSE_HITS)

    def near(self, latitude: float, longitude: float, radius_m: float):
        """Reports inside the bounding box of a circle (a cheap pre-filter, no exact distance)."""
        south, north, west, east = bounding_box(latitude, longitude, radius_m)
        return self.filter(latitude__range=(south, north), longitude__range=(west, east))

    def for_listing(self):
        """What an inbox or list row shows, in one query."""
        return self.select_related("category", "category__parent", "quarter")

    def open_or_since(self, since):
        """Still open, or created at or after `since` (whatever their status)."""
        return self.filter(models.Q(status__in=OPEN_STATUSES) | models.Q(created_at__gte=since))


class _NoIndex(models.Func):
    """`+column`: the database does not use this column's index to find the rows (SQLite then
    walks an index in the order asked for and tests the condition on each row)."""

    template = "+%(expressions)s"


def _categories_matching(words: list[str]) -> dict[str, list[int]]:
    """Per query word, the categories whose name (German, English or the parent's) it
    matches, as a word form or a synonym."""
    rows = ReportCategory.objects.values_list("pk", "name", "name_en", "parent__name")
    documents = [(pk, {"name": " ".join(filter(None, names))}) for pk, *names in rows]
    return {word: textsearch.rank(word, documents) for word in words}


def place_text(address: str, nearest_address: str, nearest_address_m: int | None) -> str:
    """A report's place from its columns (for rows read with `values()`): see `Report.place`."""
    if address or not nearest_address:
        return address
    metres = round((nearest_address_m or 0) / 5) * 5
    if metres < 10:
        return nearest_address
    return gettext("bei %(address)s (ca. %(metres)d m)") % {
        "address": nearest_address,
        "metres": metres,
    }


class Report(models.Model):
    category = models.ForeignKey(
        ReportCategory, verbose_name=_("Kategorie"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    accuracy_m = models.PositiveIntegerField(_("Genauigkeit (m)"), null=True, blank=True)
    address = models.CharField(_("Adresse / Ort"), max_length=200, blank=True)
    quarter = models.ForeignKey(
        "areas.Quarter",
        verbose_name=_("Quartier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    description = models.TextField(_("Beschreibung"), max_length=4000, blank=True)
    attributes = models.JSONField(_("Zusatzangaben"), default=dict, blank=True)
    source = models.CharField(
        _("Quelle"), max_length=30, choices=ReportSource.choices, default=ReportSource.FIELD
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gemeldet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    # Generated on the phone: a retried or replayed submission never makes a second report.
    client_id = models.UUIDField(_("Geräte-ID der Meldung"), unique=True, default=uuid.uuid4)
    created_at = models.DateTimeField(_("Gemeldet am"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    resolved_by_helper = models.BooleanField(_("Selbst erledigt"), default=False)
    bags_count = models.PositiveSmallIntegerField(_("Anzahl Säcke"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("Doppelt zu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    close_reason = models.CharField(_("Grund für den Abschluss"), max_length=300, blank=True)
    # The nearest official address when the report was made (areas.addresses), for reports
    # without a typed address: "bei Hardenbergstraße 12 (ca. 15 m)".
    nearest_address = models.CharField(_("Nächste Adresse"), max_length=200, blank=True)
    nearest_address_m = models.PositiveIntegerField(
        _("Entfernung zur nächsten Adresse (m)"), null=True, blank=True
    )
    # Who looks after it next (a colleague, or a helper for the "Nachkontrolle" on site).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zugewiesen an"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_reports",
    )
    # The Open311 API client (routing's ApiClient) that created the report, if any. A plain
    # number: reports sits below routing and holds no key to it.
    api_client_ref = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="report_status_created_idx"),
            models.Index(fields=["quarter", "-created_at"], name="report_quarter_created_idx"),
            models.Index(fields=["category", "latitude"], name="report_category_lat_idx"),
            # The inbox filtered by category and quarter, newest first or since a date.
            models.Index(
                fields=["quarter", "category", "-created_at"],
                name="report_quarter_category_idx",
            ),
            # Map data: every column the map needs, for a status filter (the default: open)
            # within a viewport (status, then a latitude range), and for a date filter or
            # "newest first" (covering indexes, no table reads; docs/benchmarks.md).
            models.Index(
                fields=["status", "latitude", "longitude", "category"],
                name="report_map_bbox_idx",
            ),
            models.Index(
                fields=["-created_at", "status", "category", "latitude", "longitude"],
                name="report_map_time_idx",
            ),
            # Open311 lists of one service (service_code), newest first within the window.
            models.Index(
                fields=["category", "-created_at", "-id"], name="report_category_created_idx"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.category.name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def place(self) -> str:
        """The typed address, else the nearest address with its distance, else ""."""
        return place_text(self.address, self.nearest_address, self.nearest_address_m)


def photo_path(instance, filename):
    return f"reports/{instance.report.created_at:%Y/%m}/{uuid.uuid4().hex}.jpg"


def thumb_path(instance, filename):
    return f"reports/{instance.report.created_at:%Y/%m}/{uuid.uuid4().hex}_t.jpg"


class ReportPhoto(models.Model):
    """A photo with all metadata stripped, at most 2048 px, plus a thumbnail."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("Foto"), upload_to=photo_path)
    thumbnail = models.ImageField(_("Vorschau"), upload_to=thumb_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self):
        return f"Foto {self.pk} zu Meldung {self.report_id}"


class ReportStatusChange(AppendOnlyModel):
    """Append-only history: every status change and every answer is a new row."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(_("Status"), max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who acted when it was not a staff account (e.g. "GSAK (Partnerlink)", "Open311: KBK").
    actor_label = models.CharField(max_length=150, blank=True)
    note = models.TextField(_("Notiz"), max_length=2000, blank=True)
    # What a partner system sent through Open311, kept as sent (the updates feed returns it).
    api_client_ref = models.PositiveIntegerField(null=True, blank=True, editable=False)
    external_status = models.CharField(max_length=40, blank=True)
    external_text = models.TextField(max_length=2000, blank=True)
    external_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusverlauf")

    def __str__(self):
        return f"{self.report_id}: {self.status}"


class ReportNote(AppendOnlyModel):
    """Append-only internal note of the coordination: never shown to partners, helpers or
    the public, never sent by e-mail or Open311."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="internal_notes")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("Interne Notiz"), max_length=2000)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Interne Notiz")
        verbose_name_plural = _("Interne Notizen")

    def __str__(self):
        return f"Notiz {self.pk} zu Meldung {self.report_id}"


class ReportConfirmation(AppendOnlyModel):
    """ "Das ist dasselbe": someone saw an already reported problem again (instead of a duplicate).

    Append-only; `client_id` comes from the phone so a replayed confirmation is stored once.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="confirmations")
    created_at = models.DateTimeField(_("Bestätigt am"), auto_now_add=True, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Bestätigt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_id = models.UUIDField(_("Geräte-ID der Bestätigung"), unique=True, default=uuid.uuid4)
    note = models.TextField(_("Notiz"), max_length=4000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Bestätigung")
        verbose_name_plural = _("Bestätigungen")

    def __str__(self):
        return f"Bestätigung {self.pk} zu Meldung {self.report_id}"
