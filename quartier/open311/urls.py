"""GeoReport v2 under /open311/v2/; anything else below it is a 404 in the spec's format."""

from django.urls import path, re_path

from quartier.open311.api import api
from quartier.open311.formats import format_of, render_error


def not_found(request, rest=""):
    return render_error(format_of(request.path), 404, "Not found.")


urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
