from wagtail.permission_policies.base import ModelPermissionPolicy


class SuperuserReadOnlyPolicy(ModelPermissionPolicy):
    """Superusers may look at the outbox; nobody edits it by hand (services own the rows)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
