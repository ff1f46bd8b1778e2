# SPDX-License-Identifier: EUPL-1.2
"""The PDF of an adopted plan version, built with reportlab (pure Python, its own
standard fonts: nothing is fetched from outside the application).

It carries what the version says, never persons' addresses: a shelter address can
therefore never end up in a downloaded file.
"""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from safetyplan.selectors import acknowledgement_overview, version_content


def _p(text, style):
    return Paragraph(escape(str(text or "—")).replace("\n", "<br/>"), style)


def _date(value, fmt="j F Y") -> str:
    return (
        date_format(
            timezone.localtime(value) if hasattr(value, "tzinfo") and value.tzinfo else value, fmt
        )
        if value
        else "—"
    )


def build_story(version) -> list:
    """The flowables of the document (also what the tests read)."""
    styles = getSampleStyleSheet()
    body, h1, h2, h3 = styles["BodyText"], styles["Title"], styles["Heading2"], styles["Heading3"]
    case = version.plan.case
    content = version_content(version, with_scores=True)
    story = [
        _p(_("VERTROUWELIJK"), h2),
        _p(_("Veiligheidsplan casus %(ref)s") % {"ref": case.reference}, h1),
        _p(
            _("Versie %(number)s, vastgesteld op %(at)s door %(who)s")
            % {
                "number": version.number,
                "at": _date(version.adopted_at, "j F Y H:i"),
                "who": version.adopted_by,
            },
            body,
        ),
        Spacer(1, 4 * mm),
        _p(_("Deel 1: veiligheidsplan — de Top-3"), h2),
    ]
    labels = [
        (_("Wie"), "facts_who"),
        (_("Wat"), "facts_what"),
        (_("Bij wie"), "facts_to_whom"),
        (_("Wanneer"), "facts_when"),
        (_("Impact"), "facts_impact"),
        (_("Gevaarsstelling"), "danger_statement"),
        (_("Veiligheidsdoel"), "safety_goal"),
        (_("Als afspraken (niet) worden nagekomen"), "consequences"),
        (_("Toezicht"), "supervision"),
    ]
    for item in content.items:
        story.append(_p(f"{item.rank}. {item.title}", h3))
        rows = [[_p(label, body), _p(getattr(item, name), body)] for label, name in labels]
        rows.append([_p(_("Volgend evaluatiemoment"), body), _p(_date(item.next_evaluation), body)])
        if item.score_series:
            last = item.score_series[-1]
            rows.append(
                [
                    _p(_("Veiligheidsschaal"), body),
                    _p(f"{last.score}/10 ({_date(last.recorded_at)})", body),
                ]
            )
        story.append(_table(rows))
        story.append(_p(_("Veiligheidsvoorwaarden"), styles["Heading4"]))
        for condition in item.conditions.all():
            met = _("vervuld") if condition.is_met else _("nog niet vervuld")
            story.append(_p(f"• {condition.text} ({met})", body))
        story.append(_p(_("Afspraken"), styles["Heading4"]))
        for agreement in item.agreements.all():
            owner = str(agreement.owner_organisation)
            if agreement.owner_user:
                owner += f" ({agreement.owner_user})"
            story.append(
                _p(
                    f"• [{agreement.get_part_display()}] {agreement.description} — {owner}, "
                    + _("uiterlijk %(date)s") % {"date": _date(agreement.due_date)},
                    body,
                )
            )
    story += [Spacer(1, 4 * mm), _p(_("Deel 2: risicogestuurd zorgplan"), h2)]
    story.append(_p(version.care_plan_summary, body))
    story += [_p(_("Deel 3: herstelplannen per persoon"), h2)]
    for recovery in content.recovery_plans:
        # Only the name: never an address of a person in the plan's PDF.
        story.append(_p(str(recovery.person), h3))
        story.append(_p(recovery.goals, body))
        if recovery.support:
            story.append(_p(recovery.support, body))
    story += [Spacer(1, 4 * mm), _p(_("Voor gezien getekend"), h2)]
    sign_rows = []
    for row in acknowledgement_overview(case, version):
        ack = row["ack"]
        sign_rows.append(
            [
                _p(row["organisation"], body),
                _p(
                    f"{ack.acknowledged_by}, {_date(ack.acknowledged_at, 'j F Y H:i')}"
                    if ack
                    else _("nog niet getekend"),
                    body,
                ),
            ]
        )
    if sign_rows:
        story.append(_table(sign_rows))
    return story


def _table(rows):
    table = Table(rows, colWidths=[45 * mm, 120 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def render_version_pdf(version, *, compress: bool = True) -> bytes:
    case = version.plan.case
    marking = _("VERTROUWELIJK — veiligheidsplan %(ref)s, versie %(number)s") % {
        "ref": case.reference,
        "number": version.number,
    }

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 9)
        canvas.setFillColor(colors.darkred)
        canvas.drawString(18 * mm, A4[1] - 12 * mm, marking)
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.black)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Veiligheidsplan %(ref)s versie %(number)s")
        % {"ref": case.reference, "number": version.number},
        author="Casusregie",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        pageCompression=1 if compress else 0,
        invariant=0 if compress else 1,
    )
    doc.build(build_story(version), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
