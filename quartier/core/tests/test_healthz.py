import datetime as dt

from django.utils import timezone

from quartier.core.models import WorkerHeartbeat


def test_healthz_is_degraded_without_a_worker(client, db):
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["database"] == {"ok": True}
    assert body["task_worker"]["ok"] is False


def test_healthz_ignores_a_stale_heartbeat(client, db, settings):
    old = timezone.now() - dt.timedelta(seconds=settings.WORKER_HEARTBEAT_TIMEOUT + 5)
    WorkerHeartbeat.objects.create(worker_id="old", started_at=old, last_seen=old)
    body = client.get("/healthz").json()
    assert body["task_worker"]["ok"] is False
    assert body["task_worker"]["last_seen"] == old.isoformat()


def test_healthz_ok_with_a_live_worker(client, db):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w", started_at=now, last_seen=now)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
