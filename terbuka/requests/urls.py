from django.urls import path

from . import views

app_name = "requests"
urlpatterns = [
    path("<slug:slug>/", views.officer_list, name="list"),
    path("<slug:slug>/baru/", views.officer_new, name="new"),
    path("<slug:slug>/register/<str:which>/", views.officer_register, name="register"),
    path("<slug:slug>/register/<str:which>.<str:fmt>", views.officer_register, name="register_file"),
    path("<slug:slug>/<int:pk>/", views.officer_detail, name="detail"),
    path("<slug:slug>/<int:pk>/identitas/", views.officer_id_scan, name="id_scan"),
    path("<slug:slug>/<int:pk>/tanda-terima.pdf", views.officer_receipt, name="receipt"),
    path("<slug:slug>/<int:pk>/<str:action>/", views.officer_action, name="action"),
]
