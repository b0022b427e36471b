"""Background jobs for operations: hotspot detection."""

from django_tasks import task


@task()
def detect_hotspots() -> int:
    """Link new reports to hotspots and form new ones (every 15 minutes); returns new count."""
    from quartier.operations.actions import detect_hotspots as detect

    return len(detect())
