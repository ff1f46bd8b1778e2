# SPDX-License-Identifier: EUPL-1.2
"""Two-factor authentication (TOTP with recovery codes) on top of django-otp.

Whether a session must pass the second step is decided once, at login, and kept in the
session: every professional must, except — in local development only, when
CASUSREGIE_2FA_DEV_BYPASS is on — an account that has not enrolled an authenticator yet
(the demo accounts of `make run`). Production settings refuse that bypass.
"""

import secrets
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "casusregie_2fa"
REQUIRED = "required"
EXEMPT = "exempt"
# The organisation's identity provider vouched for a second factor (acr/amr, accounts/oidc.py).
PROVIDER = "provider"
RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "herstelcodes"


def dev_bypass_active() -> bool:
    return bool(getattr(settings, "CASUSREGIE_2FA_DEV_BYPASS", False)) and not settings.PRODUCTION


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def session_requirement(user) -> str:
    """Decided at login: must this session pass the second step?"""
    if dev_bypass_active() and not has_authenticator(user):
        return EXEMPT
    return REQUIRED


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (a fresh secret on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_svg_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code, inline as a data: URI (CSP allows img data:)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_manual_entry(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a first code. Returns fresh recovery codes, or None
    when the code is wrong. Earlier authenticators of the user are replaced."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Replace all recovery codes with new single-use ones; shown to the user once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def verify_second_factor(*, user, token: str):
    """The confirmed device (authenticator or a recovery code, used once) that accepts
    the token, or None."""
    token = token.strip().replace(" ", "").replace("-", "").lower()
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
