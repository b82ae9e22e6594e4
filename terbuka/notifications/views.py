"""The user's notifications (/kerja/notifikasi/): the list, opening one (marks it read), the e-mail choice."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from terbuka.core.policies import AUTHENTICATED, policy

from .models import Notification, Preference


class PreferenceForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    class Meta:
        model = Preference
        fields = ["email"]
        labels = {"email": gettext_lazy("Kirim surel")}
        widgets = {"email": forms.RadioSelect}


@policy(AUTHENTICATED)
def notification_list(request: HttpRequest) -> HttpResponse:
    pref, _created = Preference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pengaturan pemberitahuan disimpan."))
        return redirect("notifications:list")
    rows = list(Notification.objects.filter(user=request.user).select_related("body")[:200])  # type: ignore[misc]
    return render(request, "notifications/list.html", {"rows": rows, "form": form})


@policy(AUTHENTICATED)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Notification, pk=pk, user=request.user)  # another user's: 404
    if row.read_at is None:
        Notification.objects.filter(pk=row.pk).update(read_at=timezone.now())
    if row.url and url_has_allowed_host_and_scheme(row.url, allowed_hosts={request.get_host()}):
        return redirect(row.url)
    return redirect("notifications:list")


@policy(AUTHENTICATED)
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    n = Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())  # type: ignore[misc]
    messages.success(request, _("%(n)s pemberitahuan ditandai sudah dibaca.") % {"n": n})
    return redirect("notifications:list")
