"""Staff accounts. Partners do not log in (they get signed links); residents never do.

Partner systems that call the Open311 API get a `routing.ApiClient` with a key instead.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HELPER = "helper", _("Quartiershelfer*in")
    COORDINATOR = "coordinator", _("Koordination")
    PRIVACY_OFFICER = "privacy_officer", _("Datenschutz")
    ADMIN = "admin", _("Administration")


# Roles with access to personal data or configuration: MFA is required outside demo mode.
MFA_ROLES = frozenset({Role.COORDINATOR, Role.PRIVACY_OFFICER, Role.ADMIN})
# Roles that see case content (residents' records, help requests).
CASE_ROLES = frozenset({Role.HELPER, Role.COORDINATOR})
# Roles that oversee or configure the platform; kept apart from case roles (ADR 0008).
OVERSIGHT_ROLES = frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})


class User(AbstractUser):
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.HELPER)
    # A helper works in one or more quarters; a coordinator's team is the helpers of her
    # quarters (none set = all quarters).
    quarters = models.ManyToManyField(
        "areas.Quarter", verbose_name=_("Quartiere"), blank=True, related_name="staff"
    )
    base = models.ForeignKey(
        "areas.Base",
        verbose_name=_("Stützpunkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    phone = models.CharField(_("Diensttelefon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")

    @property
    def is_helper(self) -> bool:
        return self.role == Role.HELPER

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_privacy_officer(self) -> bool:
        return self.role == Role.PRIVACY_OFFICER

    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def needs_mfa(self) -> bool:
        return self.role in MFA_ROLES or self.is_superuser
