"""Who may see and do what in the back office, per cooperative.

A staff member acts only for the cooperatives where one of their roles grants
the permission (members.roles); superusers for all. An object of a cooperative
the user cannot see is a 404 — its existence is not revealed; an object they
can see but not act on is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cooperatives.models import Cooperative

VIEW_REQUEST = "benefits.view_benefitrequest"


def cooperative_ids(user, perm: str) -> set[int] | None:
    """Cooperatives where the user holds perm; None means every one (superuser)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return set()
    return user.cooperative_ids_with_perm(perm)


def allows(user, perm: str, cooperative_id: int) -> bool:
    ids = cooperative_ids(user, perm)
    return ids is None or cooperative_id in ids


def scoped(queryset, user, perm: str, path: str = "cooperative"):
    ids = cooperative_ids(user, perm)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": ids})


def cooperatives_for(user, perm: str):
    ids = cooperative_ids(user, perm)
    queryset = Cooperative.objects.filter(active=True).order_by("name")
    return queryset if ids is None else queryset.filter(pk__in=ids)


def get_visible(queryset, user, *, view_perm: str, path: str = "cooperative", **lookup):
    """The object if the user may see it, else 404 (never saying it exists elsewhere)."""
    try:
        return scoped(queryset, user, view_perm, path).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404("No existe o no es de sus cooperativas.") from None


def require(user, perm: str, cooperative_id: int) -> None:
    if not allows(user, perm, cooperative_id):
        raise PermissionDenied("Su rol no permite esta acción en esta cooperativa.")
