"""Scheduled jobs: collect notifications from the timeline, e-mail them (with retries), daily digests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import scheduler

from .collect import collect
from .models import Notification, Preference

MAX_ATTEMPTS = 5
DIGEST_HOUR = 7  # local time (WIB) of the daily digest


def _mode(user_id: int, modes: dict[int, str]) -> str:
    return modes.get(user_id, Preference.Email.EACH)


def _link(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


@scheduler.register(
    "notifications.collect", every=dt.timedelta(seconds=15), description="pemberitahuan dari riwayat proses"
)
def collect_job(now: dt.datetime) -> str:
    return f"{collect(now)} pemberitahuan dibuat"


@scheduler.register(
    "notifications.email",
    every=dt.timedelta(seconds=30),
    description="surel pemberitahuan (dengan pengulangan)",
)
def email_job(now: dt.datetime) -> str:
    """E-mail each notification of users who want every one, once; a failure is retried with backoff."""
    digest_readers = Preference.objects.filter(email=Preference.Email.DAILY).values("user_id")
    due = (
        Notification.objects.filter(emailed_at__isnull=True, email_attempts__lt=MAX_ATTEMPTS)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .exclude(user_id__in=digest_readers)
        .select_related("user")
        .order_by("pk")[:500]
    )
    rows = list(due)
    modes = dict(
        Preference.objects.filter(user__in=[n.user_id for n in rows]).values_list("user_id", "email")
    )
    sent = failed = 0
    for n in rows:
        if _mode(n.user_id, modes) != Preference.Email.EACH or not n.user.email:
            Notification.objects.filter(pk=n.pk).update(emailed_at=now, email_error="tidak dikirim per surel")
            continue
        try:
            send_mail(
                f"[Terbuka] {n.title}",
                "\n".join(x for x in (n.title, n.text, "", _link(n.url)) if x is not None),
                settings.DEFAULT_FROM_EMAIL,
                [n.user.email],
            )
        except Exception as exc:  # the mail server said no: try again later, up to MAX_ATTEMPTS
            attempts = n.email_attempts + 1
            Notification.objects.filter(pk=n.pk).update(
                email_attempts=attempts,
                next_attempt_at=now + dt.timedelta(minutes=2**attempts),
                email_error=str(exc)[:300],
            )
            failed += 1
            continue
        Notification.objects.filter(pk=n.pk).update(
            emailed_at=now, email_attempts=n.email_attempts + 1, email_error=""
        )
        sent += 1
    return f"{sent} terkirim, {failed} gagal (dicoba lagi)"


@scheduler.register(
    "notifications.digest", every=dt.timedelta(minutes=30), description="ringkasan harian pemberitahuan"
)
def digest_job(now: dt.datetime) -> str:
    """One e-mail a day (after 07:00 WIB) with what each digest reader has not read yet."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    if local.hour < DIGEST_HOUR:
        return "belum waktunya"
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    sent = 0
    for pref in Preference.objects.filter(email=Preference.Email.DAILY).select_related("user"):
        if pref.last_digest_at is not None and pref.last_digest_at >= start_of_day:
            continue
        unread = Notification.objects.filter(user=pref.user, read_at__isnull=True, emailed_at__isnull=True)
        if pref.last_digest_at is not None:
            unread = unread.filter(created_at__gt=pref.last_digest_at)
        rows = list(unread[:100])
        Preference.objects.filter(pk=pref.pk).update(last_digest_at=now)
        if not rows or not pref.user.email:
            continue
        lines = [f"- {n.title}: {_link(n.url)}" for n in rows]
        send_mail(
            _("[Terbuka] Ringkasan pemberitahuan (%(n)s)") % {"n": len(rows)},
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            [pref.user.email],
        )
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=timezone.now())
        sent += 1
    return f"{sent} ringkasan terkirim"
