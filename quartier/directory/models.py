"""The Wegweiser: local services and offers that helpers refer residents to."""

from __future__ import annotations

import uuid

from django.db import connections, models
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core import textsearch
from quartier.directory import search_index

# Languages a service may be offered in (ISO 639-1, two letters each). The order is the order
# of the search filter; the largest migrant groups in Krefeld come first after German.
LANGUAGE_NAMES = {
    "de": _("Deutsch"),
    "tr": _("Türkisch"),
    "pl": _("Polnisch"),
    "ar": _("Arabisch"),
    "ru": _("Russisch"),
    "uk": _("Ukrainisch"),
    "bg": _("Bulgarisch"),
    "ro": _("Rumänisch"),
    "en": _("Englisch"),
    "el": _("Griechisch"),
    "it": _("Italienisch"),
    "fa": _("Persisch"),
    "ku": _("Kurdisch"),
}


class DirectoryEntryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_quarter(self, quarter):
        """Entries in that quarter plus the city-wide ones (quarter is empty)."""
        return self.filter(Q(quarter=quarter) | Q(quarter__isnull=True))

    def citywide(self):
        return self.filter(quarter__isnull=True)

    def speaking(self, code: str):
        # `languages` holds two-letter codes joined by commas ("de,tr,ar"), so a two-letter
        # substring without a comma can only match a whole code.
        return self.filter(languages__contains=code)

    def about(self, topic):
        """Entries tagged with the topic or, for a top-level topic, with one of its children."""
        ids = [topic.pk]
        if topic.parent_id is None:
            ids += list(topic.children.values_list("pk", flat=True))
        tagged = DirectoryEntry.topics.through.objects.filter(topic_id__in=ids)
        return self.filter(pk__in=tagged.values("directoryentry_id"))

    def matching(self, text: str):
        """Entries that match every word (word forms, synonyms, topics), best first.

        The database's text index (`search_index`) and the topic names narrow the entries
        down; `core.textsearch` ranks those by name, topics and description (German and
        English topic names): the same result on SQLite and PostgreSQL.
        """
        text = text.strip()
        if not text:
            return self
        candidates = self
        for word in textsearch.query_words(text):
            candidates = candidates._containing(word)
        ids = textsearch.rank(text, candidates._search_documents())
        order = Case(*[When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)])
        return self.filter(pk__in=ids).order_by(order) if ids else self.none()

    def _containing(self, word: str):
        """Entries whose text or topics may match the word (a superset of what ranks)."""
        found = search_index.matching_ids(connections[self.db].vendor, word)
        if found is None:
            return self  # too short for the index: the ranking decides
        topics = _topics_matching(word)
        through = DirectoryEntry.topics.through.objects.filter(topic_id__in=topics)
        return self.filter(
            Q(pk__in=RawSQL(*found))  # noqa: S611 - parameters, see search_index
            | Q(pk__in=through.values("directoryentry_id"))
        )

    def _search_documents(self):
        rows = list(self.values_list("pk", "name", "provider", "description"))
        topics: dict[int, list[str]] = {}
        through = DirectoryEntry.topics.through.objects.filter(
            directoryentry_id__in=[row[0] for row in rows]
        ).values_list("directoryentry_id", "topic__name", "topic__name_en", "topic__parent__name")
        for entry_id, *names in through:
            topics.setdefault(entry_id, []).extend(n for n in names if n)
        for pk, name, provider, description in rows:
            yield (
                pk,
                {
                    "name": f"{name} {provider}",
                    "topics": " ".join(topics.get(pk, [])),
                    "text": description,
                },
            )


def _topics_matching(word: str) -> list[int]:
    """Topics whose name (German, English or the parent's) the word matches."""
    topic_model = DirectoryEntry.topics.field.related_model
    rows = topic_model.objects.values_list("pk", "name", "name_en", "parent__name")
    return textsearch.rank(word, [(pk, {"name": " ".join(filter(None, n))}) for pk, *n in rows])


class DirectoryEntry(models.Model):
    """One service or offer (e.g. Pflegeberatung der Stadt) in one quarter or city-wide."""

    external_id = models.UUIDField(
        _("Kennung"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stabile Kennung für Import und Export (HSDS id)."),
    )
    name = models.CharField(_("Name des Angebots"), max_length=200)
    provider = models.CharField(_("Träger"), max_length=200, blank=True)
    description = models.TextField(_("Was wird angeboten?"), max_length=2000, blank=True)
    topics = models.ManyToManyField(
        "taxonomy.Topic",
        verbose_name=_("Themen"),
        blank=True,
        related_name="directory_entries",
    )
    address = models.CharField(_("Adresse"), max_length=250, blank=True)
    quarter = models.ForeignKey(
        "areas.Quarter",
        verbose_name=_("Quartier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_entries",
        help_text=_("Leer lassen, wenn das Angebot für ganz Krefeld gilt."),
    )
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Webseite"), blank=True)
    opening_hours = models.CharField(_("Öffnungszeiten"), max_length=300, blank=True)
    languages = models.CharField(
        _("Sprachen"),
        max_length=100,
        blank=True,
        default="de",
        help_text=_("Sprachkürzel, mit Komma getrennt, z. B. de,tr,ar"),
    )
    accessibility = models.CharField(_("Barrierefreiheit"), max_length=300, blank=True)
    cost = models.CharField(_("Kosten"), max_length=200, blank=True)
    notes = models.TextField(
        _("Hinweise für Helfer*innen"),
        max_length=2000,
        blank=True,
        help_text=_("Interne Hinweise; erscheinen nicht auf dem Handzettel."),
    )
    # {"tr": {"name": "...", "description": "..."}, "ar": {...}}; German is the fallback.
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_example_data = models.BooleanField(
        _("Beispieldaten"), default=False, help_text=_("Adresse und Telefon sind Beispiele.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DirectoryEntryQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Wegweiser-Eintrag")
        verbose_name_plural = _("Wegweiser")
        indexes = [
            models.Index(fields=["is_active", "name"], name="directory_active_name_idx"),
            models.Index(fields=["quarter", "is_active"], name="directory_quarter_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:detail", args=[self.pk])

    @property
    def is_citywide(self) -> bool:
        return self.quarter_id is None

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def language_names(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.language_codes]

    def translated(self, lang: str, field: str) -> str:
        """The field in `lang` if a translation exists, else the German text."""
        value = (self.translations or {}).get(lang, {}).get(field, "")
        return value or getattr(self, field)
