"""The public DIK page, mounted at badan/<slug:slug>/dik/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "dik-public"
urlpatterns = [path("", views.public_list, name="list")]
