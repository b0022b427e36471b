"""Small-count suppression for every table that leaves the department.

A table is a set of cells (any hashable key → count) plus the sums that hold between them
("lines": a total cell equals the sum of its part cells: row totals, column totals, quarter
and year subtotals of months). `protect()` decides which cells are withheld:

* **primary**: 0 < count < 5 (shown as "<5"); zeros are shown, they identify nobody;
* **complementary** (shown as "•"): further cells withheld so that no primary cell can be
  worked out from the published cells and the sums, not even as a narrow range that pins it
  to one value (two withheld cells of 1 in a row whose total is 2 would give both away).

The check is the attacker's own method: every published cell is known exactly, a primary
cell lies in 1..4, a complementary cell is at least 5 (we never withhold zeros), and each
line's sum narrows the ranges; this is repeated until nothing changes. As long as some
primary cell still has a single possible value, one more cell of a line through it is
withheld (the smallest part first, a total last). The rule is deterministic, so the same
data always gives the same pattern.

Overlapping periods: tables that leave the department are cut from one table per calendar
year (months, quarter subtotals, the year; see `year_lines`), so a month, a quarter and the
year are slices of one protected table and cannot be played off against each other.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

THRESHOLD = 5
INF = float("inf")
MAX_ROUNDS = 100


class Mark(StrEnum):
    PRIMARY = "primary"
    COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class Line:
    """`total` equals the sum of `parts`."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass
class Protected:
    """The outcome: counts plus which of them must not be shown."""

    counts: dict[Hashable, int]
    marks: dict[Hashable, Mark] = field(default_factory=dict)

    def shown(self, key: Hashable) -> int | str:
        """The value as published: the number, "<5" (primary) or "•" (complementary)."""
        mark = self.marks.get(key)
        if mark is Mark.PRIMARY:
            return "<5"
        if mark is Mark.COMPLEMENTARY:
            return "•"
        return self.counts.get(key, 0)

    def is_suppressed(self, key: Hashable) -> bool:
        return key in self.marks


def _bounds(counts, marks) -> dict[Hashable, list[float]]:
    bounds = {}
    for key, value in counts.items():
        mark = marks.get(key)
        if mark is Mark.PRIMARY:
            bounds[key] = [1.0, THRESHOLD - 1.0]
        elif mark is Mark.COMPLEMENTARY:
            bounds[key] = [float(THRESHOLD), INF]
        else:
            bounds[key] = [float(value), float(value)]
    return bounds


def _tighten(line: Line, bounds) -> bool:
    """Narrow every cell's range in one line from the others'; True if anything changed."""
    changed = False
    parts = [bounds[p] for p in line.parts]
    total = bounds[line.total]
    lo, hi = sum(b[0] for b in parts), sum(b[1] for b in parts)
    if lo > total[0] or hi < total[1]:
        total[0], total[1] = max(total[0], lo), min(total[1], hi)
        changed = True
    for index, bound in enumerate(parts):
        others = parts[:index] + parts[index + 1 :]
        lo = total[0] - sum(b[1] for b in others)
        hi = total[1] - sum(b[0] for b in others)
        if lo > bound[0] or hi < bound[1]:
            bound[0], bound[1] = max(bound[0], lo), min(bound[1], hi)
            changed = True
    return changed


def propagate(bounds: dict[Hashable, list[float]], lines: Sequence[Line]) -> bool:
    """Tighten `bounds` (key → [lo, hi]) over all lines until stable; False if contradictory."""
    for _ in range(MAX_ROUNDS):
        changed = False
        for line in lines:
            changed |= _tighten(line, bounds)
        if any(b[0] > b[1] for b in bounds.values()):
            return False
        if not changed:
            break
    return True


def attack(counts, marks, lines: Sequence[Line]) -> dict[Hashable, tuple[float, float]]:
    """What an outsider can learn: the range of every cell after propagating all sums."""
    bounds = _bounds(counts, marks)
    relevant = [ln for ln in lines if any(k in marks for k in (ln.total, *ln.parts))]
    propagate(bounds, relevant)
    return {key: (b[0], b[1]) for key, b in bounds.items()}


def _disclosed(counts, marks, lines) -> list[Hashable]:
    ranges = attack(counts, marks, lines)
    return [k for k, m in marks.items() if m is Mark.PRIMARY and ranges[k][1] - ranges[k][0] < 1]


def _lone_lines(marks, lines) -> list[Line]:
    """Lines with exactly one withheld cell: that cell is simply total minus the rest."""
    return [ln for ln in lines if sum(k in marks for k in (ln.total, *ln.parts)) == 1]


