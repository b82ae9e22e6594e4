"""Reading rendered DOCX files back in tests."""

from __future__ import annotations

import io

import docx


def template_docx(*paragraphs: str, header: str = "", title: str = "") -> bytes:
    """A small DOCX template: one paragraph per text; optionally a header and a document title."""
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if title:
        d.core_properties.title = title
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_text(data: bytes) -> str:
    """Every paragraph's text, including paragraphs inside (nested) tables, one per line."""
    d = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(container) -> None:
        for p in container.paragraphs:
            lines.append(p.text)
        for t in container.tables:
            for row in t.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    walk(cell)

    walk(d)
    return "\n".join(lines)


def image_count(data: bytes) -> int:
    d = docx.Document(io.BytesIO(data))
    return sum(1 for rel in d.part.rels.values() if "image" in rel.reltype)


def check_sample(slug: str, expected: list[str]) -> str:
    """Render a kind's SAMPLE (with a QR code) and assert the texts are printed; no Jinja left over."""
    from terbuka.documents import kinds, rendering

    kind = kinds.get(slug)
    ctx = dict(kind.sample)
    ctx["qr"] = "https://terbuka.example/verifikasi/t0k3n/"
    data = rendering.render_docx(kind, ctx)
    text = docx_text(data)
    for needle in expected:
        assert needle in text, f"{slug}: {needle!r} not printed"
    assert "{{" not in text and "{%" not in text, f"{slug}: unrendered template tag"
    assert image_count(data) >= 1, f"{slug}: QR code missing"
    return text


def required_only(slug: str, marker: str = "Isian") -> dict:
    """A context with only the kind's required fields, filled with values that are clearly not examples."""
    from terbuka.documents import kinds

    kind = kinds.get(slug)
    types = {k: t for k, _label, t in kind.fields}
    out: dict = {}
    for key in kind.required:
        typ = types[key]
        value: object
        if key == "hari_perpanjangan":
            value = "5"
        elif typ == "text":
            value = f"{marker} {key}"
        elif typ == "lines":
            value = [f"{marker} {key}"]
        else:
            value = [{col: f"{marker} {key} {col}" for col in typ[5:].split(",")} | {"tanda": ""}]
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out
