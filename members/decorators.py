from functools import wraps

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


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
        return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")

    return wrapper
