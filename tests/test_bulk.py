# SPDX-License-Identifier: EUPL-1.2
"""config.bulk: one INSERT of arrays on PostgreSQL writes exactly the rows the ORM's
bulk_create writes, columns sent once or per row alike (issue 14)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from config.bulk import unnest_insert
from privacy.models import LdvRecord, LdvStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

COLUMNS = [f.attname for f in LdvRecord._meta.concrete_fields if not f.primary_key]


NOW = timezone.now()


def _records(marker: str, *, same_moment: bool) -> list[LdvRecord]:
    now = NOW  # one moment for both sets, so their rows compare
    return [
        LdvRecord(
            trace_id=marker * 32,
            span_id=f"{n:016x}",
            name="view:casework.Case",
            activity_id="cr-casus-inzage" if n % 2 else "cr-plan-inzage",
            status_code=LdvStatus.OK if n else LdvStatus.ERROR,
            start_time=now if same_moment else now + timedelta(seconds=n),
            end_time=now,
            data_subject_id=str(1000 + n),
        )
        for n in range(4)
    ]


def _rows(marker: str) -> list[tuple]:
    found = LdvRecord.objects.filter(trace_id=marker * 32).order_by("span_id")
    return [tuple(getattr(r, c) for c in COLUMNS if c != "trace_id") for r in found]


@pytest.mark.parametrize("same_moment", [True, False])
def test_the_written_insert_gives_the_rows_of_bulk_create(same_moment):
    LdvRecord.objects.bulk_create(_records("a", same_moment=same_moment))
    written = _records("b", same_moment=same_moment)
    with connection.cursor() as cursor:
        unnest_insert(cursor, LdvRecord, written, returning=True)
    assert _rows("b") == _rows("a") and len(_rows("b")) == 4
    assert [r.pk for r in written] == list(
        LdvRecord.objects.filter(trace_id="b" * 32).order_by("pk").values_list("pk", flat=True)
    )
    assert all(not r._state.adding for r in written)


def test_one_row_and_every_column_shared():
    (record,) = _records("c", same_moment=True)[:1]
    with connection.cursor() as cursor:
        unnest_insert(cursor, LdvRecord, [record], returning=False)
    assert LdvRecord.objects.get(trace_id="c" * 32).data_subject_id == "1000"
