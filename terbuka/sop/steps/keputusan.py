"""``keputusan``: a decision. A question answered Ya or Tidak; each answer names where the case goes (an
earlier step makes a loop). Drawn as a diamond with Ya/Tidak."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from .base import StepBase, StepKind, Target, _target, get, target_text

if TYPE_CHECKING:
    from ..schema import SopDefinition


class KeputusanStep(StepBase):
    jenis: Literal["keputusan"]
    pertanyaan: str = Field(min_length=1)
    ya: Target
    tidak: Target

    @field_validator("ya", "tidak", mode="before")
    @classmethod
    def _targets(cls, v: object) -> object:
        return _target(v)


class Keputusan(StepKind):
    jenis = "keputusan"
    model = KeputusanStep
    symbol = "keputusan"
    own_keys = ("pertanyaan", "ya", "tidak")

    def exits(self, step: Mapping[str, Any] | StepBase, following: Target) -> list[tuple[Any, str | None]]:
        return [(get(step, "ya"), "Ya"), (get(step, "tidak"), "Tidak")]

    def next(self, defn: SopDefinition, step: StepBase, decision: bool | None) -> Target:
        if decision is None:
            raise ValueError(f"langkah {step.no} adalah keputusan: jawaban ya/tidak wajib")
        assert isinstance(step, KeputusanStep)
        return step.ya if decision else step.tidak

    def needs_decision(self, step: StepBase) -> bool:
        return True

    def describe(self, defn: SopDefinition, step: StepBase) -> str:
        assert isinstance(step, KeputusanStep)
        return f"{step.pertanyaan} Ya: {target_text(step.ya)}; Tidak: {target_text(step.tidak)}."


KIND = Keputusan()
