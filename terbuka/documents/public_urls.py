"""Public pages of the documents app, included from terbuka/portal/urls.py."""

from django.urls import path

from . import views

app_name = "verifikasi"
urlpatterns = [
    path("verifikasi/", views.verify_lookup, name="lookup"),
    path("verifikasi/<str:token>/", views.verify, name="verify"),
]
