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

import functools
import itertools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

THRESHOLD = 5
INF = float("inf")
MAX_ROUNDS = 100
MAX_ATTACKS = 6


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


class _Lines:
    """Which lines each cell is in, and how many withheld cells each line holds."""

    def __init__(self, lines: list[Line], marks):
        self.lines = lines
        self.of_cell: dict[Hashable, list[int]] = {}
        self.withheld = [0] * len(lines)
        for index, line in enumerate(lines):
            for cell in (line.total, *line.parts):
                self.of_cell.setdefault(cell, []).append(index)
                self.withheld[index] += cell in marks
        self.lone = {i for i, n in enumerate(self.withheld) if n == 1}

    def withhold(self, cell) -> None:
        for index in self.of_cell.get(cell, ()):
            self.withheld[index] += 1
            if self.withheld[index] == 1:
                self.lone.add(index)
            else:
                self.lone.discard(index)

    def through(self, cells) -> list[Line]:
        return [self.lines[i] for c in cells for i in self.of_cell.get(c, ())]


def _best_cell(lines_to_fix: Iterable[Line], counts, marks) -> Hashable | None:
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


def _lone_fix(counts, marks, index: _Lines) -> Hashable | None:
    """For one line with a single withheld cell: its best visible cell, preferring a cell
    that also sits in another such line (that closes a rectangle)."""
    line = index.lines[min(index.lone)]
    best = None
    for cell in (line.total, *line.parts):
        if cell in marks or not counts.get(cell, 0):
            continue
        shared = sum(i in index.lone for i in index.of_cell[cell])
        rank = (-shared, cell == line.total, counts[cell], str(cell))
        if best is None or rank < best[0]:
            best = (rank, cell)
    return best[1] if best else None


def _next_cells(counts, marks, index: _Lines, attacks: list[int]) -> list[Hashable] | None:
    """The cells to withhold next; [] when nothing leaks any more, None when hopeless.

    A line with one withheld cell is the obvious leak; only when there is none does the
    (slower) full attack run."""
    if index.lone:
        cell = _lone_fix(counts, marks, index)
        return [cell] if cell is not None else None
    attacks[0] += 1
    leaks = _disclosed(counts, marks, index.lines)
    if not leaks:
        return []
    lines = index.through(leaks)
    if attacks[0] > MAX_ATTACKS:  # stop being clever: withhold these lines entirely
        cells = {c for ln in lines for c in (ln.total, *ln.parts)}
        return [c for c in cells if c not in marks and counts.get(c, 0)] or None
    cell = _best_cell(lines, counts, marks)
    return [cell] if cell is not None else None


def protect(counts: dict[Hashable, int], lines: Iterable[Line]) -> Protected:
    """Primary and complementary suppression of one table (see the module docstring)."""
    lines = list(dict.fromkeys(lines))
    for line in lines:
        for key in (line.total, *line.parts):
            counts.setdefault(key, 0)
    marks = {k: Mark.PRIMARY for k, v in counts.items() if 0 < v < THRESHOLD}
    index, attacks = _Lines(lines, marks), [0]
    for _ in range(len(counts) + 1):
        if not marks:
            break
        cells = _next_cells(counts, marks, index, attacks)
        if cells == []:
            break
        if cells is None:  # nothing sensible left: hide every count of the table
            marks.update({k: Mark.COMPLEMENTARY for k, v in counts.items() if v and k not in marks})
            break
        for cell in cells:
            marks[cell] = Mark.COMPLEMENTARY
            index.withhold(cell)
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


# --- Families of tables that share totals (one calendar year) --------------------------------


def family_key(group: str, row: tuple, col: str) -> tuple:
    """Cell key; the overall total of every group is one shared cell ("*", ..., col)."""
    if all(part == TOTAL for part in row[1:]):
        return ("*", row[0], col)
    return (group, *row, col)


def _rows(dims: Sequence[Sequence]) -> list[tuple]:
    return list(itertools.product(*[[*dim, TOTAL] for dim in dims]))


def family_lines(year: int, groups: dict[str, Sequence[Sequence]]) -> list[Line]:
    """Every sum in the family: over each dimension (for every other combination, including
    totals) and over time (months → quarters → year)."""
    cols = year_columns(year)
    all_cols = [*cols["months"], *cols["quarters"], *cols["year"]]
    lines: dict[Line, None] = {}
    for group, dims in groups.items():
        for row in _rows(dims):
            key = functools.partial(family_key, group)
            for number, quarter in enumerate(cols["quarters"]):
                months = cols["months"][number * 3 : number * 3 + 3]
                lines[Line(key(row, quarter), tuple(key(row, m) for m in months))] = None
            year_parts = tuple(key(row, q) for q in cols["quarters"])
            lines[Line(key(row, cols["year"][0]), year_parts)] = None
            for d, dim in enumerate(dims):
                if row[d] != TOTAL:
                    continue
                for col in all_cols:
                    parts = tuple(key((*row[:d], m, *row[d + 1 :]), col) for m in dim)
                    lines[Line(key(row, col), parts)] = None
    return list(lines)


def family_counts(year: int, groups, base: dict[str, dict]) -> dict[Hashable, int]:
    """All cells of the family from the base counts {group: {(row, "YYYY-MM"): n}}."""
    cols = year_columns(year)
    quarter_of = {m: cols["quarters"][i // 3] for i, m in enumerate(cols["months"])}
    counts: dict[Hashable, int] = {}
    shared_done = False
    for group, dims in groups.items():
        for row in _rows(dims):
            for col in [*cols["months"], *cols["quarters"], *cols["year"]]:
                counts.setdefault(family_key(group, row, col), 0)
        for (row, month), value in base.get(group, {}).items():
            for general in _generalisations(row):
                shared = all(p == TOTAL for p in general[1:])
                if shared and shared_done:
                    continue
                for col in (month, quarter_of[month], cols["year"][0]):
                    counts[family_key(group, general, col)] += value
        shared_done = True
    return counts


def _generalisations(row: tuple) -> list[tuple]:
    """The row and every row with some of its parts replaced by TOTAL."""
    options = [(part, TOTAL) for part in row]
    return list(itertools.product(*options))


def protect_family(year: int, groups: dict[str, Sequence[Sequence]], base) -> Protected:
    """Protect a family of tables of one year jointly (see `family_lines`)."""
    return protect(family_counts(year, groups, base), family_lines(year, groups))
