"""Report pages: capture (helpers, phone, offline) and inbox (coordinators)."""
