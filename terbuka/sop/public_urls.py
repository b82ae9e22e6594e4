"""Public SOP pages, included by terbuka/portal/urls.py at badan/<slug:slug>/sop/."""

from django.urls import path

from . import views

app_name = "sop_public"
urlpatterns = [
    path("", views.public_list, name="list"),
    path("<slug:sop_slug>/", views.public_detail, name="detail"),
    path("<slug:sop_slug>/matriks.pdf", views.public_pdf, name="pdf"),
]
