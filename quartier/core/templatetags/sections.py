"""`{% page_sections "my_day" %}`: the sections apps registered for a shared page."""

from django import template

from quartier.core.sections import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context, page):
    request = context.get("request")
    if request is None:
        return ""
    return render_sections(page, request)
