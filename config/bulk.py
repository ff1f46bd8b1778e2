# SPDX-License-Identifier: EUPL-1.2
"""Rows of one model written with one INSERT of arrays on PostgreSQL (issue 14).

A column whose value is the same in every row (the moment, the reader, the action, the
page) is sent once, each other column as one array, unnested in the rows' order. The SQL
is written once per model and shape and kept, where the ORM's bulk_create builds and
compiles its INSERT at every call: for the few lines a page writes to a log, that building
cost more than PostgreSQL's work (the access log: docs/decisions.md §29; the Logboek
Dataverwerkingen: §33)."""

import functools

from django.db import connections, models


@functools.cache
def _fields(model: type[models.Model]) -> tuple:
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


@functools.lru_cache(maxsize=64)
def _insert_sql(
    model: type[models.Model], shared: tuple[bool, ...], returning: bool, alias: str
) -> str:
    db = connections[alias]
    quote = db.ops.quote_name
    fields = _fields(model)
    selected, arrays, aliases = [], [], []
    for field, once in zip(fields, shared, strict=True):
        cast = field.db_type(db).split("(")[0]
        if once:
            selected.append(f"%s::{cast}")
        else:
            selected.append(f"u.{quote(field.column)}")
            arrays.append(f"%s::{cast}[]")
            aliases.append(quote(field.column))
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) SELECT {', '.join(selected)}"  # noqa: S608
    if arrays:
        sql += f" FROM UNNEST({', '.join(arrays)}) AS u({', '.join(aliases)})"
    if returning:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    return sql


def unnest_insert(cursor, model: type[models.Model], objects: list, *, returning: bool) -> list:
    """Insert `objects` (unsaved instances of `model`) through `cursor` (a PostgreSQL
    cursor of Django's); with `returning`, each object gets its new id and counts as saved."""
    db = cursor.db
    fields = _fields(model)
    columns = [[getattr(obj, f.attname) for obj in objects] for f in fields]
    shared = tuple(all(value == values[0] for value in values) for values in columns)
    once = [values[0] for values, one in zip(columns, shared, strict=True) if one]
    each = [values for values, one in zip(columns, shared, strict=True) if not one]
    cursor.execute(_insert_sql(model, shared, returning, db.alias), once + each)
    if returning:
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = db.alias
    return objects
