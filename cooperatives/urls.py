from django.urls import path

from cooperatives import views

urlpatterns = [
    path("theme.css", views.theme_css, name="cooperative_theme"),
]
