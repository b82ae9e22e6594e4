"""What every step kind shares: the common fields of a step and the hooks a kind implements.

A step kind is one module in this package (``biasa``, ``keputusan``, ``sebar``, ``paraf``) holding its
pydantic model (the part of the SOP format only it has) and a ``StepKind`` object: what opening and
completing a step of that kind means, where a step of that kind goes next (one function, used by the engine
and by the loader's graph check), the lane of its first task and its matrix symbol. The engine never asks
``step.jenis == …``; it asks the step's kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

if TYPE_CHECKING:
    import datetime as dt

    from ..engine import Engine
    from ..models import Case, Task
    from ..schema import SopDefinition

END: Final = "selesai"  # the terminator: a target meaning "the SOP ends here"

Target = int | Literal["selesai"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


DURATION_RE = re.compile(
    r"^\s*(?:(?P<n>\d+)\s*(?P<unit>hari kerja|hari|jam)"
    r"|(?P<word>setiap saat|tentatif|pada hari dan jam kerja|sesuai peraturan perundang-undangan))\s*$",
    re.IGNORECASE,
)


class Duration(Strict):
    """Mutu baku waktu. ``hari`` in the seeds means working days (UU 14/2008 counts in working days)."""

    text: str
    kind: Literal["hari_kerja", "jam", "setiap_saat", "tentatif", "jam_kerja", "sesuai_peraturan"]
    amount: int | None = None

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = DURATION_RE.match(text or "")
        if not m:
            raise ValueError(
                f"waktu tidak terbaca: {text!r}; tulis 'N hari kerja', 'N hari', 'N jam', 'setiap saat', "
                "'tentatif', 'pada hari dan jam kerja' atau 'sesuai peraturan perundang-undangan'"
            )
        if m.group("n"):
            unit = m.group("unit").lower()
            amount = int(m.group("n"))
            if amount > 1000:
                raise ValueError(f"waktu terlalu panjang: {text!r}; paling lama 1000 hari kerja")
            return cls(text=text, kind="jam" if unit == "jam" else "hari_kerja", amount=amount)
        word = m.group("word").lower()
        kind = {
            "setiap saat": "setiap_saat",
            "tentatif": "tentatif",
            "pada hari dan jam kerja": "jam_kerja",
            "sesuai peraturan perundang-undangan": "sesuai_peraturan",
        }[word]
        return cls(text=text, kind=kind)  # type: ignore[arg-type]

    def working_days(self) -> int | None:
        """The step's limit in working days, or None when the SOP sets none (tentatif, setiap saat)."""
        if self.kind == "hari_kerja":
            return self.amount
        if self.kind == "jam":
            return max(1, -(-(self.amount or 0) // 8))  # 8 office hours a working day, rounded up
        if self.kind == "jam_kerja":
            return 0  # within the working day the task opens on, by the body's closing time
        return None  # tentatif, setiap saat, sesuai peraturan perundang-undangan


def _target(v: object) -> object:
    if v is None or v == END or (isinstance(v, int) and not isinstance(v, bool)):
        return v
    raise ValueError(f"tujuan harus nomor langkah atau '{END}', bukan {v!r}")


class StepBase(Strict):
    """The fields every step has (Permenpan-RB columns), whatever its kind."""

    no: int = Field(ge=1)
    kegiatan: str = Field(min_length=1, description="uraian asli dari SOP sumber")
    pelaksana: str = Field(description="kode pelaksana (lane)")
    kelengkapan: list[str] = Field(default_factory=list)
    waktu: str = "tentatif"
    output: list[str] = Field(default_factory=list)
    keterangan: str = ""
    aksi: str | dict[str, Any] | None = Field(
        default=None,
        description="aksi domain terdaftar: nama, atau pemetaan {nama: ..., parameter: ...}",
    )

    @field_validator("kelengkapan", "output", mode="before")
    @classmethod
    def _listify(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("waktu")
    @classmethod
    def _waktu(cls, v: str) -> str:
        Duration.parse(v)  # raises ValueError with the Indonesian message
        return v

    @property
    def duration(self) -> Duration:
        return Duration.parse(self.waktu)

    @property
    def action_name(self) -> str | None:
        if isinstance(self.aksi, dict):
            name = self.aksi.get("nama")
            return str(name) if name else None
        return self.aksi

    @property
    def action_params(self) -> dict[str, Any]:
        if isinstance(self.aksi, dict):
            return {k: v for k, v in self.aksi.items() if k != "nama"}
        return {}


class WithNext(StepBase):
    """A step that goes on to one place: ``lanjut`` or the next step in the file."""

    lanjut: Target | None = None

    @field_validator("lanjut", mode="before")
    @classmethod
    def _lanjut(cls, v: object) -> object:
        return _target(v)


def target_text(target: Any) -> str:
    return "selesai" if target == END else f"langkah {target}"


def get(step: Mapping[str, Any] | StepBase, key: str, default: Any = None) -> Any:
    """Read a key from a validated step or from the raw mapping the loader checks (tolerant of both)."""
    if isinstance(step, Mapping):
        return step.get(key, default)
    return getattr(step, key, default)


class StepKind:
    """The behaviour of one kind of step. Subclasses set ``jenis``, ``model`` and ``symbol``."""

    jenis: ClassVar[str]
    model: ClassVar[type[StepBase]]
    symbol: ClassVar[str] = "proses"  # matrix symbol: "proses", "keputusan" or "sebar"
    fans_out: ClassVar[bool] = False  # one task per unit, joined (a fan-out)
    # keys of the format only this kind has (the loader names the kind when another kind uses them)
    own_keys: ClassVar[tuple[str, ...]] = ()

    # -- the graph: one function for the engine and the loader ------------------------------------------
    def exits(self, step: Mapping[str, Any] | StepBase, following: Target) -> list[tuple[Any, str | None]]:
        """Every way out of ``step`` with its label; ``following`` is the next step in the file (or END)."""
        lanjut = get(step, "lanjut")
        return [(lanjut if lanjut is not None else following, None)]

    def next(self, defn: SopDefinition, step: StepBase, decision: bool | None) -> Target:
        target: Target = self.exits(step, defn.following(step))[0][0]
        return target

    # -- who works it ------------------------------------------------------------------------------------
    def first_lane(self, defn: SopDefinition, step: StepBase) -> str:
        """The lane of the step's first task (the starter's lane for a SOP's first step)."""
        return step.pelaksana

    def lanes_used(self, step: Mapping[str, Any] | StepBase) -> list[tuple[tuple[str, ...], Any, bool]]:
        """(path under the step, lane code, must be a column) for every lane the step names."""
        return [(("pelaksana",), get(step, "pelaksana"), True)]

    def check(
        self, step: Mapping[str, Any], lanes: Mapping[str, Mapping[str, Any]]
    ) -> list[tuple[tuple[str, ...], str]]:
        """Cross-field rules pydantic cannot express (e.g. a fan-out's lane must have its role)."""
        return []

    # -- running -------------------------------------------------------------------------------------------
    def open(self, engine: Engine, case: Case, step: StepBase, now: dt.datetime) -> list[Task]:
        """Open the step's task(s). Default: one task for the step's lane (for the case's unit when the
        lane's role is bound to a unit)."""
        return [engine.new_task(case, step, self.first_lane(case.definition, step), now)]

    def needs_decision(self, step: StepBase) -> bool:
        return False

    def step_done(self, engine: Engine, task: Task) -> bool:
        """Whether completing ``task`` completes its step (a fan-out waits for every unit)."""
        return True

    def describe(self, defn: SopDefinition, step: StepBase) -> str:
        """A sentence for the matrix's notes and the task page (empty when nothing to add)."""
        lanjut = get(step, "lanjut")
        return f"Lanjut ke {target_text(lanjut)}." if lanjut is not None else ""

    def badges(self, defn: SopDefinition, step: StepBase) -> list[tuple[str, str]]:
        """(lane, badge) pairs drawn in other lanes' columns (e.g. "paraf 1", "ttd")."""
        return []
