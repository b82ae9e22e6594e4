"""Gap-free sequences per (body, series, scope, year): the one numbering service.

Letter numbers and decree register numbers (documents), request and objection registration numbers
(requests), DIK register numbers (the DIK register) all draw from here. ``next_value`` locks the sequence
row with ``SELECT … FOR UPDATE`` inside the caller's transaction: concurrent callers queue on the row, and
when the caller rolls back, the increment rolls back too, so there is never a gap nor a duplicate. The row
is created on first use; a unique constraint turns a concurrent creation into a retry on the existing row.

The formatting of a number (patterns such as ``{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}``) is the
caller's business: this module only counts.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import PublicBody, Sequence

SCOPE_MAX = 300


def next_value(*, body: PublicBody | int, series: str, year: int, scope: str = "") -> int:
    """The next number of the sequence; must run inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequences.next_value must run inside the transaction that stores the number")
    body_id = body if isinstance(body, int) else body.pk
    key = {"body_id": body_id, "series": series[:40], "scope": scope[:SCOPE_MAX], "year": year}
    updated = Sequence.objects.filter(**key).update(last=F("last") + 1)
    if not updated:
        try:
            with transaction.atomic():
                Sequence.objects.create(**key, last=1)
                return 1
        except IntegrityError:  # created by a concurrent caller in the meantime
            Sequence.objects.filter(**key).update(last=F("last") + 1)
    return Sequence.objects.filter(**key).values_list("last", flat=True).get()


def peek(*, body: PublicBody | int, series: str, year: int, scope: str = "") -> int:
    """The number the next call would give (for previews; never reserve a number this way)."""
    body_id = body if isinstance(body, int) else body.pk
    last = (
        Sequence.objects.filter(body_id=body_id, series=series[:40], scope=scope[:SCOPE_MAX], year=year)
        .values_list("last", flat=True)
        .first()
    )
    return (last or 0) + 1
