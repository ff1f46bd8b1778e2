# SPDX-License-Identifier: EUPL-1.2
"""/.well-known/security.txt (RFC 9116): where to report a vulnerability in this installation.

Expires is computed on every request (SECURITY_TXT_VALID_DAYS ahead, under a year as the
RFC recommends), so a forgotten file can never go stale; Contact and Policy come from the
environment, so each installation names its own point of contact (docs/deployment.md).
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


def security_txt_body(*, now) -> str:
    expires = (now + timedelta(days=settings.SECURITY_TXT_VALID_DAYS)).replace(microsecond=0)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACTS]
    lines += [
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt",
        f"Policy: {settings.SECURITY_TXT_POLICY}",
    ]
    return "\n".join(lines) + "\n"


@login_not_required
@require_GET
def security_txt(request):
    response = HttpResponse(
        security_txt_body(now=timezone.now()), content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "max-age=86400"
    return response
