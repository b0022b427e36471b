"""The demo partner system's Open311 key. The value is FIXED and documented: demo only."""

from quartier.routing.actions import issue_api_key
from quartier.routing.models import ApiClient

DEMO_API_KEY = "demo-open311-key"  # noqa: S105  (documented demo key, see docs/open311.md)
DEMO_CLIENT_NAME = "Demo-Partnersystem (Open311)"


def load() -> list[str]:
    """Create the demo key once; returns the line `load_demo` prints."""
    if not ApiClient.objects.filter(name=DEMO_CLIENT_NAME).exists():
        issue_api_key(actor=None, name=DEMO_CLIENT_NAME, raw_key=DEMO_API_KEY)
    return [f"Open311-Demo-API-Schlüssel (api_key): {DEMO_API_KEY}"]
