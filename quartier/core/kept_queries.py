"""`values()` queries compiled once per process and run again with new parameters.

Building and compiling a Django query costs about a millisecond, more than running the
small queries of the API's answers. A `KeptQuery` builds its queryset once per shape (the
lengths of list parameters, the page) with sentinel values, keeps the SQL, the column names
and Django's converters, and runs that SQL with the real values put where the sentinels
were. The rows are the ones the queryset itself would give: same SQL, same converters.
When a sentinel does not show up as a parameter exactly once (Django wrote it into the SQL,
or the shape differs), the queryset is simply evaluated as usual.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections

MAX_SHAPES = 64
_counter = itertools.count(1)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict[int, tuple[str, int | None]]  # parameter index -> (argument, list position)
    names: tuple[str, ...]
    converters: dict


def _sentinel(value):
    number = next(_counter)
    if isinstance(value, dt.datetime):
        return dt.datetime(1900, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=number)
    if isinstance(value, str):
        return f"kept-query-sentinel-{number}"
    return 10**15 + number


def _adapted(connection, value):
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class KeptQuery:
    """`build(**arguments)` returns a `values()` queryset; arguments are ints, strings,
    datetimes or lists of ints. `shape` names further arguments that change the SQL's text
    (a page)."""

    def __init__(self, build: Callable, *, shape: tuple[str, ...] = ()) -> None:
        self.build = build
        self.shape = shape
        self._kept: OrderedDict = OrderedDict()

    def rows(self, **arguments) -> list[dict]:
        alias = DEFAULT_DB_ALIAS
        connection = connections[alias]
        key = (alias, connection.vendor, self._shape_of(arguments))
        compiled = self._kept.get(key)
        if compiled is None:
            compiled = self._compile(connection, arguments)
            self._kept[key] = compiled
            if len(self._kept) > MAX_SHAPES:
                self._kept.popitem(last=False)
        if compiled is False:
            return list(self.build(**arguments))
        return self._run(connection, compiled, arguments)

    def instances(self, model, **arguments) -> list:
        """The rows as `model` instances (the queryset must select its fields by attname)."""
        return [
            model.from_db(DEFAULT_DB_ALIAS, list(row), list(row.values()))
            for row in self.rows(**arguments)
        ]

    def _shape_of(self, arguments: dict) -> tuple:
        return tuple(
            (name, arguments[name] if name in self.shape else self._kind(value))
            for name, value in sorted(arguments.items())
        )

    @staticmethod
    def _kind(value):
        return ("list", len(value)) if isinstance(value, list | tuple) else type(value).__name__

    def _compile(self, connection, arguments: dict) -> _Compiled | bool:
        sentinels, wanted = {}, {}
        for name, value in arguments.items():
            if name in self.shape:
                sentinels[name] = value
            elif isinstance(value, list | tuple):
                sentinels[name] = [_sentinel(item) for item in value]
                for position, item in enumerate(sentinels[name]):
                    wanted[_adapted(connection, item)] = (name, position)
            else:
                sentinels[name] = _sentinel(value)
                wanted[_adapted(connection, sentinels[name])] = (name, None)
        try:
            queryset = self.build(**sentinels)
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
        except (ValueError, TypeError, EmptyResultSet, FullResultSet):
            return False  # the sentinels do not fit this query: no shortcut
        slots = {i: wanted[p] for i, p in enumerate(params) if _hashable(p) and p in wanted}
        if sorted(slots.values(), key=repr) != sorted(wanted.values(), key=repr):
            return False  # a value went into the SQL text, or appears twice: no shortcut
        query = queryset.query
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        converters = compiler.get_converters(fields)
        return _Compiled(sql, tuple(params), slots, names, converters)

    @staticmethod
    def _run(connection, compiled: _Compiled, arguments: dict) -> list[dict]:
        params = list(compiled.params)
        for index, (name, position) in compiled.slots.items():
            value = arguments[name] if position is None else arguments[name][position]
            params[index] = _adapted(connection, value)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        names, converters = compiled.names, list(compiled.converters.items())
        rows = []
        for record in fetched:
            record = list(record[: len(names)])
            for position, (functions, expression) in converters:
                value = record[position]
                for function in functions:
                    value = function(value, expression, connection)
                record[position] = value
            rows.append(dict(zip(names, record, strict=True)))
        return rows


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
