# SPDX-License-Identifier: EUPL-1.2
"""The interface as people use it: keyboard only, without JavaScript, on a tablet."""

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from casework.models import Case
from notifications.models import Notification
from tests.e2e.conftest import ARTEFACTS, login
from tests.factories import OrganisationFactory, UserFactory

FOCUSED = "() => { const e = document.activeElement; return [e.tagName, e.id, e.name || '', (e.innerText || '').trim()]; }"


def tab_to(page, *, id=None, text=None, limit=80):
    """Press Tab until the element with this id (or link/button text) has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        tag, element_id, _name, inner = page.evaluate(FOCUSED)
        if (id and element_id == id) or (text and inner == text):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"focus on {id or text} is not visible"
            return
    raise AssertionError(f"Tab never reached {id or text}")


@pytest.mark.django_db(transaction=True)
def test_coordinator_registers_a_case_with_the_keyboard_alone(page, password):
    UserFactory(username="ria", first_name="Ria", last_name="Regisseur", coordinator=True)
    OrganisationFactory(name="Politie Toetsenbord", police=True)
    login(page, "ria", password)
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)[3] == "Naar de inhoud"  # the skip link comes first
    tab_to(page, text="Casussen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/")
    tab_to(page, text="Nieuwe casus aanmelden")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/new/")

    tab_to(page, id="id_track_0")
    page.keyboard.press("Space")  # Code Rood
    tab_to(page, id="id_municipality")
    page.keyboard.type("Enschede")
    tab_to(page, id="id_registering_organisation")
    page.keyboard.type("Politie Toetsenbord")
    tab_to(page, id="id_escalation_criteria_0")
    page.keyboard.press("Space")  # acute danger
    tab_to(page, id="id_escalation_reason")
    page.keyboard.type("Bedreiging (fictief), met het toetsenbord aangemeld")
    tab_to(page, text="Casus aanmelden")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Casus ZVH-", exact=False).wait_for()
    case = Case.objects.get()
    assert case.municipality.name == "Enschede"
    assert case.registering_organisation.name == "Politie Toetsenbord"
    assert case.escalation_criteria == ["acute_danger"]


@pytest.mark.django_db(transaction=True)
def test_error_summary_receives_focus_and_links_to_the_field(page, password):
    UserFactory(username="ria", coordinator=True)
    login(page, "ria", password)
    page.goto("/cases/new/")
    page.get_by_role("button", name="Casus aanmelden").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    reason = page.locator("#id_escalation_reason")
    assert reason.get_attribute("aria-invalid") == "true"
    assert "id_escalation_reason_error" in reason.get_attribute("aria-describedby")
    summary.get_by_role("link", name="Korte reden van aanmelding", exact=False).click()
    assert page.evaluate("() => location.hash") == "#id_escalation_reason"


@pytest.mark.django_db(transaction=True)
def test_pages_work_without_javascript(_playwright_browser, live_server, password):
    UserFactory(username="ria", coordinator=True)
    OrganisationFactory(name="Politie Zonder JS", police=True)
    context = _playwright_browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 1280, "height": 800},
        locale="nl-NL",
    )
    page = context.new_page()
    try:
        login(page, "ria", password)
        page.goto("/cases/new/")
        page.get_by_label("MDA++").check()
        page.get_by_label("Gemeente").select_option(label="Almelo")
        page.get_by_label("Aanmeldende organisatie").select_option(label="Politie Zonder JS")
        page.get_by_label("Korte reden van aanmelding").fill("Zonder JavaScript aangemeld")
        page.get_by_role("button", name="Casus aanmelden").click()
        page.get_by_text("Zonder JavaScript aangemeld").wait_for()
        assert Case.objects.get().track == "mda"
        # The htmx-enhanced "mark as read" falls back to an ordinary form post.
        notification = Notification.objects.create(
            recipient=User.objects.get(username="ria"),
            kind="test",
            message="Testmelding",
            event_key="test:nojs",
        )
        page.goto("/notifications/")
        page.get_by_role("button", name="Markeer als gelezen").click()
        page.get_by_text("Gelezen", exact=True).wait_for()  # the list, reloaded
        notification.refresh_from_db()
        assert notification.read_at is not None
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("device", "viewport"), [("laptop", (1280, 800)), ("tablet", (768, 1024))])
def test_case_page_and_plan_stay_readable(page, device, viewport):
    call_command("load_demo_data", verbosity=0)
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    login(page, "regisseur", settings.CASUSREGIE_DEMO_PASSWORD)
    page.get_by_role("heading", name="Welkom", exact=False).wait_for()
    case = Case.objects.filter(escalation_reason__endswith="[demo-directe-veiligheid]").get()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for name, url in [("case", f"/cases/{case.pk}/"), ("plan", f"/cases/{case.pk}/plan/")]:
        page.goto(url)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} page scrolls sideways on a {device} ({overflow}px)"
        page.screenshot(path=str(ARTEFACTS / f"{name}-{device}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_partner_updates_their_agreement_with_the_keyboard_alone(page):
    from safetyplan.models import AgreementProgress

    call_command("load_demo_data", verbosity=0)
    case = Case.objects.filter(escalation_reason__endswith="[demo-directe-veiligheid]").get()
    login(page, "politie", settings.CASUSREGIE_DEMO_PASSWORD)
    page.get_by_role("heading", name="Welkom", exact=False).wait_for()
    page.goto(f"/cases/{case.pk}/plan/")
    tab_to(page, text="Status bijwerken")
    page.keyboard.press("Enter")
    page.locator("#id_status_0").wait_for()
    tab_to(page, id="id_status_0")
    page.keyboard.press("ArrowDown")  # open → done
    tab_to(page, id="id_notes")
    page.keyboard.type("Contactverbod gecontroleerd (met het toetsenbord)")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)[0] == "BUTTON"
    page.keyboard.press("Enter")
    page.get_by_text("De status van de afspraak is opgeslagen.").wait_for()
    progress = AgreementProgress.objects.get(
        notes="Contactverbod gecontroleerd (met het toetsenbord)"
    )
    assert progress.status == "done"
    assert progress.status_changed_by.username == "politie"
