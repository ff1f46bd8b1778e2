# SPDX-License-Identifier: EUPL-1.2
"""Users and organisations on /beheer/ (accounts.admin_site.BeheerSite). Every change of
a user is written to the access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.services import organisation_admin_save, user_admin_save


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False  # organisations are deactivated, never deleted (history refers to them)

    def save_model(self, request, obj, form, change):
        organisation_admin_save(
            actor=request.user, organisation=obj, created=not change, path=request.path
        )


@admin.register(User)
class CasusregieUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisatie en rol"), {"fields": ("organisation", "role", "is_active")}),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "organisation", "role", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += ["organisation", "role", "is_active"]  # no raising one's own rights
        return fields

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted (the log refers to them)

    def save_model(self, request, obj, form, change):
        user_admin_save(actor=request.user, user=obj, created=not change, path=request.path)


from accounts import admin_oidc  # noqa: E402,F401 -- registers the SSO models
