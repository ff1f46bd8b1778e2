# SPDX-License-Identifier: EUPL-1.2
"""Two factors, lock-out, idle sessions and the login entries in the access log."""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from audit.models import Action, AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture
def two_factor_required(settings):
    settings.CASUSREGIE_2FA_DEV_BYPASS = False
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    codes = twofactor.recovery_codes_regenerate(user=user)
    return device, codes


def password_step(client, user, password, next_url="/cases/"):
    return client.post(
        f"{LOGIN}?next={next_url}", {"username": user.username, "password": password}
    )


def test_first_login_enrols_an_authenticator_with_qr_and_recovery_codes(
    client, two_factor_required, password
):
    user = UserFactory(coordinator=True)
    response = password_step(client, user, password)
    assert response.status_code == 302
    # Every page sends the half-logged-in session to enrolment.
    page = client.get("/cases/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/2fa/instellen/")
    enrol = client.get(page["Location"])
    html = enrol.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, inline, no external request
    assert "<script" not in html.split("<main", 1)[1]  # no inline script on the page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(enrol.request["PATH_INFO"], {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    done = client.post("/accounts/2fa/instellen/?next=/cases/", {"token": code_for(device)})
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/cases/").status_code == 200


def test_login_with_code_and_recovery_code_used_once(client, two_factor_required, password):
    user = UserFactory(partner=True)
    device, codes = enrolled(user)
    password_step(client, user, password)
    verify = client.get("/cases/")
    assert verify["Location"].startswith("/accounts/2fa/?next=")
    wrong = client.post("/accounts/2fa/", {"token": "123456"})
    assert "Deze code klopt niet of is verlopen" in wrong.content.decode()
    assert AuditEntry.objects.filter(
        action=Action.FAILED_LOGIN, user_id=user.pk, purpose="tweede factor"
    ).exists()
    ok = client.post("/accounts/2fa/?next=/cases/", {"token": code_for(device)})
    assert ok.status_code == 302 and ok["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200

    # Phone lost: a recovery code works once.
    client.logout()
    password_step(client, user, password)
    assert client.post("/accounts/2fa/", {"token": codes[0]}).status_code == 302
    client.logout()
    password_step(client, user, password)
    again = client.post("/accounts/2fa/", {"token": codes[0]})
    assert again.status_code == 200
    assert client.get("/cases/").status_code == 302


def test_an_unverified_session_cannot_reach_case_data_or_beheer(
    client, two_factor_required, password
):
    user = UserFactory(functional_admin=True)
    enrolled(user)
    password_step(client, user, password)
    for path in ["/", "/cases/", "/beheer/", "/audit/", "/cases/1/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/2fa/"), path


def test_dev_bypass_lets_accounts_without_authenticator_in_but_not_enrolled_ones(
    client, settings, password
):
    settings.CASUSREGIE_2FA_DEV_BYPASS = True
    demo = UserFactory(coordinator=True)
    password_step(client, demo, password)
    assert client.get("/cases/").status_code == 200
    client.logout()
    enrolled_user = UserFactory(coordinator=True)
    enrolled(enrolled_user)
    password_step(client, enrolled_user, password)
    assert client.get("/cases/")["Location"].startswith("/accounts/2fa/")


def test_dev_bypass_never_applies_in_production(settings):
    settings.CASUSREGIE_2FA_DEV_BYPASS = True
    settings.PRODUCTION = True
    assert not twofactor.dev_bypass_active()


def test_production_settings_refuse_the_dev_bypass():
    env = {
        **os.environ,
        "CASUSREGIE_ENV": "production",
        "DEV_SKIP_2FA": "true",
        "DEBUG": "false",
        "SECRET_KEY": "x7" * 30 + "abcdefgh",
        "ALLOWED_HOSTS": "casusregie.example",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DEV_SKIP_2FA is for local development only" in result.stderr


def test_lock_out_after_repeated_failures_with_a_dutch_message(client, settings, password):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(partner=True, username="piet")
    for _ in range(3):
        client.post(LOGIN, {"username": "piet", "password": "fout-wachtwoord"})
    locked = client.post(LOGIN, {"username": "piet", "password": password})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Dit account is tijdelijk geblokkeerd na te veel mislukte inlogpogingen" in html
    assert 'value="piet"' in html  # what the user typed stays
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(action=Action.FAILED_LOGIN, username="piet")
    assert failed.count() == 4
    assert not AuditEntry.objects.filter(action=Action.LOGIN, user_id=user.pk).exists()


def test_a_successful_login_is_recorded_and_resets_the_count(client, settings, password):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(partner=True, username="vera")
    for _ in range(2):
        client.post(LOGIN, {"username": "vera", "password": "fout"})
    assert client.post(LOGIN, {"username": "vera", "password": password}).status_code == 302
    assert AuditEntry.objects.filter(action=Action.LOGIN, user_id=user.pk).exists()
    client.logout()
    for _ in range(2):
        client.post(LOGIN, {"username": "vera", "password": "fout"})
    assert client.post(LOGIN, {"username": "vera", "password": password}).status_code == 302


def test_idle_sessions_end_after_the_configured_time(client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # default: 30 minutes
    user = UserFactory(coordinator=True)
    client.force_login(user)
    assert client.get("/cases/").status_code == 200
    now = timezone.now()
    # Active 29 minutes later: still in, and the clock starts again.
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(minutes=29)):
        assert client.get("/cases/").status_code == 200
    # Then silent for 31 minutes: the session has ended.
    later = now + datetime.timedelta(minutes=29 + 31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_beheer_is_for_the_functional_administrator_only(client):
    admin = UserFactory(functional_admin=True)
    client.force_login(admin)
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/accounts/user/").status_code == 200
    for role in ["coordinator", "partner", "log_manager", "zvh_manager"]:
        client.force_login(UserFactory(**{role: True}))
        assert client.get("/beheer/accounts/user/").status_code == 302, role
    client.logout()
    anonymous = client.get("/beheer/", follow=True)
    assert anonymous.redirect_chain[-1][0].startswith("/accounts/login/?next=")


def test_beheer_holds_no_case_content():
    from django.contrib import admin

    labels = {model._meta.app_label for model in admin.site._registry}
    assert not labels & {"casework", "safetyplan", "audit", "conferences"}


def test_a_user_change_in_beheer_is_in_the_access_log(client):
    admin = UserFactory(functional_admin=True)
    other = UserFactory(partner=True)
    client.force_login(admin)
    response = client.post(
        f"/beheer/accounts/user/{other.pk}/change/",
        {
            "username": other.username,
            "first_name": "Nieuw",
            "last_name": other.last_name,
            "email": other.email,
            "organisation": other.organisation_id,
            "role": "partner",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == Action.UPDATE and entry.object_id == str(other.pk)
    assert entry.user_id == admin.pk


def test_an_active_session_is_renewed_at_most_once_a_minute(client):
    """Saving the session on every request cost three queries a page; the idle clock
    restarts once a minute of activity instead (and a session idle for the configured
    time still ends, see above)."""
    from django.contrib.sessions.models import Session

    user = UserFactory(coordinator=True)
    client.force_login(user)
    client.get("/cases/")
    key = client.session.session_key
    first = Session.objects.get(pk=key).expire_date
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(seconds=30)):
        client.get("/cases/")
    assert Session.objects.get(pk=key).expire_date == first  # not written again
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(seconds=90)):
        client.get("/cases/")
    assert Session.objects.get(pk=key).expire_date > first  # the clock restarted
