"""Small counts cannot be read or worked out from what is published.

The attacker here is exact: it knows every published cell, that a "<5" cell holds 1..4 and a
"•" cell at least 5, and every sum of the table; it searches all integer solutions and lists
the values a withheld cell can take. A primary cell is safe only if at least two remain.
"""

import itertools
import random

from quartier.stats.suppression import (
    TOTAL,
    Line,
    Mark,
    _bounds,
    grid_lines,
    propagate,
    protect,
    protect_year,
    year_columns,
    year_lines,
)


def _feasible(bounds, lines, limit) -> bool:
    """Is there an integer solution within `bounds`? (depth-first, narrowest cell first)"""
    if not propagate(bounds, lines):
        return False
    open_keys = [k for k, b in bounds.items() if b[0] < b[1]]
    if not open_keys:
        return True
    pick = min(open_keys, key=lambda k: bounds[k][1] - bounds[k][0])
    for value in range(int(bounds[pick][0]), int(min(bounds[pick][1], limit)) + 1):
        trial = {k: list(b) for k, b in bounds.items()}
        trial[pick] = [float(value), float(value)]
        if _feasible(trial, lines, limit):
            return True
    return False


def possible_values(protected, lines, key) -> set[int]:
    """Every value of `key` that agrees with all published cells and sums (exact search)."""
    limit = sum(v for v in protected.counts.values()) + 5
    bounds = _bounds(protected.counts, protected.marks)
    for b in bounds.values():
        b[1] = min(b[1], limit)
    lo, hi = int(bounds[key][0]), int(bounds[key][1])
    values = set()
    for value in range(lo, min(hi, lo + 8) + 1):
        trial = {k: list(b) for k, b in bounds.items()}
        trial[key] = [float(value), float(value)]
        if _feasible(trial, lines, limit):
            values.add(value)
    return values


def assert_safe(protected, lines):
    for key, mark in protected.marks.items():
        if mark is Mark.PRIMARY:
            values = possible_values(protected, lines, key)
            assert protected.counts[key] in values
            assert len(values) >= 2, f"{key} is disclosed: {values}"


def grid(rows):
    counts = {}
    row_keys = [f"r{i}" for i in range(len(rows))]
    col_keys = [f"c{j}" for j in range(len(rows[0]))]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            counts[(row_keys[i], col_keys[j])] = value
        counts[(row_keys[i], TOTAL)] = sum(row)
    for j, col in enumerate(col_keys):
        counts[(TOTAL, col)] = sum(r[j] for r in rows)
    counts[(TOTAL, TOTAL)] = sum(map(sum, rows))
    return counts, grid_lines(row_keys, col_keys)


def test_counts_from_one_to_four_are_shown_as_less_than_five():
    counts, lines = grid([[3, 20, 30], [10, 12, 14]])
    protected = protect(counts, lines)
    assert protected.shown(("r0", "c0")) == "<5"
    assert protected.shown(("r1", "c2")) in (14, "•")
    assert protected.shown(("r0", "c1")) in (20, "•")


def test_zero_and_five_are_shown():
    counts, lines = grid([[0, 5, 30], [10, 12, 14]])
    protected = protect(counts, lines)
    assert protected.marks == {}
    assert protected.shown(("r0", "c0")) == 0
    assert protected.shown(("r0", "c1")) == 5


def test_a_single_small_cell_cannot_be_recomputed_from_row_and_column_totals():
    counts, lines = grid([[3, 20, 30], [10, 12, 14], [7, 9, 11]])
    protected = protect(counts, lines)
    row = [k for k in protected.marks if k[0] == "r0"]
    col = [k for k in protected.marks if k[1] == "c0"]
    assert len(row) >= 2 and len(col) >= 2
    assert_safe(protected, lines)


def test_primary_suppression_alone_would_disclose_the_cell():
    """The attacker works: with only the small cell withheld, it finds the exact value."""
    counts, lines = grid([[3, 20, 30], [10, 12, 14]])
    from quartier.stats.suppression import Protected

    naive = Protected(counts=counts, marks={("r0", "c0"): Mark.PRIMARY})
    assert possible_values(naive, lines, ("r0", "c0")) == {3}


def test_two_ones_in_a_row_are_not_given_away_by_their_total_of_two():
    counts, lines = grid([[1, 1, 40], [1, 1, 40], [30, 30, 30]])
    protected = protect(counts, lines)
    assert_safe(protected, lines)


def test_a_small_total_is_withheld_with_its_parts():
    counts, lines = grid([[1, 2, 0], [10, 12, 14], [8, 9, 7]])
    protected = protect(counts, lines)
    assert protected.shown(("r0", TOTAL)) == "<5"
    assert_safe(protected, lines)


def test_a_table_of_only_small_counts_shows_no_numbers_that_help():
    counts, lines = grid([[1, 2], [3, 1]])
    protected = protect(counts, lines)
    assert all(protected.is_suppressed(k) for k, v in counts.items() if 0 < v < 5)
    assert_safe(protected, lines)


def test_random_tables_never_disclose_a_small_cell():
    rng = random.Random(13)
    for _ in range(60):
        shape = (rng.randint(2, 3), rng.randint(2, 4))
        rows = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 15, 40]) for _ in range(shape[1])]
                for _ in range(shape[0])]  # fmt: skip
        counts, lines = grid(rows)
        protected = protect(counts, lines)
        assert_safe(protected, lines)


def test_one_dimensional_table_with_total():
    counts = {"a": 2, "b": 30, "c": 7, TOTAL: 39}
    lines = [Line(TOTAL, ("a", "b", "c"))]
    protected = protect(counts, lines)
    assert protected.marks == {"a": Mark.PRIMARY, "c": Mark.COMPLEMENTARY}
    assert_safe(protected, lines)


def test_month_quarter_and_year_cannot_be_played_off_against_each_other():
    """A month with 3 contacts: the quarter and the year are published from the same table,
    so 'year minus the other quarters' or 'quarter minus the other months' reveals nothing."""
    monthly = {}
    for m, month in enumerate(year_columns(2025)["months"]):
        monthly[("Einsamkeit", month)] = 3 if m == 2 else 20 + m
        monthly[("Wohnen", month)] = 30 + m
    protected = protect_year(["Einsamkeit", "Wohnen"], 2025, monthly)
    lines = year_lines(["Einsamkeit", "Wohnen"], 2025)
    assert protected.shown(("Einsamkeit", "2025-03")) == "<5"
    # The published quarter and year of that row are not both exact with all other months.
    row_cells = [k for k in protected.marks if k[0] == "Einsamkeit"]
    assert len(row_cells) >= 2
    assert_safe(protected, lines)


def test_overlapping_slices_of_one_year_leak_nothing_more_than_the_year_table():
    """Every published slice (each month, each quarter, the year) is a set of cells of the
    one protected year table, with the same marks: their union is that table."""
    rng = random.Random(5)
    rows = ["a", "b", "c"]
    monthly = {
        (r, m): rng.choice([0, 1, 2, 6, 11, 25])
        for r, m in itertools.product(rows, year_columns(2024)["months"])
    }
    protected = protect_year(rows, 2024, monthly)
    again = protect_year(rows, 2024, dict(monthly))
    assert protected.marks == again.marks  # deterministic: a second request shows the same
    lines = year_lines(rows, 2024)
    for key, mark in protected.marks.items():
        if mark is Mark.PRIMARY and key[1].endswith(("-03", "-Q1", "2024")):
            values = possible_values(protected, lines, key)
            assert len(values) >= 2, key
