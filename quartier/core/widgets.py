"""Form widgets shared by every app."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class IsoDateInput(forms.DateInput):
    """`<input type="date">` with an ISO value in every language.

    Browsers only accept `YYYY-MM-DD` as the value of a date input; a localized value
    (`30.11.2026`) leaves the field empty and blocks the form. The browser shows the date
    in the user's format anyway.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class QuickSelect(forms.Select):
    """A `<select>` with the markup of Django's template, built without the template engine.

    Django renders every `<option>` through a template of its own; filter forms with long
    lists (categories, quarters, statuses) are on every inbox request, where that was a few
    milliseconds of each request's CPU time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    "" if option["value"] is None else str(option["value"]),
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html
