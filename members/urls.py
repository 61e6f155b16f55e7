from django.urls import path

from members import views

urlpatterns = [
    path("", views.cooperative_home, name="cooperative_home"),
    path("registro/", views.register, name="register"),
    path("registro/enviado/", views.register_done, name="register_done"),
    path("contrasena/olvide/", views.register, {"forgot": True}, name="forgot_password"),
    path("contrasena/crear/<str:uidb64>/<str:token>/", views.set_password, name="set_password"),
    path("contrasena/cambiar/", views.change_password, name="change_password"),
    path("salir/", views.logout_view, name="logout"),
    path("beneficiarios/", views.beneficiaries, name="beneficiaries"),
]
