# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates of the overviews (pure, like casework.permissions)."""

from accounts.models import Role
from overviews.models import FiguresPage

# Who may read each page with kept figures: the pages, "Nu bijwerken" and the worker's
# refresh all ask here.
FIGURES_ROLES = {
    FiguresPage.MANAGER: (Role.MANAGER,),
    FiguresPage.FACTSHEET: (Role.MANAGER, Role.COORDINATOR),
}


def can_view_figures(user, page: str) -> bool:
    return user.is_active and user.role in FIGURES_ROLES.get(page, ())
