"""Render the sections that apps registered for a shared page (start pages, "Mein Tag")."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from quartier.core import registry


def render_sections(page: str, request, **objects) -> str:
    """The HTML of every section of `page` the user may see, in order.

    `objects` (e.g. report=...) are passed on: `section.context(request, **objects)`.
    """
    parts = []
    for section in registry.page_sections(page, request.user):
        context = section.context(request, **objects)
        if context is not None:
            parts.append(render_to_string(section.template, context, request=request))
    return mark_safe("".join(parts))  # noqa: S308  (rendered templates, autoescaped)
