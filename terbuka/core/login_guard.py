"""The login throttle (issue 7 item 8).

Failed logins are counted per account name and per client address in ``LoginThrottle`` rows. After
``TERBUKA_LOGIN_MAX_FAILURES`` failures within ``TERBUKA_LOGIN_WINDOW_MINUTES`` the name (or the address) is
locked for ``TERBUKA_LOGIN_LOCK_MINUTES``: every try is refused with HTTP 429 *before the password is
checked*, so the right password does not get in either. The counter is keyed by the name typed, whether or
not such an account exists, so the answers never tell which usernames exist.

Race safety: the rows of the name and the address are locked (``SELECT … FOR UPDATE``, in key order)
for the whole judgement — lock check, password check, counting — so two parallel tries are judged one
after the other and the tenth failure is counted exactly once. On SQLite every write transaction is
serialised anyway (``transaction_mode=IMMEDIATE``).

Audit: every failed login is an event (``login.failed``) and so is every lock (``login.locked``), on the
chain of the account's body when the name belongs to a member of exactly one body, otherwise on the site
chain (unknown names, site administrators, people of several bodies). Tries refused while a lock lasts
are not written one by one: they are what the lock is for, and writing each would let anyone grow a
body's chain at will (issue 7 item 9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import audit
from .models import LoginThrottle, User

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import PublicBody

ACCOUNT = "akun"
ADDRESS = "alamat"
RESET = "reset"


class Failed(Exception):
    """Wrong name or password (counted)."""


@dataclass
class Locked(Exception):
    """Refused without looking at the password: the name or the address is locked until ``until``."""

    scope: str
    until: dt.datetime

    @property
    def retry_after(self) -> int:
        return max(1, int((self.until - timezone.now()).total_seconds()) + 1)

    @property
    def message(self) -> str:
        when = formats.time_format(timezone.localtime(self.until), "H:i T")
        if self.scope == ADDRESS:
            return _(
                "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan ini. Coba lagi setelah pukul "
                "%(when)s, atau hubungi administrator."
            ) % {"when": when}
        return _(
            "Terlalu banyak percobaan masuk yang gagal untuk akun ini, sehingga akun dikunci sementara. Coba "
            "lagi setelah pukul %(when)s, atau minta administrator badan publik Anda membuka kuncinya."
        ) % {"when": when}


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    header = settings.TERBUKA_CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        if value:
            return value.split(",")[0].strip()[:100]
    return str(request.META.get("REMOTE_ADDR") or "")[:100]


def account_key(username: str) -> str:
    return f"{ACCOUNT}:{username.strip().lower()[:150]}"


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.TERBUKA_LOGIN_WINDOW_MINUTES)


def _lock_rows(keys: list[str]) -> list[LoginThrottle]:
    """The rows of these keys, created if missing, locked until the transaction ends (in key order, so two
    judgements never wait on each other crosswise)."""
    rows = []
    for key in sorted(set(keys)):
        row = LoginThrottle.objects.select_for_update().filter(key=key).first()
        if row is None:
            try:
                with transaction.atomic():  # a savepoint: a parallel try may create the same row now
                    LoginThrottle.objects.create(key=key)
            except IntegrityError:
                pass
            row = LoginThrottle.objects.select_for_update().get(key=key)
        rows.append(row)
    return rows


def _recent(row: LoginThrottle, now: dt.datetime) -> list[str]:
    since = now - _window()
    return [t for t in row.failures if dt.datetime.fromisoformat(t) > since]


def _home_body(user: User | None) -> PublicBody | None:
    if user is None or user.is_superuser:
        return None
    from .people import bodies_of

    bodies = bodies_of(user)
    return bodies[0] if len(bodies) == 1 else None


def attempt(request: HttpRequest | None, username: str, password: str, *, address: str | None = None) -> User:
    """Judge one login. Returns the user, or raises ``Failed`` (counted, audited) or ``Locked``."""
    address = client_address(request) if address is None else address
    keys = [account_key(username)] + ([f"{ADDRESS}:{address}"] if address else [])
    newly_locked: Locked | None = None
    with transaction.atomic():
        rows = _lock_rows(keys)
        now = timezone.now()
        for row in rows:
            if row.locked_until is not None and row.locked_until > now:
                raise Locked(row.scope, row.locked_until)
        user = authenticate(request, username=username, password=password)
        if user is not None:
            for row in rows:
                if row.scope == ACCOUNT and (row.failures or row.locked_until):
                    row.failures, row.locked_until = [], None
                    row.save(update_fields=["failures", "locked_until"])
            return user
        known = User.objects.filter(username=username).first()
        body = _home_body(known)
        target: dict[str, Any] = {
            "object_type": "core.user",
            "object_id": str(known.pk) if known else "",
            "object_repr": username[:150],
        }
        audit.record(actor=None, body=body, action="login.failed", new={"address": address}, **target)
        for row in rows:
            failures = [*_recent(row, now), now.isoformat()]
            if len(failures) >= settings.TERBUKA_LOGIN_MAX_FAILURES:
                row.failures, row.locked_until = (
                    [],
                    now + dt.timedelta(minutes=settings.TERBUKA_LOGIN_LOCK_MINUTES),
                )
                audit.record(
                    actor=None,
                    body=body if row.scope == ACCOUNT else None,
                    action="login.locked",
                    new={
                        "scope": row.scope,
                        "key": row.subject,
                        "until": row.locked_until,
                        "address": address,
                    },
                    **target,
                )
                if newly_locked is None or row.scope == ACCOUNT:
                    newly_locked = Locked(row.scope, row.locked_until)
            else:
                row.failures = failures
            row.save(update_fields=["failures", "locked_until"])
    # Outside the transaction: what was counted and audited stays.
    if newly_locked is not None:
        raise newly_locked
    raise Failed


def locked_rows(scope: str | None = None) -> Any:
    rows = LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("key")
    return rows.filter(key__startswith=f"{scope}:") if scope else rows


def unlock(*, actor: User, key: str, body: PublicBody | None) -> bool:
    """Lift a lock (``services.login_unlock`` decides who may). Returns whether there was one."""
    with transaction.atomic():
        row = LoginThrottle.objects.select_for_update().filter(key=key).first()
        if row is None or row.locked_until is None or row.locked_until <= timezone.now():
            return False
        old = {"until": row.locked_until}
        row.failures, row.locked_until = [], None
        row.save(update_fields=["failures", "locked_until"])
        known = User.objects.filter(username__iexact=row.subject).first() if row.scope == ACCOUNT else None
        audit.record(
            actor=actor,
            body=body,
            action="login.unlock",
            object_type="core.user" if row.scope == ACCOUNT else "",
            object_id=str(known.pk) if known else "",
            object_repr=row.subject,
            old=old,
            new={"scope": row.scope, "key": row.subject},
        )
    return True


def spend(key: str, *, limit: int, per: dt.timedelta) -> bool:
    """Count one use of a rate-limited action (e.g. a password reset request) for ``key``; False when the
    limit within ``per`` is already reached (the use is then not counted)."""
    with transaction.atomic():
        (row,) = _lock_rows([key])
        now = timezone.now()
        since = now - per
        recent = [t for t in row.failures if dt.datetime.fromisoformat(t) > since]
        if len(recent) >= limit:
            return False
        row.failures = [*recent, now.isoformat()]
        row.save(update_fields=["failures"])
    return True
