from django.urls import path

from benefits import views

urlpatterns = [
    path("auxilios/", views.dashboard, name="dashboard"),
    path("auxilios/solicitar/", views.request_new, name="request_new"),
    path("solicitudes/<uuid:public_id>/", views.request_detail, name="request_detail"),
    path("solicitudes/<uuid:public_id>/editar/", views.request_edit, name="request_edit"),
    path(
        "solicitudes/<uuid:public_id>/documentos/",
        views.documents_fragment,
        name="request_documents",
    ),
    path("solicitudes/<uuid:public_id>/documentos/subir/", views.document_add, name="document_add"),
    path(
        "solicitudes/<uuid:public_id>/documentos/<uuid:document_id>/quitar/",
        views.document_delete,
        name="document_delete",
    ),
    path("solicitudes/<uuid:public_id>/radicar/", views.request_file, name="request_file"),
    path("solicitudes/<uuid:public_id>/carta/", views.request_letter, name="request_letter"),
    path(
        "solicitudes/<uuid:public_id>/desistir/",
        views.request_withdraw_view,
        name="request_withdraw",
    ),
    path("documentos/<uuid:document_id>/", views.document_download, name="document_download"),
]
