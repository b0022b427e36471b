import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
application = get_wsgi_application()


def _refuse_bad_configuration():
    """WSGI servers do not run Django's checks; a bad production configuration must not start."""
    from django.core import checks

    errors = [e for e in checks.run_checks(include_deployment_checks=False) if e.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(f"{e.id}: {e.msg} {e.hint or ''}" for e in errors))


_refuse_bad_configuration()
