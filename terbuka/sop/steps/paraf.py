"""``paraf``: a letter drafted and signed through the one sign-off chain of the documents app.

The step opens a task for the drafter (``paraf.konseptor``, by default the step's own lane): they write the
letter (``paraf.naskah`` names its kind, or they choose one) or link a draft the process already has, then
send it up. A second task follows the document through its chain - each lane of ``paraf.paraf`` initials in
order, then ``paraf.tanda_tangan`` signs - and completes when the document is signed: the officials initial
and sign the document once, and the signed letter is the step's output. An official who sends the draft back
gives the task back to the drafter. The matrix draws the initials as badges in the officials' columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .base import StepBase, StepKind, Strict, WithNext, get

if TYPE_CHECKING:
    from ..engine import Engine
    from ..models import Case, Task
    from ..schema import SopDefinition


class SignOffSpec(Strict):
    paraf: list[str] = Field(default_factory=list, description="kode pelaksana yang memaraf, berurutan")
    tanda_tangan: str = Field(description="kode pelaksana yang menandatangani")
    konseptor: str | None = Field(default=None, description="kode pelaksana yang menyusun konsep naskah")
    naskah: str | None = Field(default=None, description="jenis naskah (mis. surat_dinas); bawaan: dipilih")


class ParafStep(WithNext):
    jenis: Literal["paraf"]
    paraf: SignOffSpec

    @property
    def chain_lanes(self) -> list[tuple[str, str]]:
        """(lane, "paraf" | "ttd") in the order the officials act."""
        return [(k, "paraf") for k in self.paraf.paraf] + [(self.paraf.tanda_tangan, "ttd")]

    @property
    def drafter_lane(self) -> str:
        return self.paraf.konseptor or self.pelaksana


class Paraf(StepKind):
    jenis = "paraf"
    model = ParafStep
    symbol = "proses"
    own_keys = ("paraf",)

    def first_lane(self, defn: SopDefinition, step: StepBase) -> str:
        assert isinstance(step, ParafStep)
        return step.drafter_lane

    def lanes_used(self, step: Mapping[str, Any] | StepBase) -> list[tuple[tuple[str, ...], Any, bool]]:
        out = super().lanes_used(step)
        chain = get(step, "paraf")
        if isinstance(chain, Mapping):
            initials = chain.get("paraf")
            for i, kode in enumerate(initials if isinstance(initials, list) else []):
                out.append((("paraf", "paraf", i), kode, False))  # type: ignore[arg-type]
            out.append((("paraf", "tanda_tangan"), chain.get("tanda_tangan"), False))
            if chain.get("konseptor") is not None:
                out.append((("paraf", "konseptor"), chain.get("konseptor"), False))
        elif isinstance(chain, SignOffSpec):
            out += [(("paraf", "paraf", i), k, False) for i, k in enumerate(chain.paraf)]  # type: ignore[misc]
            out.append((("paraf", "tanda_tangan"), chain.tanda_tangan, False))
        return out

    def open(self, engine: Engine, case: Case, step: StepBase, now: dt.datetime) -> list[Task]:
        assert isinstance(step, ParafStep)
        return [engine.new_task(case, step, step.drafter_lane, now, phase="konsep")]

    def step_done(self, engine: Engine, task: Task) -> bool:
        # The drafter's task opens the sign-off; the sign-off task completes the step (when signed).
        return task.phase == "paraf"

    def describe(self, defn: SopDefinition, step: StepBase) -> str:
        assert isinstance(step, ParafStep)
        initials = ", ".join(defn.lane(k).nama for k in step.paraf.paraf)
        sign = defn.lane(step.paraf.tanda_tangan).nama
        return f"Paraf: {initials}; tanda tangan: {sign}." if initials else f"Tanda tangan: {sign}."

    def badges(self, defn: SopDefinition, step: StepBase) -> list[tuple[str, str]]:
        assert isinstance(step, ParafStep)
        out = [(kode, f"paraf {i + 1}") for i, kode in enumerate(step.paraf.paraf)]
        out.append((step.paraf.tanda_tangan, "ttd"))
        return out


KIND = Paraf()
