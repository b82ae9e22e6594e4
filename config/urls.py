from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from terbuka.api import views as api_views
from terbuka.api.urls import api
from terbuka.core import views as core_views
from terbuka.core import views_account

urlpatterns = [
    # One login door for everyone (throttled, audited): the admin's own login page sends people there.
    path("admin/login/", views_account.admin_login),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_views.not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("masuk/", core_views.LoginView.as_view(), name="login"),
    path("keluar/", core_views.logout_view, name="logout"),
    path("masuk/lupa/", views_account.PasswordResetView.as_view(), name="password_reset"),
    path("masuk/lupa/terkirim/", views_account.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "masuk/atur-ulang/<uidb64>/<token>/",
        views_account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "masuk/atur-ulang/selesai/",
        views_account.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("kerja/", include("terbuka.core.urls")),
    path("kerja/sop/", include("terbuka.sop.urls")),
    path("kerja/notifikasi/", include("terbuka.notifications.urls")),
    path("kerja/dokumen/", include("terbuka.documents.urls")),
    path("kerja/dip/", include("terbuka.registry.urls")),
    path("kerja/dik/", include("terbuka.dik.urls")),
    path("badan/<slug:slug>/dik/", include("terbuka.dik.public_urls")),
    path("kerja/permohonan/", include("terbuka.requests.urls")),
    path("", include("terbuka.requests.public_urls")),
    path("", include("terbuka.portal.urls")),
]

handler400 = "terbuka.core.input_guard.bad_request"  # BadRequest("…") from a view: 400 with its message

# MEDIA is never served directly, not even with DEBUG: every archived file is opened through the documents
# download view, which applies the access policy and logs the opening (UU 14/2008 Pasal 54). In production the
# reverse proxy must not expose MEDIA_ROOT either (docs/settings.md).
