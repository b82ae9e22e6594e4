from django.urls import path

from . import views

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("<slug:slug>/audit/", views.audit_log, name="audit-log"),
]
