"""The Django admin as a read-only window on the data.

Every write goes through an app's `actions.py` (one transaction, one audit entry), so the admin
changes nothing: whatever model admin an app registers is wrapped so that adding, changing,
deleting and bulk actions are refused. The in-app pages under "Verwaltung" write instead.
Logging in happens only through the platform's login (rate limits, second factor), never
through the admin's own login form.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReadOnlyModelAdmin:
    """Mixed in front of every registered ModelAdmin: view only."""

    def has_add_permission(self, request, *args, **kwargs):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


class ReadOnlyAdminSite(admin.AdminSite):
    site_header = _("Quartiershelfer: Datenansicht")
    site_title = _("Datenansicht")
    index_title = _("Daten (nur lesen)")

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        read_only = type(base.__name__, (ReadOnlyModelAdmin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, read_only, **options)

    def login(self, request, extra_context=None):
        """Visitors go to the platform's login; a logged-in person without the right gets the
        German 403 page (sending her to the login again would loop: she is logged in)."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"), reverse("account_login")
        )
