"""Step kinds: one module each. To add a kind, write its module (model + ``StepKind``) and list it here."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from . import biasa, keputusan, paraf, sebar
from .base import END, Duration, StepBase, StepKind, Target

KINDS: dict[str, StepKind] = {m.KIND.jenis: m.KIND for m in (biasa, keputusan, sebar, paraf)}


def _jenis(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("jenis", "biasa"))
    return str(getattr(value, "jenis", "biasa"))


Step = Annotated[
    Annotated[biasa.BiasaStep, Tag("biasa")]
    | Annotated[keputusan.KeputusanStep, Tag("keputusan")]
    | Annotated[sebar.SebarStep, Tag("sebar")]
    | Annotated[paraf.ParafStep, Tag("paraf")],
    Discriminator(_jenis, custom_error_type="jenis", custom_error_message="jenis langkah tidak dikenal"),
]


def kind_of(step: StepBase | str) -> StepKind:
    return KINDS[step if isinstance(step, str) else step.jenis]  # type: ignore[attr-defined]


__all__ = ["END", "KINDS", "Duration", "Step", "StepBase", "StepKind", "Target", "kind_of"]
