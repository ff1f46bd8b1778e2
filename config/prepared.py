# SPDX-License-Identifier: EUPL-1.2
"""A query built and compiled once per process, run with new values (issue 14).

Building and compiling a queryset with many annotations can cost more than running it: the
case page's one query of its case took ~25 ms of Python to build and compile, for under
1 ms in PostgreSQL. A `PreparedQuery` builds its queryset once from stand-in values,
compiles it, and keeps the SQL and the compiler's map of the columns; a call puts the real
values in as the query's parameters and turns the rows into model instances through the
ORM's own iterable, so the objects are exactly what the queryset would have given.

It keeps the SQL only when it can show that the values reach it as parameters and in no
other way: compiled a second time with other stand-ins, the SQL must be the same text and
the parameters may differ exactly where a stand-in went in (as it is, or as the backend
adapts a moment). A value that picks a branch, a moment shifted in Python before it goes
into the query: then the SQL is not kept and every call builds the queryset, as without
it. The kept SQL is dropped when a setting changes (override_settings in the tests).
"""

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from weakref import WeakSet

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections

# A signed 64-bit integer: what a database column takes. The caller says what a value
# outside it means (an id beyond it is "not found"): a prepared query refuses it.
_INT_RANGE = range(-(2**63), 2**63)

_ALL: WeakSet = WeakSet()


def _stand_in(kind: type, name_index: int, variant: int):
    """Two sets of values no caller would pass, alike in kind and in range to real ones (a
    positive id, a moment of this century) and unlike each other in every part (even and
    odd, another month, day and hour), so a build that branches on one shows it."""
    if kind is int:
        return (1_900_000_000, 1_900_001_001)[variant] + 2 * name_index
    if kind is datetime:
        return (
            datetime(2001, 2, 3, 4, 5, 6, 7 + name_index, tzinfo=UTC),
            datetime(2002, 9, 18, 17, 35, 46, 57 + name_index, tzinfo=UTC),
        )[variant]
    if kind is str:
        return (f"stand-in-{name_index}", f"other-stand-in-{name_index}")[variant]
    raise TypeError(f"PreparedQuery takes int, str and datetime values, not {kind.__name__}")


_INTEGER_FIELDS = ("SmallIntegerField", "IntegerField", "BigIntegerField")


def _adapters(connection) -> list[Callable]:
    """How a value may come out in the parameters: as it is, as the backend writes a
    moment (SQLite: text in UTC), or as it types a number compared with an integer column
    that is no key (PostgreSQL with server-side binding: psycopg's Int2, Int4 or Int8)."""

    def as_moment(value):
        if not isinstance(value, datetime):
            raise TypeError(value)
        return connection.ops.adapt_datetimefield_value(value)

    def as_integer_field(internal_type: str) -> Callable:
        def adapt(value):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(value)
            return connection.ops.adapt_integerfield_value(value, internal_type)

        return adapt

    return [lambda value: value, as_moment, *map(as_integer_field, _INTEGER_FIELDS)]


class _Kept:
    def __init__(self, queryset, compiler, sql, params, slots):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.slots = slots  # (position in params, value's name, adapter)

    def run(self, values: dict, using: str) -> list:
        params = list(self.params)
        for position, name, adapt in self.slots:
            params[position] = adapt(values[name])
        params = tuple(params)
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[using]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        queryset = self.queryset.all()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


class PreparedQuery:
    """`build(**values)` returns the queryset; `kinds` names each value's type (int, str
    or datetime). Calling the prepared query with the values returns the list of objects."""

    def __init__(self, build: Callable, **kinds: type):
        self.build = build
        self.kinds = kinds
        self._kept: dict[str, _Kept | None] = {}
        _ALL.add(self)

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list:
        if set(values) != set(self.kinds):
            raise TypeError(f"PreparedQuery needs {sorted(self.kinds)}, got {sorted(values)}")
        for name, value in values.items():
            if not isinstance(value, self.kinds[name]) or (
                isinstance(value, int) and value not in _INT_RANGE
            ):
                raise ValueError(f"PreparedQuery: {name} is no {self.kinds[name].__name__}")
        if using not in self._kept:
            self._kept[using] = self._prepare(using)
        kept = self._kept[using]
        if kept is None:
            return list(self.build(**values).using(using))
        return kept.run(values, using)

    def is_kept(self, using: str = DEFAULT_DB_ALIAS) -> bool:
        """Whether calls run the kept SQL (prepared on the first call)."""
        if using not in self._kept:
            self._kept[using] = self._prepare(using)
        return self._kept[using] is not None

    def forget(self) -> None:
        self._kept.clear()

    def _prepare(self, using: str) -> _Kept | None:
        names = list(self.kinds)
        first = {n: _stand_in(self.kinds[n], i, 0) for i, n in enumerate(names)}
        second = {n: _stand_in(self.kinds[n], i, 1) for i, n in enumerate(names)}
        queryset = self.build(**first).using(using)
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
            other_sql, other_params = self.build(**second).using(using).query.sql_with_params()
        except (EmptyResultSet, FullResultSet):
            return None
        if sql != other_sql or len(params) != len(other_params):
            return None
        adapters = _adapters(connections[using])
        slots = []
        for position, (one, other) in enumerate(zip(params, other_params, strict=True)):
            if one == other:
                continue
            slot = next(
                (
                    (position, name, adapt)
                    for name in names
                    for adapt in adapters
                    if _fits(adapt, first[name], one) and _fits(adapt, second[name], other)
                ),
                None,
            )
            if slot is None:
                return None  # a parameter that changes in another way than a value
            slots.append(slot)
        if {name for _p, name, _a in slots} != set(names):
            return None  # a value that never reached the SQL as a parameter
        # Each call puts in its own thread's connection. Kept, the preparing thread's would
        # stay open after that thread ended (a threaded server's request thread), for as
        # long as the process runs.
        compiler.connection = None
        return _Kept(queryset, compiler, sql, list(params), slots)


def _fits(adapt: Callable, value, param) -> bool:
    try:
        adapted = adapt(value)
    except (TypeError, ValueError):
        return False
    return type(adapted) is type(param) and adapted == param


def _forget_all(**kwargs) -> None:
    for prepared in list(_ALL):
        prepared.forget()


setting_changed.connect(_forget_all, dispatch_uid="config.prepared.forget")
