"""Quarters (polygons as GeoJSON) and bases (host facilities)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stadtbezirk(models.TextChoices):
    """Krefeld's five city districts since November 2025."""

    MITTE = "mitte", "Mitte"
    NORD = "nord", "Nord"
    OST = "ost", "Ost"
    SUED = "sued", "Süd"
    WEST = "west", "West"


class Quarter(models.Model):
    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True)
    stadtbezirk = models.CharField(
        _("Stadtbezirk"), max_length=10, choices=Stadtbezirk.choices, blank=True
    )
    # A GeoJSON geometry (Polygon or MultiPolygon) in WGS84 longitude/latitude.
    geometry = models.JSONField(_("Fläche (GeoJSON)"))
    is_demo_geometry = models.BooleanField(
        _("Demo-Geometrie"),
        default=False,
        help_text=_("Vereinfachte Fläche für die Demo, keine amtliche Abgrenzung."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Quartier")
        verbose_name_plural = _("Quartiere")

    def __str__(self):
        return self.name


class Base(models.Model):
    """A host facility (Stützpunkt) where helpers start their day."""

    name = models.CharField(_("Name"), max_length=160)
    quarter = models.ForeignKey(
        Quarter, verbose_name=_("Quartier"), on_delete=models.PROTECT, related_name="bases"
    )
    address = models.CharField(_("Adresse"), max_length=200)
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    opening_hours = models.CharField(_("Öffnungszeiten"), max_length=200, blank=True)
    contact = models.CharField(_("Ansprechperson"), max_length=160, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    is_example_data = models.BooleanField(
        _("Beispieldaten"), default=False, help_text=_("Adresse und Telefon sind Beispiele.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Stützpunkt")
        verbose_name_plural = _("Stützpunkte")

    def __str__(self):
        return self.name


class AddressImport(models.Model):
    """One load of the official address register (append-only: what is loaded, from where)."""

    source = models.CharField(_("Quelle"), max_length=200)
    points = models.PositiveIntegerField(_("Adresspunkte"))
    is_demo = models.BooleanField(
        _("Demo-Daten"),
        default=False,
        help_text=_("Wenige erfundene Adressen für die Demo-Quartiere, kein amtlicher Bestand."),
    )
    imported_at = models.DateTimeField(_("Geladen am"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("Adressimport")
        verbose_name_plural = _("Adressimporte")

    def __str__(self):
        return f"{self.source} ({self.points})"


class AddressPoint(models.Model):
    """An official address (NRW "Hauskoordinaten" / ALKIS), stored in WGS84.

    `street_key` is the street name normalised for matching (see areas.addresses).
    """

    street = models.CharField(_("Straße"), max_length=120)
    house_number = models.CharField(_("Hausnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    locality = models.CharField(_("Ort / Ortsteil"), max_length=80, blank=True)
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    street_key = models.CharField(max_length=120, editable=False)
    imported = models.ForeignKey(
        AddressImport, on_delete=models.CASCADE, related_name="+", editable=False
    )

    class Meta:
        ordering = ["street", "house_number"]
        verbose_name = _("Adresspunkt")
        verbose_name_plural = _("Adresspunkte")
        indexes = [models.Index(fields=["street_key", "house_number"], name="address_street_idx")]

    def __str__(self):
        return f"{self.street} {self.house_number}".strip()
