"""The redaction input is bounded: a PDF over the size limit or over the page limit is refused whole (never a
silently shortened copy), and a page within the limits is blacked out."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from terbuka.requests import redaction

pytestmark = pytest.mark.django_db


def _pdf(pages: int) -> bytes:
    images = [Image.new("RGB", (200, 280), "white") for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def test_over_the_page_limit_is_refused_not_cut(monkeypatch):
    monkeypatch.setattr(redaction, "MAX_PAGES", 2)
    parts = redaction.parse_parts("1; 10,10,50,50; Pasal 17 huruf h")
    assert redaction.redact_pdf(_pdf(2), parts).startswith(b"%PDF-")
    with pytest.raises(ValidationError, match="lebih dari 2 halaman"):
        redaction.redact_pdf(_pdf(3), parts)


def test_over_the_size_limit_is_refused_before_reading(monkeypatch):
    data = _pdf(1)
    monkeypatch.setattr(redaction, "MAX_BYTES", len(data) - 1)
    with pytest.raises(ValidationError, match="paling besar"):
        redaction.redact_pdf(data, redaction.parse_parts("1; 10,10,50,50; Pasal 17 huruf h"))
