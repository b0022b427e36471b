"""The installable web app: service worker at root scope, manifest and icons."""

import json

from PIL import Image


def test_service_worker_is_served_at_the_root_with_root_scope(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Content-Type"].startswith("application/javascript")
    assert "/meldungen/neu/" in body
    assert "/static/js/outbox.js" in body
    assert "no-cache" in response["Cache-Control"]


def test_manifest_names_start_page_and_icons(client):
    data = json.loads(client.get("/manifest.webmanifest").content)
    assert data["start_url"] == "/meldungen/neu/"
    assert data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes


def test_png_icons_are_drawn(client):
    import io

    response = client.get("/app-icon-192.png")
    assert Image.open(io.BytesIO(response.content)).size == (192, 192)
    assert client.get("/app-icon-100.png").status_code == 404
