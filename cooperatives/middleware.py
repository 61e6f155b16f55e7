from django.http import Http404

from cooperatives.models import Cooperative


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
        try:
            request.cooperative = Cooperative.objects.get(slug=slug, active=True)
        except Cooperative.DoesNotExist:
            raise Http404("Cooperativa desconocida") from None
        return None
