from django.urls import path, re_path

from . import views

app_name = "registry"
urlpatterns = [
    path("<slug:slug>/", views.item_list, name="items"),
    path("<slug:slug>/baru/", views.item_create, name="create"),
    path("<slug:slug>/informasi/<int:pk>/", views.item_edit, name="item"),
    path("<slug:slug>/informasi/<int:pk>/mutakhir/", views.item_refresh, name="refresh"),
    path("<slug:slug>/informasi/<int:pk>/lampiran/", views.attachment_add, name="attach"),
    path("<slug:slug>/templat.xlsx", views.template_download, name="template"),
    re_path(r"^(?P<slug>[-\w]+)/ekspor\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("<slug:slug>/impor/", views.import_upload, name="import"),
    path("<slug:slug>/edisi/baru/", views.edition_new, name="edition_new"),
    path("<slug:slug>/edisi/<int:number>/", views.edition_detail, name="edition"),
    re_path(
        r"^(?P<slug>[-\w]+)/edisi/(?P<number>\d+)/(?P<action>tetapkan|umumkan|keluarkan|masukkan)/$",
        views.edition_action,
        name="edition_action",
    ),
]
