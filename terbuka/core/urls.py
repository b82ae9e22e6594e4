from django.urls import path

from . import views, views_account, views_roles

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("token/", views_account.tokens, name="tokens"),
    path("token/<int:pk>/cabut/", views_account.token_revoke, name="token-revoke"),
    path("<slug:slug>/akun-terkunci/", views_account.locked_accounts, name="locked-accounts"),
    path("<slug:slug>/akun-terkunci/buka/", views_account.locked_unlock, name="locked-unlock"),
    path("<slug:slug>/audit/", views.audit_log, name="audit-log"),
    path("<slug:slug>/hari-libur/", views.body_holidays, name="body-holidays"),
    path("<slug:slug>/pelaksana/", views.acting_list, name="acting-list"),
    path("<slug:slug>/pelaksana/<int:pk>/cabut/", views.acting_revoke, name="acting-revoke"),
    path("<slug:slug>/hari-libur/<int:pk>/hapus/", views.body_holiday_delete, name="body-holiday-delete"),
    path("<slug:slug>/peran/", views_roles.body_roles, name="body-roles"),
    path("<slug:slug>/peran/berikan/", views_roles.body_role_grant, name="body-role-grant"),
    path("<slug:slug>/peran/<int:pk>/cabut/", views_roles.body_role_revoke, name="body-role-revoke"),
]
