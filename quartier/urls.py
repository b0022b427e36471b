from django.contrib import admin
from django.urls import include, path

from quartier.accounts import sso
from quartier.core import views as core_views

handler400 = "quartier.core.views.bad_request"
handler403 = "quartier.core.views.permission_denied"
handler404 = "quartier.core.views.page_not_found"
handler500 = "quartier.core.views.server_error"

# Uploaded files are never served as static media: photos go through views that check access.
urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before allauth's own: the sign-on callback that checks every ID token's signature.
    path("accounts/oidc/<str:provider_id>/login/callback/", sso.callback),
    path("accounts/", include("allauth.urls")),
    path("", include("quartier.core.urls")),
    path("", include("quartier.accounts.urls")),
    path("verwaltung/", include("quartier.areas.urls")),
    path("verwaltung/", include("quartier.reports.admin_urls")),
    path("verwaltung/", include("quartier.routing.admin_urls")),
    path("meldungen/", include("quartier.reports.urls")),
    path("weiterleitung/", include("quartier.routing.urls")),
    path("open311/v2/", include("quartier.open311.urls")),
    path("bewohner/", include("quartier.residents.urls")),
    path("wegweiser/", include("quartier.directory.urls")),
    path("einsatz/", include("quartier.operations.urls")),
    path("statistik/", include("quartier.stats.urls")),
    path("transparenz/", include("quartier.public.urls")),
    # The Django admin is a read-only data view (quartier/core/admin_site.py).
    path("verwaltung/daten/", admin.site.urls),
]

# The installable web app: service worker at the root scope, manifest, app icons.
from quartier.core import pwa as core_pwa  # noqa: E402

urlpatterns += [
    path("sw.js", core_pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", core_pwa.manifest, name="web_manifest"),
    path("ohne-netz/", core_views.offline, name="offline"),
    path("app-icon-<int:size>.png", core_pwa.app_icon, name="app_icon"),
]
