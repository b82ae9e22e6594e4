"""The registry of document kinds: slug -> Kind (title, template, context builder, sample).

Each kind lives in its own folder ``kinds/<slug>/`` with ``template.docx`` (built by build_templates.py),
``context.py`` and ``test_<slug>.py``. ``context.py`` declares ``TITLE``, ``FIELDS`` (the generate form),
``REQUIRED`` (keys that must be filled before a document is generated or signed), ``STANDARD`` (wording
that belongs in every letter of the kind: statutory paragraphs, the default ``hal``), ``EXAMPLE`` (example
values for previews, template validation and tests only: they never reach a real letter), and
``build(*, body, case=None, data)``, which starts from ``STANDARD`` plus values derived from the body/case,
never from ``EXAMPLE``. docs/documents.md has the recipe for adding one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

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
    standard: dict[str, Any]
    example: dict[str, Any]
    # Fields an officer fills in the generate form: (key, label, "text"|"lines"|"rows:a,b,c").
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    required: list[str] = field(default_factory=list)  # dotted keys; every one is also in ``fields``
    register: bool = False  # decrees also get a register number
    klasifikasi: str = "400.14"

    @property
    def own_sample(self) -> dict[str, Any]:
        """The kind's own keys with example values (previews, template validation, tests)."""
        return common.merge(self.standard, self.example)

    @property
    def sample(self) -> dict[str, Any]:
        return common.sample(self.own_sample)

    def label_of(self, key: str) -> str:
        """The form label of a field without its hint: "Daftar (informasi | …)" -> "Daftar"."""
        for k, label, _typ in self.fields:
            if k == key:
                return label.split(" (")[0]
        return key

    def missing(self, context: dict[str, Any]) -> list[str]:
        """Labels of the required fields left empty in a built context, in form order."""
        return [self.label_of(k) for k in self.required if common.is_blank(common.lookup(context, k))]

    def check_required(self, context: dict[str, Any]) -> None:
        missing = self.missing(context)
        if missing:
            raise ValidationError(
                "Kolom wajib belum diisi: %(fields)s",
                params={"fields": ", ".join(missing)},
                code="required_fields",
            )


def _load(slug: str) -> Kind:
    mod = importlib.import_module(f"{__name__}.{slug}.context")
    return Kind(
        slug=slug,
        title=mod.TITLE,
        template_path=HERE / slug / "template.docx",
        build=mod.build,
        standard=mod.STANDARD,
        example=mod.EXAMPLE,
        fields=list(getattr(mod, "FIELDS", [])),
        required=list(getattr(mod, "REQUIRED", [])),
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


# Words in an SOP's kelengkapan/output name that point at a document kind (DOMAIN.md §1 glossary). Order
# matters: the more specific phrase first ("surat penolakan" before "surat").
_SUGGEST: list[tuple[str, str]] = [
    ("lembar analisa", "lembar_uji_konsekuensi"),
    ("lembar pertimbangan", "lembar_uji_konsekuensi"),
    ("lembar pengujian", "lembar_uji_konsekuensi"),
    ("berita acara", "berita_acara_uji_konsekuensi"),
    ("ketetapan", "ketetapan_uji_konsekuensi"),
    ("surat keputusan", "sk_dik"),
    ("sk ", "sk_dik"),
    ("surat penolakan", "sk_penolakan"),
    ("perpanjangan", "pemberitahuan_perpanjangan"),
    ("pemberitahuan tertulis", "pemberitahuan_tertulis"),
    ("tanda terima", "tanda_terima"),
    ("surat undangan", "surat_undangan"),
    ("undangan", "surat_undangan"),
    ("surat pengantar", "surat_pengantar"),
    ("nota dinas", "nota_dinas"),
    ("surat dinas", "surat_dinas"),
    ("daftar informasi yang dikecualikan", "dik"),
    ("daftar informasi publik", "dip"),
]


def suggest(label: str) -> list[str]:
    """Document kinds that can produce an SOP document named ``label`` (may be empty)."""
    text = " " + " ".join(label.lower().replace("(", " ").replace(")", " ").split()) + " "
    out: list[str] = []
    for words, slug in _SUGGEST:
        if words in text and slug not in out:
            out.append(slug)
    return out