def _best_cell(lines_to_fix: list[Line], counts, marks) -> Hashable | None:
    """A visible non-zero cell that fixes the most of these lines; small parts before totals.

    Choosing a cell that sits in two such lines closes a rectangle (the classic pattern).
    """
    hits: dict[Hashable, list] = {}
    for line in lines_to_fix:
        for cell in (line.total, *line.parts):
            if cell not in marks and counts.get(cell, 0):
                entry = hits.setdefault(cell, [0, True])
                entry[0] += 1
                entry[1] = entry[1] and cell == line.total
    if not hits:
        return None
    return min(hits, key=lambda c: (-hits[c][0], hits[c][1], counts[c], str(c)))


def _next_cell(counts, marks, lines) -> tuple[bool, Hashable | None]:
    """(still leaking?, the cell to withhold next)."""
    lone = _lone_lines(marks, lines)
    if lone:
        return True, _best_cell(lone, counts, marks)
    leaks = _disclosed(counts, marks, lines)
    if not leaks:
        return False, None
    through = [ln for ln in lines if any(k in (ln.total, *ln.parts) for k in leaks)]
    return True, _best_cell(through, counts, marks)


def protect(counts: dict[Hashable, int], lines: Iterable[Line]) -> Protected:
    """Primary and complementary suppression of one table (see the module docstring)."""
    lines = list(lines)
    for line in lines:
        for key in (line.total, *line.parts):
            counts.setdefault(key, 0)
    marks = {k: Mark.PRIMARY for k, v in counts.items() if 0 < v < THRESHOLD}
    for _ in range(len(counts) + 1):
        if not marks:
            break
        leaking, extra = _next_cell(counts, marks, lines)
        if not leaking:
            break
        if extra is None:  # nothing left to withhold: hide every count of the table
            marks.update({k: Mark.COMPLEMENTARY for k, v in counts.items() if v and k not in marks})
            break
        marks[extra] = Mark.COMPLEMENTARY
    return Protected(counts=counts, marks=marks)


# --- Table shapes ---------------------------------------------------------------------------

TOTAL = "total"


def grid_lines(rows: Sequence[Hashable], cols: Sequence[Hashable]) -> list[Line]:
    """Row totals (row, TOTAL), column totals (TOTAL, col) and the grand total."""
    rows_t, cols_t = [*rows, TOTAL], [*cols, TOTAL]
    lines = [Line((r, TOTAL), tuple((r, c) for c in cols)) for r in rows_t]
    lines += [Line((TOTAL, c), tuple((r, c) for r in rows)) for c in cols_t]
    return lines


def year_columns(year: int) -> dict[str, list[str]]:
    """Column keys of one calendar year: months "2025-01", quarters "2025-Q1", year "2025"."""
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    quarters = [f"{year}-Q{q}" for q in range(1, 5)]
    return {"months": months, "quarters": quarters, "year": [str(year)]}


def year_lines(rows: Sequence[Hashable], year: int) -> list[Line]:
    """Rows × (months → quarters → year), plus a total row over the rows for every column."""
    cols = year_columns(year)
    months, quarters, whole = cols["months"], cols["quarters"], cols["year"][0]
    lines = []
    for row in [*rows, TOTAL]:
        for number, quarter in enumerate(quarters):
            lines.append(
                Line((row, quarter), tuple((row, m) for m in months[number * 3 : number * 3 + 3]))
            )
        lines.append(Line((row, whole), tuple((row, q) for q in quarters)))
    for col in [*months, *quarters, whole]:
        lines.append(Line((TOTAL, col), tuple((r, col) for r in rows)))
    return lines


def protect_year(rows: Sequence[Hashable], year: int, monthly: dict[tuple, int]) -> Protected:
    """Protect rows × months of one year; `monthly` maps (row, "YYYY-MM") to a count.

    Quarter, year and total cells are computed here, so every slice that is published (a
    month, a quarter, the year) comes from the same protected table.
    """
    cols = year_columns(year)
    counts: dict[Hashable, int] = {}
    for row in rows:
        for month in cols["months"]:
            counts[(row, month)] = int(monthly.get((row, month), 0))
    for row in rows:
        for number, quarter in enumerate(cols["quarters"]):
            months = cols["months"][number * 3 : number * 3 + 3]
            counts[(row, quarter)] = sum(counts[(row, m)] for m in months)
        counts[(row, cols["year"][0])] = sum(counts[(row, q)] for q in cols["quarters"])
    for col in [*cols["months"], *cols["quarters"], *cols["year"]]:
        counts[(TOTAL, col)] = sum(counts[(r, col)] for r in rows)
    return protect(counts, year_lines(rows, year))
