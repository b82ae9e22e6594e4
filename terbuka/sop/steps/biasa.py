"""``biasa``: an ordinary step. Its lane's holders do it; the case goes to ``lanjut`` or the next step."""

from __future__ import annotations

from typing import Literal

from .base import StepKind, WithNext


class BiasaStep(WithNext):
    jenis: Literal["biasa"] = "biasa"


class Biasa(StepKind):
    jenis = "biasa"
    model = BiasaStep
    symbol = "proses"


KIND = Biasa()
