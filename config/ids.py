# SPDX-License-Identifier: EUPL-1.2
"""Ids in URLs and forms: anything that cannot be a database id is simply "not found"."""

from django.db.models import BooleanField, CharField, Expression, F, Value

MAX_ID = 2**63 - 1  # the largest BigAutoField value; a larger id is never a database error


def id_in_range(value) -> bool:
    return isinstance(value, int) and 0 < value <= MAX_ID


def parse_id(value) -> int | None:
    """The id, or None when the value cannot be one (wrong type, out of range)."""
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_ID else None


class IdIn(Expression):
    """`column IN (the ids)`, the ids as one text parameter ("4,8,15"): a query compiled once
    (config.prepared) takes any number of ids, and PostgreSQL probes each id by its index
    (`= ANY(array)`) instead of walking an ordered index for them (issue 14)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, ids: str):
        super().__init__()
        self.column = F(column)
        self.ids = Value(ids, output_field=CharField())

    def get_source_expressions(self):
        return [self.column, self.ids]

    def set_source_expressions(self, expressions):
        self.column, self.ids = expressions

    def as_sql(self, compiler, connection):  # SQLite: the list as a JSON array
        column, column_params = compiler.compile(self.column)
        ids, ids_params = compiler.compile(self.ids)
        return (
            # both compiled by Django: the column's name and the ids' placeholder
            f"{column} IN (SELECT value FROM json_each('[' || {ids} || ']'))",  # noqa: S608
            (*column_params, *ids_params),
        )

    def as_postgresql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        ids, ids_params = compiler.compile(self.ids)
        return (
            f"{column} = ANY(string_to_array({ids}, ',')::bigint[])",
            (*column_params, *ids_params),
        )


def ids_text(ids) -> str:
    """The ids as IdIn takes them."""
    return ",".join(str(int(pk)) for pk in ids)
