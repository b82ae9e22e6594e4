"""The audit trail exported for inspectors (CSV, XLSX): one row per event, the sentences of the page."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit_labels, xlsx
from .models import Event, PublicBody

MAX_ROWS = 100_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    return [
        _("No. urut"),
        _("Waktu"),
        _("Pelaku"),
        _("Peristiwa"),
        _("Perubahan (sebelum → sesudah)"),
        _("Catatan"),
        _("Kode aksi"),
        _("Jenis objek"),
        _("ID objek"),
        _("Hash"),
    ]


def rows(body: PublicBody, events: QuerySet[Event]) -> Iterator[list[Any]]:
    tz = ZoneInfo(body.time_zone)
    for e in events[:MAX_ROWS].iterator(chunk_size=2000):
        changes = "; ".join(f"{c.field}: {c.before} → {c.after}" for c in audit_labels.changes(e))
        yield [
            e.seq,
            f"{e.created_at.astimezone(tz):%Y-%m-%d %H:%M:%S} {body.tz_label}",
            audit_labels.who(e),
            audit_labels.sentence(e),
            changes,
            e.note,
            e.action,
            e.object_type,
            e.object_id,
            e.hash,
        ]


def _csv_safe(value: Any) -> Any:
    """A text cell starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def response(body: PublicBody, events: QuerySet[Event], fmt: str) -> HttpResponse:
    stamp = timezone.now().astimezone(ZoneInfo(body.time_zone)).strftime("%Y%m%d-%H%M")
    name = f"jejak-audit-{body.slug}-{stamp}.{fmt}"
    if fmt == "xlsx":
        data = xlsx.workbook(header(), rows(body, events), sheet=_("Jejak audit"))
        out = HttpResponse(data, content_type=XLSX_MIME)
    else:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header())
        for row in rows(body, events):
            writer.writerow([_csv_safe(v) for v in row])
        # UTF-8 with BOM: spreadsheet programs then read the Indonesian text and arrows correctly.
        out = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    out["Content-Disposition"] = f'attachment; filename="{name}"'
    return out
