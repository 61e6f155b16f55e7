from django.contrib.auth.backends import ModelBackend

from members.models import User


class AssociateBackend(ModelBackend):
    """Cédula + password, at one cooperative's portal.

    Called as authenticate(request, cooperative=coop, document_number=..., password=...).
    Staff credentials (username=...) fall through to ModelBackend.
    """

    def authenticate(
        self, request, cooperative=None, document_number=None, password=None, **kwargs
    ):
        if cooperative is None or not document_number or password is None:
            return None
        try:
            user = User.objects.select_related("associate").get(
                associate__cooperative=cooperative, associate__document_number=document_number
            )
        except User.DoesNotExist:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The session's user with their associate row: one query for what every portal page needs."""
        user = User._default_manager.select_related("associate").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def axes_username(request, credentials) -> str:
    """The name django-axes counts failures under: the same as User.username."""
    cooperative = credentials.get("cooperative")
    if cooperative is not None:
        return User.associate_username(cooperative, credentials.get("document_number", ""))
    return credentials.get("username", "")


class RoleBackend:
    """Grants staff the permissions of their roles (members.roles), and nothing else.

    It authenticates nobody; Django asks it for permissions only.
    """

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def get_all_permissions(self, user, obj=None):
        from members.roles import permissions_for_roles

        if not user.is_active or not user.is_staff or user.is_associate:
            return set()
        if not hasattr(user, "_role_perm_cache"):
            user._role_perm_cache = set(
                permissions_for_roles(role for _, role in user._memberships)
            )
        return user._role_perm_cache

    def has_perm(self, user, perm, obj=None):
        return perm in self.get_all_permissions(user, obj)

    def has_module_perms(self, user, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user))
