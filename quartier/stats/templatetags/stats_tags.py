from django import template

from quartier.stats.tables import format_cell

register = template.Library()


@register.filter
def cell(value, kind="int"):
    """A table cell as shown: numbers with German separators, "<5", "•" or "–"."""
    return format_cell(value, kind or "int")


@register.simple_tag
def cells(table, values):
    """[(shown value, is_withheld)] for one row of a StatTable."""
    return [(table.display(v, i), isinstance(v, str)) for i, v in enumerate(values)]
