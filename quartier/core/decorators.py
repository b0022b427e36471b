"""`@require(predicate)`: the guard on every page that needs a right (a `can_*()` predicate)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from quartier.core.audit import audit


def require(predicate):
    """Visitors are sent to the login; logged-in users without permission get the 403 page.

    Every refusal is written to the audit log (security log): which account, which page and
    which record id, never more.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                match = request.resolver_match
                audit(
                    request.user,
                    "access.denied",
                    object_type=(match.view_name if match else "")[:80],
                    object_id=str(kwargs.get("pk", ""))[:64],
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
