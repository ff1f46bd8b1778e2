# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewsConfig(AppConfig):
    name = "overviews"
    verbose_name = _("Overzichten")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save

        from accounts.models import User

        post_save.connect(_user_saved, sender=User, dispatch_uid="overviews-kept-user")
        m2m_changed.connect(
            _groups_changed, sender=User.groups.through, dispatch_uid="overviews-kept-groups"
        )


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    """Kept figures are the user's scope at the time: a changed role, organisation or
    account makes them stale (a login, which only sets last_login, does not)."""
    if created or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    from overviews.kept import forget_user

    forget_user(instance.pk)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user joined or left a team (or a team's members changed): their kept figures go.
    A team emptied at once is read before it empties."""
    from overviews.models import KeptFigures

    if action in ("post_add", "post_remove"):
        users = pk_set if reverse else {instance.pk}
        KeptFigures.objects.filter(user_id__in=users).delete()
    elif action == ("pre_clear" if reverse else "post_clear"):
        kept = KeptFigures.objects
        (kept.filter(user__groups=instance) if reverse else kept.filter(user=instance)).delete()
