# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    # Permissions only exist after each app's post_migrate; syncing on every app's signal
    # means the last one leaves every role group complete.
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import sync_role_groups

    sync_role_groups(group_model=Group, permission_model=Permission)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en organisaties")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401

        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
