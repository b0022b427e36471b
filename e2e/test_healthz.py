"""/healthz answers over real HTTP with database and worker status."""

import json
import urllib.request

import pytest
from django.utils import timezone

from quartier.core.models import WorkerHeartbeat

pytestmark = pytest.mark.browser


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local live server)
        return response.status, json.loads(response.read())


def test_healthz_reports_database_and_worker(live_server):
    status, body = fetch(live_server.url + "/healthz")
    assert status == 200
    assert body["database"] == {"ok": True}
    assert body["task_worker"]["ok"] is False
    assert body["status"] == "degraded"

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, last_seen=now)
    status, body = fetch(live_server.url + "/healthz")
    assert body["status"] == "ok"
    assert body["task_worker"]["workers"] == 1
