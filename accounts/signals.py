# SPDX-License-Identifier: EUPL-1.2
"""Logins and failed logins go into the access log; the session learns whether it must
pass the second factor."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.models import User
from accounts.twofactor import SESSION_KEY, session_requirement
from audit.models import Action
from audit.services import audit_record, unknown_username


@receiver(user_logged_in, dispatch_uid="accounts.login_recorded")
def login_recorded(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = session_requirement(user)
    audit_record(
        actor=user,
        action=Action.LOGIN,
        purpose="OIDC"
        if getattr(user, "backend", "").endswith("ProviderBackend")
        else "wachtwoord",
        path=request.path if request is not None else "",
    )


@receiver(user_login_failed, dispatch_uid="accounts.failed_login_recorded")
def failed_login_recorded(sender, credentials, request=None, **kwargs):
    locked = request is not None and getattr(request, "axes_locked_out", False)
    typed = str(credentials.get("username", ""))[:150]
    # Only a username that belongs to an account is kept as typed: anything else may be a
    # password typed in the wrong field.
    known = "\x00" not in typed and User.objects.filter(username=typed).exists()
    audit_record(
        actor=None,
        action=Action.FAILED_LOGIN,
        username=typed if known else unknown_username(typed),
        purpose="geblokkeerd" if locked else "wachtwoord",
        path=request.path if request is not None else "",
    )
