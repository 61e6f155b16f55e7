from django.http import Http404

from cooperatives.models import Cooperative
from core.reference_cache import remembered


class CooperativeMiddleware:
    """Resolves the <coop> URL prefix to request.cooperative, or 404.

    Views under a cooperative's prefix never receive the slug: they read
    request.cooperative, so there is one place where the tenant is chosen.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.cooperative = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.pop("coop", None)
        if slug is None:
            return None
        request.cooperative = remembered(("cooperative", slug), lambda: _active(slug))
        if request.cooperative is None:
            raise Http404("Cooperativa desconocida")
        return None


def _active(slug: str) -> Cooperative | None:
    return Cooperative.objects.filter(slug=slug, active=True).first()
