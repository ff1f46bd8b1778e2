# SPDX-License-Identifier: EUPL-1.2
"""The processing register and the Logboek Dataverwerkingen lines."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from privacy.models import LdvRecord
from privacy.register import ACTIVITY_IDS
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "privacy/schemas/ldv-record.schema.json").read_text()
)


def test_the_register_lists_activities_and_exports_them(client):
    client.force_login(UserFactory(functional_admin=True))
    page = client.get("/privacy/verwerkingsregister/").content.decode()
    assert "cr-casus-inzage" in page
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/privacy/verwerkingsregister/?format=csv").content.decode())
        )
    )
    assert {row["id"] for row in rows} == ACTIVITY_IDS
    assert all(row["purpose"] and row["legal_basis"] and row["retention"] for row in rows)
    data = client.get("/privacy/verwerkingsregister/?format=json").json()
    assert {a["id"] for a in data["activities"]} == ACTIVITY_IDS
    client.force_login(UserFactory(partner=True))
    assert client.get("/privacy/verwerkingsregister/").status_code == 404


def test_reading_a_case_writes_one_ldv_line_per_person_valid_against_the_schema(client):
    case = CaseFactory()
    victim = add_person(case)
    child = add_person(case, roles=["child"], first_name="Tim")
    organisation = add_partner(case)
    partner = UserFactory(organisation=organisation, partner=True)
    LdvRecord.objects.all().delete()
    client.force_login(partner)
    client.get(f"/cases/{case.pk}/")
    lines = LdvRecord.objects.all()
    assert {line.data_subject_id for line in lines} == {str(victim.pk), str(child.pk)}
    assert {line.activity_id for line in lines} == {"cr-casus-inzage"}
    assert len({line.trace_id for line in lines}) == 1  # one request, one trace

    log_manager = UserFactory(log_manager=True)
    client.force_login(log_manager)
    per_person = client.get(f"/privacy/ldv/?person={victim.pk}").json()
    assert per_person
    for record in per_person:
        jsonschema.validate(record, SCHEMA, format_checker=jsonschema.FormatChecker())
        text = json.dumps(record)
        assert partner.username not in text and str(organisation) not in text
        assert record["attributes"]["dpl.core.data_subject_id"] == str(victim.pk)
    per_activity = client.get("/privacy/ldv/?activity=cr-casus-inzage").json()
    assert {r["attributes"]["dpl.core.processing_activity_id"] for r in per_activity} == {
        "cr-casus-inzage"
    }
    client.force_login(partner)
    assert client.get(f"/privacy/ldv/?person={victim.pk}").status_code == 404


def test_the_schema_refuses_a_record_with_a_user_identity():
    record = {
        "trace_id": "0" * 32,
        "span_id": "1" * 16,
        "name": "view:casework.Case",
        "start_time": "2026-01-01T10:00:00+01:00",
        "end_time": "2026-01-01T10:00:00+01:00",
        "status_code": 1,
        "attributes": {
            "dpl.core.processing_activity_id": "cr-casus-inzage",
            "dpl.core.data_subject_id": "1",
            "dpl.core.data_subject_id_type": "casusregie.person",
            "dpl.core.user_id": "regisseur",
        },
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, SCHEMA)


def test_the_lines_are_indexed_for_the_export_and_not_for_their_random_ids():
    """The log grows by a line per person on every case page: each index is paid at every
    read. The export asks by person and by activity; trace and span ids are random hex
    that nothing looks up (a B-tree of them costs a random page per line, §26)."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, LdvRecord._meta.db_table)
    indexed = {
        tuple(c["columns"])
        for c in constraints.values()
        if c["index"] or c["unique"] or c["primary_key"]
    }
    assert indexed == {("id",), ("data_subject_id",), ("activity_id",)}
