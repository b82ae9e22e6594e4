"""Reports of the DIK cycle: the register as PDF (the XLSX is in ``sheets``), and tests with outcomes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.template.loader import render_to_string

from terbuka.core.models import PublicBody

from .models import ConsequenceTest, Decision, Entry


def register_pdf(body: PublicBody, entries: Iterable[Entry], title: str) -> bytes:
    """The register, landscape A4, rendered by WeasyPrint (no network: the HTML has no external parts)."""
    from weasyprint import HTML

    html = render_to_string("dik/register_pdf.html", {"body": body, "entries": list(entries), "title": title})
    pdf: bytes = HTML(string=html).write_pdf()  # WeasyPrint ships no type hints
    return pdf


def test_outcomes(tests: Iterable[ConsequenceTest]) -> list[dict[str, Any]]:
    out = []
    for t in tests:
        items = list(t.items.all())
        out.append(
            {
                "test": t,
                "items": items,
                "counts": {d.label: sum(1 for i in items if i.decision == d.value) for d in Decision},
                "present": sum(1 for m in t.members.all() if m.present),
            }
        )
    return out
