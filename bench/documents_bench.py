"""Document rendering speed: DOCX render median, and 1,000 letters in a batch.

    .venv/bin/python bench/documents_bench.py [--pdf] [--write]   # --write appends to docs/benchmarks.md

Renders the surat_dinas kind (kop, meta, body, signature block, paraf table, QR code) from its SAMPLE
through docxtpl, as generate_document does, without the database.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from terbuka.documents import kinds, rendering  # noqa: E402


def main() -> None:
    kind = kinds.get("surat_dinas")
    ctx = dict(kind.sample)
    ctx["qr"] = "https://terbuka.example/verifikasi/contoh-token/"
    rendering.render_docx(kind, ctx)  # warm-up
    singles = []
    for _ in range(50):
        t0 = time.perf_counter()
        rendering.render_docx(kind, ctx)
        singles.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(singles)
    t0 = time.perf_counter()
    for i in range(1000):
        c = dict(ctx)
        c["nomor"] = f"400.14/{i + 1}/Diskominfo/III/2026"
        c["qr"] = f"https://terbuka.example/verifikasi/t{i}/"
        rendering.render_docx(kind, c)
    batch = time.perf_counter() - t0
    pdf_line = ""
    if rendering.soffice_path() and "--pdf" in sys.argv:
        data = rendering.render_docx(kind, ctx)
        t0 = time.perf_counter()
        rendering.docx_to_pdf(data)
        took = time.perf_counter() - t0
        pdf_line = f"- One DOCX→PDF conversion (LibreOffice headless, fresh profile): {took:.2f} s\n"
    machine = (
        f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, {platform.system()}"
    )
    report = (
        "\n## Documents (terbuka/documents)\n\n"
        f"Machine: {machine} (shared with other jobs). "
        "Command: `.venv/bin/python bench/documents_bench.py --pdf`\n\n"
        f"- DOCX render of a surat dinas with QR code (docxtpl), median of 50: {median:.1f} ms "
        "(target < 100 ms)\n"
        f"- 1,000 letters rendered in a batch (one process, sequential): {batch:.1f} s "
        f"({batch:.1f} ms per letter)\n" + pdf_line
    )
    print(report)
    if "--write" in sys.argv:
        path = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
        with path.open("a") as fh:
            fh.write(report)


if __name__ == "__main__":
    main()
