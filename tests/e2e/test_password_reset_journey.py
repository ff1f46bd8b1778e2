# SPDX-License-Identifier: EUPL-1.2
"""Issue 13 in the browser: a functional administrator sends a reset link on /beheer/; the
user opens it, a bad password is refused in Dutch without echoing what was typed, a good one
is saved, the old one no longer works, and the next login enrols a new authenticator."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import User
from audit.models import AuditEntry
from tests.e2e.conftest import login
from tests.factories import UserFactory

NEW_PASSWORD = "Zonnebloem-Kade-2026!"
NEW_FIELD = re.compile(r"^Nieuw wachtwoord:?$")
CONFIRM_FIELD = re.compile(r"^Nieuw wachtwoord bevestigen:?$")


@pytest.mark.django_db(transaction=True)
def test_a_reset_link_sets_a_new_password_and_a_new_second_factor(page, password, settings):
    settings.CASUSREGIE_2FA_DEV_BYPASS = False
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = UserFactory(functional_admin=True)
    user = UserFactory(
        username="petra", first_name="Petra", partner=True, email="petra@example.invalid"
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    settings.CASUSREGIE_2FA_DEV_BYPASS = True  # the administrator's own login, not the subject
    login(page, admin.username, password)
    page.goto("/beheer/accounts/user/")
    page.get_by_role("row", name=re.compile("petra")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(value="send_password_reset")
    page.get_by_role("button", name=re.compile("Uitvoeren|Go")).click()
    expect(page.get_by_text("teruggezet; herstellink verstuurd", exact=False)).to_be_visible()
    page.goto("/")
    page.get_by_role("button", name="Uitloggen").click()
    settings.CASUSREGIE_2FA_DEV_BYPASS = False

    assert not TOTPDevice.objects.filter(user=user).exists()  # the second factor is reset
    assert not User.objects.get(pk=user.pk).has_usable_password()
    assert AuditEntry.objects.filter(
        user_id=admin.pk, object_id=str(user.pk), purpose__contains="herstellink"
    ).exists()
    (message,) = mail.outbox
    link = re.search(r"/accounts/wachtwoord/[^\s]+/", message.body).group(0)

    page.goto(link)
    page.get_by_role("heading", name="Nieuw wachtwoord kiezen").wait_for()
    page.get_by_label(NEW_FIELD).fill("wachtwoord")
    page.get_by_label(CONFIRM_FIELD).fill("wachtwoord")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("Dit wachtwoord is te algemeen.").first).to_be_visible()
    expect(page.get_by_text("Dit wachtwoord is te kort", exact=False).first).to_be_visible()
    assert "This password" not in page.content()
    # Nothing typed is echoed back: the fields are empty and the page does not contain it.
    assert page.get_by_label(NEW_FIELD).input_value() == ""
    assert page.get_by_label(CONFIRM_FIELD).input_value() == ""
    assert 'value="wachtwoord"' not in page.content()

    page.get_by_label(NEW_FIELD).fill(NEW_PASSWORD)
    page.get_by_label(CONFIRM_FIELD).fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("De twee wachtwoordvelden komen niet overeen.").first).to_be_visible()
    assert NEW_PASSWORD not in page.content()

    page.get_by_label(NEW_FIELD).fill(NEW_PASSWORD)
    page.get_by_label(CONFIRM_FIELD).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.get_by_role("heading", name="Wachtwoord opgeslagen").wait_for()

    page.goto(link)  # a used link does not work twice
    expect(page.get_by_text("Deze link is niet (meer) geldig")).to_be_visible()

    login(page, "petra", password)  # the old password is gone
    expect(page.get_by_text("Voer een juiste", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_have_count(0)
    login(page, "petra", NEW_PASSWORD)
    page.get_by_role("heading", name="Tweestapsverificatie instellen").wait_for()
    assert page.locator("[data-totp-secret]").inner_text().strip()
