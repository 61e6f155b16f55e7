from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from cooperatives.models import Cooperative


def home(request):
    cooperatives = Cooperative.objects.filter(active=True).order_by("name")
    return render(request, "cooperatives/home.html", {"cooperatives": cooperatives})


@never_cache
def healthz(request):
    """Liveness for the load balancer: the process answers and the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


def theme_css(request):
    """The cooperative's colours as CSS variables (a stylesheet, so the CSP needs no inline styles)."""
    coop = request.cooperative
    css = f":root {{ --primary: {coop.primary_color}; --accent: {coop.accent_color}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
