"""Status colours on the map are told apart from the map and white at 3:1 (WCAG 1.4.11)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from quartier.reports.views.maps import STATUS_COLOURS

MAP_BACKGROUND = "#eef1f4"  # .report-map in reports-inbox.css


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("status", list(STATUS_COLOURS))
def test_every_status_colour_stands_out_on_the_map(status):
    colour = STATUS_COLOURS[status]
    assert contrast(colour, MAP_BACKGROUND) >= 3, (status, colour)
    assert contrast(colour, "#ffffff") >= 3, (status, colour)


def test_stylesheet_uses_the_same_colours():
    css = Path(settings.BASE_DIR, "quartier/static/css/reports-inbox.css").read_text()
    for status, colour in STATUS_COLOURS.items():
        assert re.search(rf"\.status-{status} \{{ --status: {colour}; \}}", css), status
