"""Our WSGI application plus one trivial JSON view: the floor of the side-by-side benchmark.

    gunicorn --pythonpath bench open311_floor:application

Every URL of the platform stays where it is; `/open311/v2/floor.json` answers a constant
two-element JSON list without touching the database. It sits below the Open311 prefix, so it
passes the same middleware as the API's endpoints: its rate is what Django and the server
cost before any of our work starts.
"""

from __future__ import annotations

import os

from django.urls import include, path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402

FLOOR_PATH = "open311/v2/floor.json"


def floor(request):
    return HttpResponse(b'[{"ok": true}, {"floor": 1}]', content_type="application/json")


urlpatterns = [path(FLOOR_PATH, floor), path("", include("quartier.urls"))]
settings.ROOT_URLCONF = __name__

from quartier.wsgi import application  # noqa: E402, F401
