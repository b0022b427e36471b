"""Spreadsheet safety for CSV/XLSX/HSDS files (formula injection, "CSV injection").

A spreadsheet program runs a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage
return before them) as a formula: `=HYPERLINK(…)` leaks data, `=cmd|…` runs programs. Exports
put an apostrophe in front of such a cell, so it is shown as text; imports refuse a cell that
would be a formula, except for plain numbers and phone numbers (`+49 2151 86-0`), and take an
exported, apostrophe-protected cell back as the text it was.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# "+49 2151 86-0", "-3", "-", "(02151) 86-0": harmless when a spreadsheet reads them.
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s()/.,-]*$")


def is_formula(value: str) -> bool:
    """True if a spreadsheet would evaluate the cell as a formula."""
    return bool(value) and value.startswith(TRIGGERS) and not _NUMBER_LIKE.match(value)


def neutralise(value):
    """The cell as it goes into an export: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """An exported cell read back: the protecting apostrophe is dropped again."""
    if value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value
