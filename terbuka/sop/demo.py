"""Demo step: each demo body adopts its own seed SOP from ``sops/`` and the objection SOP, idempotently."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.conf import settings

from terbuka.core.models import PublicBody

SOPS_DIR = Path(getattr(settings, "BASE_DIR", Path(__file__).resolve().parents[2])) / "sops"

# body slug -> (sop slug, file)
SEEDS: dict[str, tuple[str, str]] = {
    "kota-serang": ("usulan-dik", "kota-serang-usulan-dik.yaml"),
    "kota-kupang": ("usulan-dik", "kota-kupang-usulan-dik.yaml"),
    "kota-bontang": ("pengamanan-dik", "kota-bontang-pengamanan-dik.yaml"),
    "kabupaten-serang": ("dip", "kabupaten-serang-dip.yaml"),
    "provinsi-kalimantan-barat": ("uji-konsekuensi", "provinsi-kalimantan-barat-uji-konsekuensi.yaml"),
}
EXTRA = ("keberatan", "contoh-keberatan.yaml")  # adopted by every demo body


def plan() -> list[tuple[str, str, Path]]:
    out = []
    for body_slug, (slug, name) in SEEDS.items():
        out.append((body_slug, slug, SOPS_DIR / name))
        out.append((body_slug, EXTRA[0], SOPS_DIR / EXTRA[1]))
    return out


def adopt_demo_sops(stdout: IO[Any] | None = None) -> None:
    """The demo hook: adopt what exists, skip files not written yet."""
    adopt_all(stdout)


def adopt_all(stdout: IO[Any] | None = None) -> list[Any]:
    """Adopt every seed file that exists; returns the versions adopted or already current."""
    from .services import sop_adopt

    versions = []
    for body_slug, slug, path in plan():
        body = PublicBody.objects.filter(slug=body_slug).first()
        if body is None or not path.exists():
            continue
        version = sop_adopt(
            actor=None, body=body, slug=slug, source=path.read_text("utf-8"), filename=path.name
        )
        versions.append(version)
        if stdout is not None:
            stdout.write(f"SOP {body_slug}/{slug}: v{version.number} ({path.name})\n")
    return versions
