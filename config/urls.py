from django.contrib import admin
from django.urls import include, path

from cooperatives import views as cooperative_views

admin.site.site_header = "Auxilios — back office"
admin.site.site_title = "Auxilios"
admin.site.index_title = "Administración"

tenant_patterns = [
    path("", include("cooperatives.urls")),
    path("", include("members.urls")),
    path("", include("benefits.urls")),
]

urlpatterns = [
    path("", cooperative_views.home, name="home"),
    path("healthz", cooperative_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Every cooperative's portal lives under its own prefix; the middleware
    # resolves <coop> to request.cooperative (404 when unknown).
    path("<slug:coop>/", include(tenant_patterns)),
]
