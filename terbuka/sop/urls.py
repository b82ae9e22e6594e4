from django.urls import path

from . import views

app_name = "sop"
urlpatterns = [
    path("", views.bodies_home, name="home"),
    path("tugas/", views.inbox, name="inbox"),
    path("tugas/<int:pk>/", views.task_detail, name="task"),
    path("tugas/<int:pk>/selesai/", views.task_complete, name="task-complete"),
    path("tugas/<int:pk>/konsep/", views.task_draft, name="task-draft"),
    path("tugas/<int:pk>/kembalikan/", views.task_return, name="task-return"),
    path("tugas/<int:pk>/alihkan/", views.task_reassign, name="task-reassign"),
    path("tugas/<int:pk>/komentar/", views.task_comment, name="task-comment"),
    path("proses/<int:pk>/", views.case_detail, name="case"),
    path("proses/<int:pk>/batal/", views.case_cancel, name="case-cancel"),
    path("proses/<int:pk>/sebar/<int:step_no>/tutup/", views.fanout_close, name="fanout-close"),
    path("proses/<int:pk>/matriks.pdf", views.case_pdf, name="case-pdf"),
    path("badan/<slug:slug>/", views.sop_list, name="sop-list"),
    path("badan/<slug:slug>/terlambat/", views.overdue, name="overdue"),
    path("badan/<slug:slug>/dasbor/", views.dashboard, name="dashboard"),
    path("badan/<slug:slug>/unggah/", views.sop_upload, name="sop-upload"),
    path("badan/<slug:slug>/<slug:sop_slug>/", views.sop_detail, name="sop-detail"),
    path("badan/<slug:slug>/<slug:sop_slug>/mulai/", views.case_start, name="case-start"),
    path(
        "badan/<slug:slug>/<slug:sop_slug>/versi/<int:number>/putuskan/",
        views.version_decide,
        name="version-decide",
    ),
]
