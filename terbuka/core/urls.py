from django.urls import path

from . import views

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("<slug:slug>/audit/", views.audit_log, name="audit-log"),
    path("<slug:slug>/hari-libur/", views.body_holidays, name="body-holidays"),
    path("<slug:slug>/pelaksana/", views.acting_list, name="acting-list"),
    path("<slug:slug>/pelaksana/<int:pk>/cabut/", views.acting_revoke, name="acting-revoke"),
    path("<slug:slug>/hari-libur/<int:pk>/hapus/", views.body_holiday_delete, name="body-holiday-delete"),
]
