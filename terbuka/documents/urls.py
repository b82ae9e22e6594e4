from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<slug:slug>/", views.archive_list, name="archive"),
    path("<slug:slug>/unggah/", views.archive_upload, name="upload"),
    path("<slug:slug>/berkas/<int:pk>/", views.file_detail, name="file"),
    path("<slug:slug>/berkas/<int:pk>/unduh/", views.file_download, name="download"),
    path("<slug:slug>/berkas/<int:pk>/versi-baru/", views.file_new_version, name="new-version"),
    path("<slug:slug>/berkas/<int:pk>/lokasi/", views.file_set_location, name="location"),
    path("<slug:slug>/naskah/<int:pk>/", views.document_detail, name="document"),
    path("<slug:slug>/naskah/<int:pk>/paraf/", views.document_paraf, name="paraf"),
    path("<slug:slug>/naskah/<int:pk>/tandatangani/", views.document_sign, name="sign"),
    path("<slug:slug>/naskah/<int:pk>/kembalikan/", views.document_return, name="return"),
    path("<slug:slug>/naskah/<int:pk>/perbaiki/", views.document_revise, name="revise"),
    path("<slug:slug>/naskah/<int:pk>/pdf/coba-lagi/", views.document_pdf_retry, name="pdf-retry"),
    path("<slug:slug>/menunggu-saya/", views.awaiting, name="awaiting"),
    path("<slug:slug>/jenis/", views.kind_list, name="kinds"),
    path("<slug:slug>/jenis/pola-nomor/", views.pattern_set, name="pattern"),
    path("<slug:slug>/jenis/<str:kind>/buat/", views.generate, name="generate"),
    path("<slug:slug>/jenis/<str:kind>/templat/", views.template_upload, name="template"),
    path("<slug:slug>/jenis/<str:kind>/templat/kembalikan/", views.template_reset, name="template-reset"),
    path("<slug:slug>/jenis/<str:kind>/templat-bawaan/", views.template_default, name="template-default"),
]
