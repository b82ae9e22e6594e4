"""Letter and register numbers: no gaps, no duplicates, even under concurrency.

A number is allocated per (body, scope, unit code, year, series) from the body's shared gap-free
sequences (``core.sequences``, series ``naskah:nomor`` / ``naskah:register``): the row is locked inside the
caller's transaction, so two officers generating letters at the same moment queue on it, and if the caller's
transaction rolls back, so does the increment (no gap).

The counter counts exactly what the printed number tells apart, so two letters can never get the same
number: the *scope* is the pattern itself plus the klasifikasi when the pattern prints it (kinds with the
same pattern and klasifikasi share one counter), and the unit takes part only when the pattern prints
``{unit}``. Every pattern must contain ``{nomor}`` (or ``{nomor3}``) and ``{tahun}`` (counters restart
each year). The database refuses a duplicate number of a body as a last line of defence.

Patterns are per body and kind (``NumberPattern``), e.g.
``{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}``.
Placeholders: ``{klasifikasi}``, ``{nomor}``, ``{nomor3}`` (zero-padded to 3), ``{unit}``, ``{bulan}``,
``{bulan_romawi}``, ``{tahun}``, ``{badan}``.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import sequences
from terbuka.core.models import PublicBody, Unit

from . import kinds
from .models import NumberPattern

DEFAULT_PATTERN = "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}"
DEFAULT_REGISTER_PATTERN = "{klasifikasi}/Kep.{nomor}-{unit}/{tahun}"
PLACEHOLDERS = {"klasifikasi", "nomor", "nomor3", "unit", "bulan", "bulan_romawi", "tahun", "badan"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass(frozen=True)
class Allocated:
    sequence: int
    text: str


MAX_PATTERN = 120  # characters; a number is printed on one line of a letter


def _parts(pattern: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder or None) pairs of a pattern; ValidationError naming the first problem.

    Only the documented placeholders, written bare: ``{tahun}``. Python's format mini-language is not a
    pattern language here (issue #7 item 10): a format spec (``{tahun:>200000000}`` printed a 200 MB page,
    ``{tahun:s}`` crashed), a conversion (``{nomor!r}``), indexing or attributes (``{nomor[0]}``,
    ``{nomor.real}``) and an empty ``{}`` are refused, and so is a pattern longer than ``MAX_PATTERN``.
    ``format_number`` builds numbers from these parts, never with ``str.format``.
    """
    if len(pattern) > MAX_PATTERN:
        raise ValidationError(
            _("Pola nomor terlalu panjang (%(n)s karakter; batas %(max)s).")
            % {"n": len(pattern), "max": MAX_PATTERN}
        )
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ValidationError(
            _("Pola nomor tidak valid: kurung kurawal { } harus berpasangan, mis. {nomor}.")
        ) from exc
    parts: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            parts.append((literal, None))
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if conversion is not None:
            problem = _("konversi (!%(c)s) tidak dipakai dalam pola") % {"c": conversion}
        elif spec:
            problem = _("format (:%(spec)s) tidak dipakai dalam pola") % {"spec": spec[:40]}
        elif not name:
            problem = _("isian kosong {} tidak dipakai dalam pola")
        elif any(ch in name for ch in "[]."):
            problem = _("indeks [ ] atau titik tidak dipakai dalam pola")
        else:
            parts.append((literal, name))
            continue
        raise ValidationError(
            _("Pola nomor tidak valid: %(written)s — %(problem)s. Tulis isian apa adanya, mis. {tahun}.")
            % {"written": written[:60], "problem": problem}
        )
    return parts


def _names(pattern: str) -> set[str]:
    return {name for _literal, name in _parts(pattern) if name is not None}


def validate_pattern(pattern: str) -> None:
    """ValidationError naming the problem: format specs, conversions, indexing, length (``_parts``), unknown
    placeholders (every one named); a pattern must contain {nomor}/{nomor3} and {tahun}."""
    names = _names(pattern)
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        raise ValidationError(
            _("Pola nomor memuat isian yang tidak dikenal: %(unknown)s. Yang tersedia: %(known)s")
            % {
                "unknown": ", ".join("{" + u + "}" for u in unknown),
                "known": ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS)),
            }
        )
    if not names & {"nomor", "nomor3"}:
        raise ValidationError(_("Pola nomor harus memuat {nomor} atau {nomor3}."))
    if "tahun" not in names:
        raise ValidationError(_("Pola nomor harus memuat {tahun}: nomor dimulai lagi dari 1 setiap tahun."))


