from django.urls import path

from . import views

app_name = "dik"
urlpatterns = [
    path("<slug:slug>/", views.register, name="register"),
    path("<slug:slug>/entri/<int:pk>/", views.entry_detail, name="entry"),
    path("<slug:slug>/putaran/<int:pk>/", views.round_detail, name="round"),
    path("<slug:slug>/usulan/<int:pk>/", views.proposal_detail, name="proposal"),
    path("<slug:slug>/templat-usulan.xlsx", views.template_xlsx, name="template"),
    path("<slug:slug>/uji/<int:pk>/", views.test_detail, name="test"),
    path("<slug:slug>/laporan/register.<str:fmt>", views.report_register, name="report-register"),
    path("<slug:slug>/laporan/berakhir/", views.report_ending, name="report-ending"),
    path("<slug:slug>/laporan/uji/", views.report_tests, name="report-tests"),
    path("<slug:slug>/pantau/", views.monitor_now, name="monitor"),
]
