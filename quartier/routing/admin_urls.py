"""Open311 keys in the administration (/verwaltung/zugaenge/)."""

from django.urls import path

from quartier.routing.views import api_keys

app_name = "routing_admin"

urlpatterns = [
    path("zugaenge/", api_keys.api_keys, name="api_keys"),
    path("zugaenge/<int:pk>/sperren/", api_keys.api_key_revoke, name="api_key_revoke"),
]
