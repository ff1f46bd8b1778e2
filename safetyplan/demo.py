# SPDX-License-Identifier: EUPL-1.2
"""Fake safety plans for `make run`, built through the services. Idempotent: a case that
already has a plan is left alone; the two extra cases are recognised by their tag.

One thing is not done through a service: the overdue agreement. Services refuse a due
date in the past, so the demo creates the agreement in the draft with a future date and
then moves its due date back through the model (still a draft, so not frozen) and
re-syncs its deadline, before version 1 is adopted.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from casework.demo import (
    POLICE,
    PROBATION,
    SHELTER,
    SOCIAL_TEAM,
    VEILIG_THUIS,
    _org,
    _register,
    demo_case,
)
from casework.services.cases import membership_add_professional
from casework.services.phases import case_transition
from safetyplan import services
from safetyplan.models import AgreementPart, SafetyAgreement, SafetyPlan, ScaleScore
from safetyplan.services.base import _sync_agreement as agreement_sync_deadline

MENTAL_HEALTH = "GGZ Twente (demo)"


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _item(coordinator, version, rank, title, who, what, whom, when, impact, danger, goal):
    return services.risk_item_create(
        actor=coordinator,
        version=version,
        rank=rank,
        title=title,
        facts_who=who,
        facts_what=what,
        facts_to_whom=whom,
        facts_when=when,
        facts_impact=impact,
        danger_statement=danger,
        safety_goal=goal,
        consequences="Bij overtreding volgt direct overleg aan de Code Rood-tafel (fictief).",
        supervision="Politie en reclassering (fictief).",
        next_evaluation=timezone.localdate() + datetime.timedelta(days=14),
    )


def _agreement(coordinator, item, text, org, days, part=AgreementPart.SAFETY, user=None):
    return services.agreement_create(
        actor=coordinator,
        item=item,
        description=text,
        owner_organisation=_org(org),
        owner_user=user,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
        part=part,
    )


ITEMS = [
    (
        "Dreiging met een mes",
        "Mark (pleger)",
        "Bedreigde Sanne met een mes in de keuken.",
        "Sanne; Noah was getuige.",
        "Begin deze maand, 's avonds",
        "Sanne is angstig; Noah slaapt slecht.",
        "Als er niets verandert, kan Mark Sanne ernstig verwonden.",
        "Sanne en Noah zijn veilig en Mark komt niet in hun buurt.",
    ),
    (
        "Stalking via berichten",
        "Mark (pleger)",
        "Stuurt dagelijks dreigende berichten.",
        "Sanne",
        "De afgelopen weken",
        "Sanne durft niet naar buiten.",
        "De dreiging kan omslaan in nieuw fysiek geweld.",
        "Mark neemt op geen enkele manier contact op met Sanne.",
    ),
    (
        "Kind getuige van geweld",
        "Mark (pleger)",
        "Noah zag het geweld tussen zijn ouders.",
        "Noah",
        "Herhaaldelijk in het afgelopen jaar",
        "Noah is teruggetrokken op school.",
        "Zonder hulp loopt Noah blijvende schade op.",
        "Noah voelt zich veilig en krijgt hulp bij het verwerken.",
    ),
]


def _build_plan(case, *, coordinator, met: bool, care: bool, overdue: bool = False):
    """A draft with the three demo items, conditions and agreements; returns the draft."""
    draft = services.plan_start_draft(actor=coordinator, case=case)
    for rank, fields in enumerate(ITEMS, start=1):
        item = _item(coordinator, draft, rank, *fields)
        services.condition_create(
            actor=coordinator,
            item=item,
            text="Mark heeft een contactverbod en houdt zich eraan.",
            is_met=met,
        )
        services.condition_create(
            actor=coordinator, item=item, text="Sanne heeft een noodknop (AWARE).", is_met=met
        )
        agreement = _agreement(
            coordinator, item, "Wijkagent controleert het contactverbod wekelijks.", POLICE, 7
        )
        if overdue and rank == 1:
            # Demo only: back-date the due date while the version is still a draft.
            past = timezone.localdate() - datetime.timedelta(days=3)
            SafetyAgreement.objects.filter(pk=agreement.pk).update(due_date=past)
            agreement.refresh_from_db()
            agreement_sync_deadline(agreement, case=case)
        _agreement(
            coordinator, item, "Veilig Thuis voert een veiligheidsgesprek.", VEILIG_THUIS, 10
        )
        if care:
            _agreement(
                coordinator,
                item,
                "GGZ start behandeling gericht op agressieregulatie.",
                MENTAL_HEALTH
                if case.memberships.filter(organisation__name=MENTAL_HEALTH).exists()
                else VEILIG_THUIS,
                30,
                part=AgreementPart.CARE,
            )
    return draft


def _scores(case, actor, series):
    """Scale scores over time: recorded now through the service, then spread back in time
    (scores are running records, not frozen version content)."""
    plan = SafetyPlan.objects.get(case=case)
    for risk in plan.risks.all():
        for days_ago, score in series:
            entry = services.scale_score_record(actor=actor, risk=risk, score=score)
            ScaleScore.objects.filter(pk=entry.pk).update(
                recorded_at=timezone.now() - datetime.timedelta(days=days_ago)
            )


def _immediate_case(coordinator):
    case = demo_case("demo-directe-veiligheid")
    if case is None or SafetyPlan.objects.filter(case=case).exists():
        return
    draft = _build_plan(case, coordinator=coordinator, met=False, care=False, overdue=True)
    version = services.plan_adopt(actor=coordinator, version=draft)
    for username in ("politie", "opvang"):
        services.plan_acknowledge(actor=_user(username), version=version)
    _scores(case, _user("politie"), [(20, 2), (13, 3), (6, 4), (1, 5)])
    draft = services.plan_start_draft(actor=coordinator, case=case)
    item = draft.risk_items.get(rank=2)
    services.risk_item_update(
        actor=coordinator,
        item=item,
        lock_version=item.lock_version,
        **{
            **{f: getattr(item, f) for f in services.RISK_ITEM_FIELDS},
            "safety_goal": "Mark neemt geen contact op; Sanne voelt zich weer vrij buiten.",
        },
    )


def _progressed_case(tag, *, coordinator, reason, municipality, persons, to_recovery):
    if demo_case(tag) is not None:
        return
    case = _register(
        tag,
        track="code_rood",
        municipality=municipality,
        registering=POLICE,
        criteria=["acute_danger", "recent_escalation"],
        reason=reason,
        partners=[VEILIG_THUIS, PROBATION, MENTAL_HEALTH, SOCIAL_TEAM, SHELTER][:4],
        persons=persons,
    )
    membership_add_professional(actor=coordinator, case=case, user=_user("politie"))
    case_transition(case=case, name="start", actor=coordinator, reason="Code Rood-tafel.")
    draft = _build_plan(case, coordinator=coordinator, met=True, care=to_recovery)
    version = services.plan_adopt(actor=coordinator, version=draft)
    for username in ("politie", "veiligthuis", "reclassering"):
        services.plan_acknowledge(actor=_user(username), version=version)
    _scores(case, _user("politie"), [(40, 3), (25, 5), (10, 7)])
    case = case_transition(
        case=case,
        name="stabilise",
        actor=coordinator,
        reason="Alle voorwaarden voor directe veiligheid zijn vervuld.",
    )
    if to_recovery:
        case_transition(
            case=case,
            name="recover",
            actor=coordinator,
            reason="Risicogestuurde zorg loopt; geen incidenten in de rustperiode.",
        )


def load() -> None:
    coordinator = _user("regisseur")
    d = datetime.date
    _immediate_case(coordinator)
    _progressed_case(
        "demo-stabiel",
        coordinator=coordinator,
        reason="Herhaald geweld na relatiebreuk; veiligheid inmiddels geborgd.",
        municipality="Hengelo",
        persons=[
            (["victim"], "Anouk", "Visser-demo", d(1988, 6, 12), {}),
            (["perpetrator"], "Dennis", "Visser-demo", d(1986, 1, 30), {}),
        ],
        to_recovery=False,
    )
    _progressed_case(
        "demo-herstel",
        coordinator=coordinator,
        reason="Partnergeweld; zorg op de oorzaken loopt, herstel staat centraal.",
        municipality="Almelo",
        persons=[
            (["victim"], "Yara", "Koster-demo", d(1992, 8, 4), {}),
            (["perpetrator"], "Tim", "Koster-demo", d(1990, 2, 14), {}),
            (["child"], "Lina", "Koster-demo", d(2018, 10, 9), {}),
        ],
        to_recovery=True,
    )
