"""The reports app's error for people: its message is shown as it is (German)."""


class ReportError(ValueError):
    """Input that cannot become a report, or a change the report does not take."""
