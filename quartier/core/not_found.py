"""The platform's own 404 page in the demo, even though the demo runs with DEBUG=1.

With DEBUG, Django answers an unknown URL with its English technical page that lists every URL
pattern: confusing for people trying the demo and more than a visitor should see. In demo mode
this middleware swaps that page for the German one; developers (DEBUG without demo mode) keep
the technical page.
"""

from django.conf import settings
from django.shortcuts import render

# Django's technical 404 page carries this tag; the platform's own pages never do.
TECHNICAL_MARKER = b'<meta name="robots" content="NONE,NOARCHIVE">'


class FriendlyNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and getattr(settings, "DEMO_MODE", False)
            and not getattr(response, "streaming", False)
            and TECHNICAL_MARKER in response.content
        ):
            return render(request, "404.html", status=404)
        return response
