# SPDX-License-Identifier: EUPL-1.2
from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    """Django's admin at /beheer/ as the functional administrator's site (see
    accounts.admin_site.BeheerSite): users and organisations, never case content."""

    default_site = "accounts.admin_site.BeheerSite"
