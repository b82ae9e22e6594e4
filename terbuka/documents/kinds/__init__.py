"""The registry of document kinds: slug -> Kind (title, template, context builder, sample).

Each kind lives in its own folder ``kinds/<slug>/`` with ``template.docx`` (built by build_templates.py),
``context.py`` (``TITLE``, ``SAMPLE``, ``build(*, body, case=None, data)``, optional ``NUMBERING``) and
``test_<slug>.py``. docs/documents.md has the recipe for adding one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import common

HERE = Path(__file__).resolve().parent

SLUGS = [
    "nota_dinas",
    "surat_dinas",
    "surat_pengantar",
    "surat_undangan",
    "lembar_uji_konsekuensi",
    "berita_acara_uji_konsekuensi",
    "ketetapan_uji_konsekuensi",
    "sk_dik",
    "dip",
    "dik",
    "tanda_terima",
    "pemberitahuan_tertulis",
    "sk_penolakan",
    "pemberitahuan_perpanjangan",
]


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    template_path: Path
    build: Callable[..., dict[str, Any]]
    own_sample: dict[str, Any]
    # Fields an officer fills in the generate form: (key, label, "text"|"lines"|"date").
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    register: bool = False  # decrees also get a register number
    klasifikasi: str = "400.14"

    @property
    def sample(self) -> dict[str, Any]:
        return common.sample(self.own_sample)


def _load(slug: str) -> Kind:
    mod = importlib.import_module(f"{__name__}.{slug}.context")
    return Kind(
        slug=slug,
        title=mod.TITLE,
        template_path=HERE / slug / "template.docx",
        build=mod.build,
        own_sample=mod.SAMPLE,
        fields=list(getattr(mod, "FIELDS", [])),
        register=bool(getattr(mod, "REGISTER", False)),
        klasifikasi=getattr(mod, "KLASIFIKASI", "400.14"),
    )


REGISTRY: dict[str, Kind] = {slug: _load(slug) for slug in SLUGS}


def get(slug: str) -> Kind:
    try:
        return REGISTRY[slug]
    except KeyError:
        raise KeyError(f"Jenis naskah tidak dikenal: {slug}") from None


def choices() -> list[tuple[str, str]]:
    return [(k.slug, k.title) for k in REGISTRY.values()]
