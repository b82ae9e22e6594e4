"""Hostile inputs are refused cheaply: time and peak memory of each refusal (issue #7 items 1-3).

    .venv/bin/python bench/security_bench.py

* a ".docx" whose [Content_Types].xml inflates to 1 GiB, through archive.sniff (what every upload calls);
* the 407-byte "billion laughs" SOP and 100,000 nested brackets, through the SOP loader;
* the template gate (every built-in template) and a render in the sandbox, against a plain Jinja render.

No database. Peak memory is the process's maximum resident set size (ru_maxrss) after each step.
"""

from __future__ import annotations

import io
import os
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

import jinja2  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from terbuka.documents import archive, kinds, rendering  # noqa: E402
from terbuka.sop.loader import SopFileError, load_definition  # noqa: E402
from terbuka.sop.tests.test_loader_limits import BILLION_LAUGHS  # noqa: E402

GIB = 1024**3


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_gib_bomb() -> bytes:
    """Streamed to a temporary file, so building it never holds 1 GiB in memory."""
    with tempfile.TemporaryFile() as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("word/document.xml", "<w:document/>")
            with zf.open("[Content_Types].xml", "w", force_zip64=True) as member:
                chunk = b" " * (16 * 1024 * 1024)
                for _ in range(GIB // len(chunk)):
                    member.write(chunk)
        fh.seek(0)
        return fh.read()


def timed(label: str, fn: Callable[[], object]) -> None:
    t0 = time.perf_counter()
    try:
        fn()
        outcome = "accepted"
    except (ValidationError, SopFileError) as exc:
        outcome = "refused: " + str(getattr(exc, "messages", [exc])[0])[:90]
    print(f"{label}: {(time.perf_counter() - t0) * 1000:.1f} ms, peak RSS {rss_mb():.0f} MB — {outcome}")


def main() -> None:
    print(f"start: peak RSS {rss_mb():.0f} MB")
    bomb = one_gib_bomb()
    print(f"1 GiB bomb built: {len(bomb) / 1024 / 1024:.2f} MB on the wire, peak RSS {rss_mb():.0f} MB")
    timed("archive.sniff(1 GiB bomb)", lambda: archive.sniff(bomb))
    timed(
        f"SOP billion laughs ({len(BILLION_LAUGHS)} bytes)",
        lambda: load_definition(BILLION_LAUGHS, "bom.yaml"),
    )
    deep = "x: " + "[" * 100_000 + "]" * 100_000
    timed("SOP 100,000 nested brackets", lambda: load_definition(deep, "dalam.yaml"))

    gate = []
    for kind in kinds.REGISTRY.values():
        data = kind.template_path.read_bytes()
        t0 = time.perf_counter()
        rendering.check_template(kind, data)
        gate.append((time.perf_counter() - t0) * 1000)
    print(f"template gate + sample render, 14 built-in templates: median {statistics.median(gate):.1f} ms")

    kind = kinds.get("surat_dinas")
    ctx = {**kind.sample, "qr": "https://terbuka.example/verifikasi/contoh/"}

    def plain_render() -> None:
        tpl = DocxTemplate(str(kind.template_path))
        tpl.render(ctx, jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined), autoescape=True)
        tpl.save(io.BytesIO())

    for label, fn in (
        ("render surat_dinas, plain Jinja (before)", plain_render),
        ("render surat_dinas, sandbox (now)", lambda: rendering.render_docx(kind, ctx)),
    ):
        fn()
        runs = []
        for _ in range(30):
            t0 = time.perf_counter()
            fn()
            runs.append((time.perf_counter() - t0) * 1000)
        print(f"{label}: median {statistics.median(runs):.1f} ms")


if __name__ == "__main__":
    main()
