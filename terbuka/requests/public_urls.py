from django.urls import path

from . import views

app_name = "requests_public"
urlpatterns = [
    path("badan/<slug:slug>/permohonan/baru/", views.public_new, name="new"),
    path("permohonan/<str:number>/", views.public_status, name="status"),
    path("permohonan/<str:number>/tanda-terima.pdf", views.public_receipt, name="receipt"),
    path("permohonan/<str:number>/surat/<int:doc_id>/", views.public_letter, name="letter"),
    path("permohonan/<str:number>/salinan/<int:copy_id>/", views.public_copy, name="copy"),
]
