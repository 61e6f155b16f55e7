from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

SESSION_ENDED = (
    "Tu sesión se cerró por inactividad y no recibimos lo que enviaste. "
    "Ingresa de nuevo y vuelve a enviarlo."
)


def associate_required(view):
    """Only the logged-in associate of this URL's cooperative; others go to its login.

    An associate of another cooperative (a separate account) is sent to this
    cooperative's login page rather than shown anything.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and user.is_associate
            and user.associate.cooperative_id == request.cooperative.pk
        ):
            request.associate = user.associate
            request.associate.cooperative = request.cooperative  # the same row, read once
            return view(request, *args, **kwargs)
        login_url = reverse("cooperative_home", kwargs={"coop": request.cooperative.slug})
        if request.method == "GET":
            return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        # A form sent after the session ended (an upload, «Solicitar auxilio»):
        # after logging in, the page it was sent from — its URL only takes
        # POSTs, and would be a blank «método no permitido» — with word that
        # it must be sent again (a file cannot outlive the session).
        messages.warning(request, SESSION_ENDED)
        back = _page_it_came_from(request)
        return redirect(f"{login_url}?{urlencode({'next': back})}" if back else login_url)

    return wrapper


def _page_it_came_from(request) -> str:
    """The path of the portal page the form was on ("" when the browser did not say, or it was elsewhere)."""
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    page = urlsplit(referer)
    return f"{page.path}?{page.query}" if page.query else page.path
