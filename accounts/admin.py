# SPDX-License-Identifier: EUPL-1.2
"""Users, organisations and requests for access on /beheer/ (accounts.admin_site.BeheerSite).

Every change goes through accounts.services: what grants access becomes a request that a
second functional administrator approves; nobody sets another person's password here —
the only thing on offer is a reset link (which also resets the second factor)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessGrantRequest, Organisation, User
from accounts.services import (
    access_grant_decide,
    organisation_admin_save,
    user_admin_save,
    user_password_reset_send,
)

PENDING_MESSAGE = _(
    "De wijziging van rol, organisatie, soort of activering wacht op goedkeuring door een "
    "tweede functioneel beheerder (zie Verzoeken om toegang)."
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False  # organisations are deactivated, never deleted (history refers to them)

    def save_model(self, request, obj, form, change):
        try:
            organisation_admin_save(
                actor=request.user, organisation=obj, created=not change, path=request.path
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        if change and "kind" in form.changed_data:
            self.message_user(request, PENDING_MESSAGE, messages.WARNING)


class UserAddForm(forms.ModelForm):
    """A new account has no password until its owner chooses one through a reset link."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "organisation", "role"]


@admin.register(User)
class CasusregieUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisatie en rol"), {"fields": ("organisation", "role", "is_active")}),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = UserAddForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "email", "organisation", "role"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["send_password_reset"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += ["organisation", "role", "is_active"]  # no raising one's own rights
        return fields

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted (the log refers to them)

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied  # nobody sets another person's password

    def save_model(self, request, obj, form, change):
        try:
            user_admin_save(actor=request.user, user=obj, created=not change, path=request.path)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        if obj.grant_requests.filter(status=AccessGrantRequest.Status.PENDING).exists():
            self.message_user(request, PENDING_MESSAGE, messages.WARNING)

    @admin.action(description=_("Herstellink sturen (wachtwoord en tweede factor terugzetten)"))
    def send_password_reset(self, request, queryset):
        for user in queryset:
            try:
                user_password_reset_send(actor=request.user, user=user, path=request.path)
            except PermissionDenied:
                self.message_user(
                    request, _("U kunt uw eigen wachtwoord hier niet terugzetten."), messages.ERROR
                )
                continue
            if user.email:
                self.message_user(
                    request,
                    _("Wachtwoord en tweede factor van %(user)s teruggezet; herstellink verstuurd.")
                    % {"user": user},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "Wachtwoord en tweede factor van %(user)s teruggezet, maar er is geen "
                        "e-mailadres: vul het in en stuur de herstellink opnieuw."
                    )
                    % {"user": user},
                    messages.WARNING,
                )


@admin.register(AccessGrantRequest)
class AccessGrantRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "organisation", "requested_by", "requested_at", "status"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "kind",
        "user",
        "organisation",
        "before",
        "after",
        "requested_by",
        "requested_at",
        "status",
        "decided_by",
        "decided_at",
    ]
    fields = readonly_fields
    actions = ["approve", "refuse"]

    def has_add_permission(self, request):
        return False  # requests arise from changing a user or an organisation

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, *, approve: bool) -> None:
        for grant in queryset:
            try:
                access_grant_decide(
                    actor=request.user, request=grant, approve=approve, path=request.path
                )
            except PermissionDenied:
                self.message_user(
                    request,
                    _(
                        "Een verzoek dat u zelf deed of dat uw eigen account betreft, beoordeelt "
                        "een andere functioneel beheerder."
                    ),
                    messages.ERROR,
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    @admin.action(description=_("Goedkeuren (tweede paar ogen)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Afwijzen"))
    def refuse(self, request, queryset):
        self._decide(request, queryset, approve=False)


from accounts import admin_oidc  # noqa: E402,F401 -- registers the SSO models
