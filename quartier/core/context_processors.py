from django.conf import settings

from quartier.core import registry
from quartier.core.navigation import navigation_for


def site(request):
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": navigation_for(request.user, request.path) if hasattr(request, "user") else [],
        "app_stylesheets": registry.stylesheets(),
    }
