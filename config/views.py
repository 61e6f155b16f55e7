from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A stale form (back button, a tab left open): say so in Spanish, lose nothing."""
    return render(request, "403_csrf.html", status=403)
