"""The needs taxonomy shared by residents' records and the Wegweiser."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import localized_name


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def sensitive(self):
        """Health topics and their children: special category data (DSGVO Art. 9)."""
        return self.filter(models.Q(is_sensitive=True) | models.Q(parent__is_sensitive=True))


class Topic(models.Model):
    """The needs taxonomy (two levels): residents' needs and the Wegweiser's topics."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("Oberthema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("Name"), max_length=100)
    # The name on English pages (empty: the German name is shown).
    name_en = models.CharField(_("Name (Englisch)"), max_length=100, blank=True)
    code = models.SlugField(_("Code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_sensitive = models.BooleanField(
        _("besonders schützenswert"),
        default=False,
        help_text=_("Gesundheit: nur mit schriftlicher Einwilligung einer Person zuzuordnen."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return f"{self.parent.label} → {self.label}" if self.parent_id else self.label

    @property
    def label(self) -> str:
        """The name in the active language (English if set and English is active)."""
        return localized_name(self)

    @property
    def is_health(self) -> bool:
        """True for a sensitive topic or a child of one (needs the parent loaded)."""
        return self.is_sensitive or bool(self.parent_id and self.parent.is_sensitive)
