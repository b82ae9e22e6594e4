from django.urls import include, path, re_path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.site_search, name="search_all"),
    path("badan/<slug:slug>/", views.body_home, name="body"),
    path("badan/<slug:slug>/kalender/", views.body_calendar, name="calendar"),
    path("badan/<slug:slug>/dip/", views.dip, name="dip"),
    re_path(r"^badan/(?P<slug>[-\w]+)/dip\.(?P<fmt>csv|json|xlsx)$", views.dip_export, name="dip_export"),
    path("badan/<slug:slug>/dip/edisi/", views.editions, name="editions"),
    path("badan/<slug:slug>/dip/<int:pk>/", views.item_detail, name="item"),
    path("badan/<slug:slug>/dip/<int:pk>/lampiran/<int:att>/", views.attachment_download, name="attachment"),
    path("badan/<slug:slug>/cari/", views.body_search, name="search"),
    path("", include("terbuka.documents.public_urls")),
    path("badan/<slug:slug>/sop/", include("terbuka.sop.public_urls")),
]
