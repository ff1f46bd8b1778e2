# SPDX-License-Identifier: EUPL-1.2
"""Chromium: first login with 2FA enrolment (QR code, code, recovery codes), a later login
with a recovery code, and the lock-out after repeated failed logins."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from audit.models import Action, AuditEntry
from tests.e2e.conftest import login
from tests.factories import UserFactory


@pytest.fixture
def two_factor_required(settings):
    settings.CASUSREGIE_2FA_DEV_BYPASS = False
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.mark.django_db(transaction=True)
def test_first_login_enrols_two_factors_and_a_recovery_code_logs_in_later(
    page, password, two_factor_required
):
    UserFactory(username="ria", first_name="Ria", last_name="Regisseur", coordinator=True)
    login(page, "ria", password)
    page.get_by_role("heading", name="Tweestapsverificatie instellen").wait_for()
    qr = page.get_by_role("img", name="QR-code om Casusregie aan uw authenticator-app te koppelen")
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")

    page.get_by_label("Code uit de app").fill("000000")
    page.get_by_role("button", name="Koppelen").click()
    page.get_by_text(
        "Deze code klopt niet"
    ).first.wait_for()  # waits for the page, then must show it

    code = f"{totp(b32decode(secret)):06d}"
    page.get_by_label("Code uit de app").fill(code)
    page.get_by_role("button", name="Koppelen").click()
    page.get_by_role("heading", name="Uw herstelcodes").wait_for()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    page.get_by_role("heading", name="Welkom, Ria Regisseur").wait_for()

    page.get_by_role("button", name="Uitloggen").click()
    login(page, "ria", password)
    page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Welkom, Ria Regisseur").wait_for()
    assert AuditEntry.objects.filter(action=Action.LOGIN, username="ria").count() == 3


@pytest.mark.django_db(transaction=True)
def test_repeated_failed_logins_lock_the_account_with_a_dutch_message(page, password, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="piet", partner=True)
    for _ in range(3):
        login(page, "piet", "verkeerd-wachtwoord")
    login(page, "piet", password)  # even the right password is refused now
    page.get_by_role("heading", name="Inloggen is tijdelijk geblokkeerd").wait_for()
    page.get_by_text(
        "Dit account is tijdelijk geblokkeerd"
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_label("Gebruikersnaam").input_value() == "piet"
    assert AuditEntry.objects.filter(action=Action.FAILED_LOGIN, username="piet").count() == 4
