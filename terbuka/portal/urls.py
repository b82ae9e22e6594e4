from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("badan/<slug:slug>/", views.body_home, name="body"),
    path("badan/<slug:slug>/kalender/", views.body_calendar, name="calendar"),
    path("", include("terbuka.documents.public_urls")),
    path("badan/<slug:slug>/sop/", include("terbuka.sop.public_urls")),
]
