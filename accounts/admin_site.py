# SPDX-License-Identifier: EUPL-1.2
"""/beheer/: Django's admin as the functional administrator's site.

Only functional administrators (and superusers) may enter, after the regular login with
lock-out and two factors. No model that holds case content is registered on it (a test
keeps it that way), so managing users never opens a case.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


class BeheerSite(admin.AdminSite):
    site_header = _("Casusregie — beheer")
    site_title = _("Casusregie — beheer")
    index_title = _("Gebruikers en organisaties")

    def has_permission(self, request):
        user = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and (user.is_superuser or user.role == Role.FUNCTIONAL_ADMIN)
        )

    def login(self, request, extra_context=None):
        """One login for everything: the regular one, with lock-out and two factors."""
        if request.user.is_authenticated and not self.has_permission(request):
            return redirect("home")
        query = urlencode({"next": request.GET.get("next") or reverse("admin:index")})
        return redirect(f"{reverse('accounts:login')}?{query}")
