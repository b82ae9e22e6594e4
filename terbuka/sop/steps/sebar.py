"""``sebar``: a fan-out. One task per unit whose holders have ``sebar.peran`` (today the PPID Pembantu);
joined when every unit has answered, when the time limit has passed, or when the office closes the
collection by hand. Each unit gives its own output. A unit answering after the collection closed is
recorded as late, not lost. Drawn as a stacked box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from terbuka.core.roles import UNIT_ROLES, Role, role_label

from .base import StepBase, StepKind, Strict, WithNext

if TYPE_CHECKING:
    from ..engine import Engine
    from ..models import Case, Task
    from ..schema import SopDefinition


class FanOut(Strict):
    peran: str = Field(default=Role.PPID_PEMBANTU.value, description="peran yang terikat unit")


class SebarStep(WithNext):
    jenis: Literal["sebar"]
    sebar: FanOut


class Sebar(StepKind):
    jenis = "sebar"
    model = SebarStep
    symbol = "sebar"
    fans_out = True
    own_keys = ("sebar",)

    def check(
        self, step: Mapping[str, Any], lanes: Mapping[str, Mapping[str, Any]]
    ) -> list[tuple[tuple[str, ...], str]]:
        fan = step.get("sebar")
        if not isinstance(fan, dict):
            return []
        role = fan.get("peran", Role.PPID_PEMBANTU.value)
        if role in Role.values and role not in UNIT_ROLES:
            return [
                (
                    ("sebar", "peran"),
                    f"sebar hanya untuk peran yang terikat unit: {', '.join(sorted(UNIT_ROLES))}",
                )
            ]
        lane = lanes.get(str(step.get("pelaksana")))
        if lane is not None and lane.get("peran") != role:
            return [
                (
                    ("pelaksana",),
                    f"pelaksana langkah sebar harus berperan {role!r} "
                    f"(pelaksana {step.get('pelaksana')!r} berperan {lane.get('peran')!r})",
                )
            ]
        return []

    def open(self, engine: Engine, case: Case, step: StepBase, now: dt.datetime) -> list[Task]:
        assert isinstance(step, SebarStep)
        return engine.open_fanout(case, step, step.sebar.peran, now)

    def step_done(self, engine: Engine, task: Task) -> bool:
        return not engine.open_tasks_of_step(task.case, task.step_no).exists()

    def describe(self, defn: SopDefinition, step: StepBase) -> str:
        assert isinstance(step, SebarStep)
        return f"Untuk setiap unit: satu tugas per {role_label(step.sebar.peran)}."


KIND = Sebar()
