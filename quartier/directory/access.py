"""Who may read which Wegweiser entries.

The Wegweiser holds no personal data. Helpers, coordinators and admins see the active entries;
editors (coordinators, admins) also see deactivated ones. Everybody else sees nothing.
"""

from __future__ import annotations

from django.http import Http404

from quartier.accounts import permissions as perms
from quartier.directory.models import DirectoryEntry


def entries_visible_to(user):
    if perms.can_edit_directory(user):
        return DirectoryEntry.objects.all()
    if perms.can_use_directory(user):
        return DirectoryEntry.objects.active()
    return DirectoryEntry.objects.none()


def get_entry_for(user, pk) -> DirectoryEntry:
    """The entry, or 404 if it does not exist or the user may not see it."""
    entry = entries_visible_to(user).select_related("quarter").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry
