"""`{% page_sections "my_day" %}`: the sections apps registered for a shared page.

Pages about one object pass it on: `{% page_sections "report_detail" report=report %}`."""

from django import template

from quartier.core.sections import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context, page, **objects):
    request = context.get("request")
    if request is None:
        return ""
    return render_sections(page, request, **objects)
