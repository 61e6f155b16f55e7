"""The portal's URLs plus the signed-in floor, served only by the load bench's gunicorn.

The framework floor (/healthz) skips what every associate page has to do
before it shows anything: read the session, the user and the associate, and
check them against the URL's cooperative. The signed-in floor is an
associate page that does that and nothing else, so docs/benchmarks.md can
tell the cost of being signed in from the cost of the pages themselves, and
no cache of the pages could go past it.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as portal_urlpatterns
from members.decorators import associate_required

SIGNED_IN_FLOOR = "piso-con-sesion/"


@never_cache
@associate_required
def signed_in_floor(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path(f"<slug:coop>/{SIGNED_IN_FLOOR}", signed_in_floor, name="signed_in_floor"),
    *portal_urlpatterns,
]
