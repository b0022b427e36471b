"""Background jobs for residents' data: the daily retention run."""

from django_tasks import task

from quartier.residents.actions import apply_retention


@task()
def run_retention() -> dict:
    """Anonymise and delete what has passed its retention period (daily at 03:00)."""
    return apply_retention()