def counter_key(pattern: str, klasifikasi: str, unit: Unit | None) -> tuple[str, str]:
    """(scope, unit code) of the counter behind ``pattern``: only what the printed number tells apart."""
    names = _names(pattern)
    scope = pattern + ("|" + klasifikasi if "klasifikasi" in names else "")
    return scope[:260], unit_code(unit) if "unit" in names else ""


def unit_code(unit: Unit | None) -> str:
    if unit is None:
        return ""
    return unit.code or unit.short_name or unit.slug.upper()


def pattern_for(body: PublicBody, kind: str) -> tuple[str, str, str]:
    """(pattern, register pattern, klasifikasi) for a body and kind, with defaults."""
    spec = kinds.get(kind)
    row = NumberPattern.objects.filter(body=body, kind=kind).first()
    if row is None:
        return DEFAULT_PATTERN, DEFAULT_REGISTER_PATTERN, spec.klasifikasi
    return (
        row.pattern or DEFAULT_PATTERN,
        row.register_pattern or DEFAULT_REGISTER_PATTERN,
        row.klasifikasi or spec.klasifikasi,
    )


def format_number(
    pattern: str, *, sequence: int | None, klasifikasi: str, unit: str, day: dt.date, badan: str
) -> str:
    """The one formatter of numbers: allocated, previewed, and as a draft shows it (``sequence=None``
    leaves the space for the number open: "400.14/……/DKS/III/2026")."""
    blank = "……"
    values = {
        "klasifikasi": klasifikasi,
        "nomor": blank if sequence is None else str(sequence),
        "nomor3": blank if sequence is None else f"{sequence:03d}",
        "unit": unit,
        "bulan": f"{day.month:02d}",
        "bulan_romawi": ROMAN[day.month - 1],
        "tahun": str(day.year),
        "badan": badan,
    }
    validate_pattern(pattern)  # a pattern stored before the rules were tightened fails clearly, never big
    text = "".join(literal + (values[name] if name is not None else "") for literal, name in _parts(pattern))
    # An empty unit (or klasifikasi) leaves "//" or "-/": collapse them so the number still reads well.
    while "//" in text or "-/" in text:
        text = text.replace("//", "/").replace("-/", "/")
    return text.strip("/")


def sequence_key(scope: str, code: str, series: str) -> tuple[str, str]:
    """(series, scope) of the core sequence behind a letter counter (``core.sequences``)."""
    return f"naskah:{series}", f"{scope}|{code}"


def _next(body: PublicBody, kind: str, scope: str, code: str, year: int, series: str) -> int:
    name, key = sequence_key(scope, code, series)
    return sequences.next_value(body=body, series=name, scope=key, year=year)


def allocate(
    *, body: PublicBody, kind: str, day: dt.date, unit: Unit | None = None, series: str = "nomor"
) -> Allocated:
    """The next number. Must run inside the transaction that stores the numbered document."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbering.allocate must run inside the transaction that stores the document")
    pattern, register_pattern, klasifikasi = pattern_for(body, kind)
    chosen = register_pattern if series == "register" else pattern
    # Register numbers run through the body regardless of the unit (one register of decrees).
    scope, code = counter_key(chosen, klasifikasi, unit if series == "nomor" else None)
    seq = _next(body, kind, scope, code, day.year, series)
    text = format_number(
        chosen,
        sequence=seq,
        klasifikasi=klasifikasi,
        unit=unit_code(unit),
        day=day,
        badan=body.slug.upper(),
    )
    return Allocated(seq, text)


def preview(*, body: PublicBody, kind: str, day: dt.date, unit: Unit | None = None) -> str:
    """What the next number would look like (not reserved: another letter may take it first)."""
    pattern, _register, klasifikasi = pattern_for(body, kind)
    scope, code = counter_key(pattern, klasifikasi, unit)
    name, key = sequence_key(scope, code, "nomor")
    return format_number(
        pattern,
        sequence=sequences.peek(body=body, series=name, scope=key, year=day.year),
        klasifikasi=klasifikasi,
        unit=unit_code(unit),
        day=day,
        badan=body.slug.upper(),
    )


def draft_number(*, body: PublicBody, kind: str, day: dt.date, unit: Unit | None = None) -> str:
    """The number as a draft shows it: the pattern with the sequence left open ("400.14/……/DKI/III/2026").

    A letter is numbered when it is signed; until then the space for the number stays empty.
    """
    pattern, _register, klasifikasi = pattern_for(body, kind)
    return format_number(
        pattern,
        sequence=None,
        klasifikasi=klasifikasi,
        unit=unit_code(unit),
        day=day,
        badan=body.slug.upper(),
    )
