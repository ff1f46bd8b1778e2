# SPDX-License-Identifier: EUPL-1.2
"""Reads of the perpetrator's track. Every read starts from a case the user may see and
leaves out what the item's confidentiality level keeps from them (the rule of incidents,
casework.selectors.incident_visibility_q, on the same field names)."""

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop

from casework.models import Case, Confidentiality
from casework.page import known_empty
from casework.permissions import can_manage_case
from casework.selectors import case_is_visible, incident_visibility_q
from casework.timeline import TimelineEntry
from config.formats import local_date
from perpetrator.models import Breach, Condition, Custody
from perpetrator.permissions import can_record_track
from perpetrator.services import RELAPSE_FROM


def _visible(model, user, case: Case) -> QuerySet:
    if user is None:
        return model.objects.filter(case=case, confidentiality=Confidentiality.TEAM)
    if not case_is_visible(user, case):
        return model.objects.none()
    return model.objects.filter(case=case).filter(incident_visibility_q(user))


def conditions_visible_to(user, case: Case) -> QuerySet[Condition]:
    return _visible(Condition, user, case).select_related("person", "reported_by_organisation")


def custodies_visible_to(user, case: Case) -> QuerySet[Custody]:
    return _visible(Custody, user, case).select_related("person", "reported_by_organisation")


def breaches_visible_to(user, case: Case) -> QuerySet[Breach]:
    return _visible(Breach, user, case).select_related(
        "person", "condition", "reported_by_organisation"
    )


def _get(qs: QuerySet, pk):
    try:
        return qs.get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, qs.model.DoesNotExist):
        raise Http404 from None


def custody_get_for(user, case: Case, pk) -> Custody:
    """One custody of this (already visible) case that the user may read, or 404."""
    return _get(custodies_visible_to(user, case), pk)


HAS_CONDITIONS = "has_track_conditions"
HAS_CUSTODY = "has_track_custody"


def case_page_annotations(now) -> dict:
    """Whether anything of the track was recorded, read with the case page's case: most
    cases with a pleger have no condition or custody on record (a breach needs a
    condition), and then the section reads nothing."""
    return {
        HAS_CONDITIONS: Exists(Condition.objects.filter(case=OuterRef("pk"))),
        HAS_CUSTODY: Exists(Custody.objects.filter(case=OuterRef("pk"))),
    }


def track_case_section(case: Case, user, now: datetime) -> dict | None:
    """The track's section of the case page; only on a case with a pleger. Three queries
    at most, none when nothing was recorded (known with the case page's case)."""
    if not any(person.is_perpetrator for person in case.persons.all()):
        return None
    visible = incident_visibility_q(user)
    conditions = custodies = breaches = []
    if not known_empty(case, HAS_CONDITIONS):
        conditions = list(
            Condition.objects.filter(case=case)
            .filter(visible)
            .select_related("person", "reported_by_organisation")
        )
        breaches = list(
            Breach.objects.filter(case=case)
            .filter(visible)
            .select_related("condition", "reported_by_organisation")
        )
    if not known_empty(case, HAS_CUSTODY):
        custodies = list(
            Custody.objects.filter(case=case)
            .filter(visible)
            .select_related("person", "reported_by_organisation")
        )
    may_record = not case.is_closed and can_record_track(user, case)
    return {
        "conditions": conditions,
        "custodies": custodies,
        "breaches": breaches,
        "can_record": may_record,
        "can_record_breach": may_record and bool(conditions),
    }


def _levels(item) -> dict:
    return {
        "confidentiality": item.confidentiality,
        "sector": item.sector,
        "organisation_id": item.reported_by_organisation_id,
    }


def track_timeline(case: Case) -> list[TimelineEntry]:
    """Conditions and custody for the case timeline (two queries), each at its own level;
    breaches are in it as incidents already."""
    entries = []
    for condition in Condition.objects.filter(case=case).select_related("recorded_by"):
        values = {
            "kind": str(condition.get_kind_display()),
            "by": str(condition.get_imposed_by_display()),
            "start": local_date(condition.starts_on),
            "end": local_date(condition.ends_on) if condition.ends_on else "onbepaald",
        }
        entries.append(
            TimelineEntry(
                condition.recorded_at,
                "perpetrator",
                gettext_noop("Voorwaarde pleger: %(kind)s (%(by)s), %(start)s – %(end)s"),
                condition.details,
                str(condition.recorded_by),
                params=values,
                **_levels(condition),
            )
        )
    for custody in Custody.objects.filter(case=case).select_related("recorded_by"):
        values = {
            "start": local_date(custody.custody_on),
            "end": local_date(custody.release_on) if custody.release_on else "onbekend",
        }
        entries.append(
            TimelineEntry(
                custody.recorded_at,
                "perpetrator",
                gettext_noop("Hechtenis pleger sinds %(start)s, verwachte vrijlating %(end)s"),
                custody.details,
                str(custody.recorded_by),
                params=values,
                **_levels(custody),
            )
        )
    return entries


def may_relapse(user, case: Case) -> bool:
    """Whether the breach form offers "send the case back to immediate safety"."""
    return case.phase in RELAPSE_FROM and can_manage_case(user, case)
