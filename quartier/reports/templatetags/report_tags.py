from django import template

from quartier.reports.icons import icon_svg

register = template.Library()


@register.simple_tag
def category_icon(key):
    return icon_svg(key)
