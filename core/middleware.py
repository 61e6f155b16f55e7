"""Sessions that end after SESSION_COOKIE_AGE idle seconds without a write on every page.

Django's SESSION_SAVE_EVERY_REQUEST keeps an idle timeout by saving the
session on every request: at 200 000 associates that UPDATE and COMMIT was
more than half of each portal page's time (docs/benchmarks.md, load). Here a
logged-in session is saved, and its expiry pushed forward, at most once every
SESSION_TOUCH_SECONDS, so it ends between SESSION_COOKIE_AGE − SESSION_TOUCH_SECONDS
and SESSION_COOKIE_AGE seconds after the last page.
"""

import time

from django.conf import settings

SEEN_KEY = "_seen"


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
                session[SEEN_KEY] = now  # marks it modified: SessionMiddleware saves it
        return self.get_response(request)
