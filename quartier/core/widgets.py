"""Form widgets shared by every app."""

from django import forms


class IsoDateInput(forms.DateInput):
    """`<input type="date">` with an ISO value in every language.

    Browsers only accept `YYYY-MM-DD` as the value of a date input; a localized value
    (`30.11.2026`) leaves the field empty and blocks the form. The browser shows the date
    in the user's format anyway.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
