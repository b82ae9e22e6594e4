from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from terbuka.api.urls import api
from terbuka.core import views as core_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("masuk/", core_views.LoginView.as_view(), name="login"),
    path("keluar/", core_views.logout_view, name="logout"),
    path("kerja/", include("terbuka.core.urls")),
    path("kerja/sop/", include("terbuka.sop.urls")),
    path("kerja/dokumen/", include("terbuka.documents.urls")),
    path("", include("terbuka.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
