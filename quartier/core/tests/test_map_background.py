"""Maps have a real background by default (basemap.de, ADR 0013) that a city can replace or
switch off; the Content-Security-Policy allows exactly that tile server."""

import os
import subprocess
import sys

from django.conf import settings as django_settings


def settings_in_a_fresh_process(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MAP_")}
    code = "from quartier import settings as s; print(s.MAP_TILE_URL); print(s.MAP_ATTRIBUTION)"
    out = subprocess.run(  # noqa: S603 (our own interpreter, a fixed snippet)
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    return out.stdout.rstrip("\n").split("\n")


def test_default_background_is_basemap_de_with_attribution():
    url, attribution = settings_in_a_fresh_process()
    assert url.startswith("https://sgx.geodatenzentrum.de/wmts_basemapde/")
    assert "{z}" in url and "basemap.de / BKG" in attribution


def test_a_city_can_use_its_own_server_or_none():
    own = settings_in_a_fresh_process(
        MAP_TILE_URL="https://karten.krefeld.example/{z}/{x}/{y}.png", MAP_ATTRIBUTION="Stadt"
    )
    assert own == ["https://karten.krefeld.example/{z}/{x}/{y}.png", "Stadt"]
    assert settings_in_a_fresh_process(MAP_TILE_URL="")[0] == ""


def test_csp_allows_the_tile_server(client, db, settings):
    settings.MAP_TILE_URL = settings.BASEMAP_DE_URL
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "https://sgx.geodatenzentrum.de" in policy
