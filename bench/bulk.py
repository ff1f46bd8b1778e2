# SPDX-License-Identifier: EUPL-1.2
"""Fast inserts for the region generator: COPY on PostgreSQL, executemany elsewhere.

Rows are plain tuples in the order of the columns named for the table; every other
column gets its model default once (auto_now fields the region's clock), so a row costs a
tuple, not a model instance. Ids are handed out by the generator, and the sequences are
moved past them at the end."""

import json

from django.db import connection, models


class Table:
    def __init__(self, model: type[models.Model], columns: list[str], *, now):
        self.model = model
        self.columns = columns
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model._meta.label}: unknown columns {sorted(unknown)}")
        self.fixed: list[tuple[str, object]] = []
        for name, field in fields.items():
            if name in columns:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif isinstance(field, models.CharField | models.TextField) and field.blank:
                value = ""
            else:
                raise ValueError(f"{model._meta.label}.{name} needs a value")
            self.fixed.append((name, value))
        self.fields = [fields[c] for c in columns] + [fields[c] for c, _v in self.fixed]
        self.tail = tuple(v for _c, v in self.fixed)
        self.json = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.rows: list[tuple] = []

    def add(self, *row) -> None:
        self.rows.append(row)

    def flush(self) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = [f.column for f in self.fields]
        quoted = ", ".join(connection.ops.quote_name(n) for n in names)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    tail, json_at = self.tail, self.json
                    for row in rows:
                        full = row + tail
                        if json_at:
                            full = list(full)
                            for i in json_at:
                                full[i] = json.dumps(full[i])
                        copy.write_row(full)
            else:
                prepared = [
                    tuple(
                        f.get_db_prep_save(v, connection) if v is not None else None
                        for f, v in zip(self.fields, row + self.tail, strict=True)
                    )
                    for row in rows
                ]
                marks = ", ".join(["%s"] * len(names))
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 (model names)
                cursor.executemany(sql, prepared)
        return len(rows)


def next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(model_list) -> None:
    statements = connection.ops.sequence_reset_sql(_NoStyle(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text
