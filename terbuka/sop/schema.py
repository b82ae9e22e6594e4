"""The SOP file format (``format: terbuka-sop/1``): pydantic models, keys in the Permenpan-RB vocabulary.

DOMAIN.md §7 gives the layout: identity block, dasar hukum, kualifikasi pelaksana, keterkaitan,
peralatan/perlengkapan, peringatan, pencatatan dan pendataan; then the table No | Kegiatan | one lane per
Pelaksana | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan.

This module is the contract between the loader/validator (``loader.py``: YAML with line numbers, graph
checks) and the engine (cases and tasks). Keys are Indonesian because officials write these files;
attribute names are the same keys.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from terbuka.core.roles import Role

END: Final = "selesai"  # the terminator: a target meaning "the SOP ends here"

StepNo = int
Target = int | Literal["selesai"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Signer(Strict):
    jabatan: str
    nama: str = ""
    pangkat: str = ""
    nip: str = ""


class Identity(Strict):
    nomor: str = ""
    nama: str
    instansi: list[str] = Field(default_factory=list, description="baris kop: pemerintah, dinas, bidang")
    tanggal_pembuatan: dt.date | None = None
    tanggal_revisi: dt.date | None = None
    tanggal_efektif: dt.date | None = None
    disahkan_oleh: Signer | None = None
    # some SOPs also print who drafted and who checked the SOP (Kupang's footer)
    disusun_oleh: Signer | None = None
    diperiksa_oleh: Signer | None = None


class Lane(Strict):
    """A pelaksana column, bound to a role. ``kode`` is how steps name it."""

    kode: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    nama: str
    peran: Role
    kolom: bool = Field(
        default=True,
        description="tampil sebagai kolom di matriks; false: pejabat yang hanya memaraf (mis. Kabag Hukum)",
    )


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
            return cls(text=text, kind="jam" if unit == "jam" else "hari_kerja", amount=int(m.group("n")))
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
            return 0  # within the working day the task opens on
        return None  # tentatif, setiap saat, sesuai peraturan perundang-undangan


class FanOut(Strict):
    """``sebar``: one task per unit whose holders have ``peran``; joined when all answered or time ran out."""

    peran: Role = Role.PPID_PEMBANTU


class SignOff(Strict):
    """``paraf``: initials by several lanes in order, then a signature by one lane."""

    paraf: list[str] = Field(default_factory=list, description="kode pelaksana, berurutan")
    tanda_tangan: str


class Step(Strict):
    no: StepNo = Field(ge=1)
    kegiatan: str = Field(min_length=1, description="uraian asli dari SOP sumber")
    pelaksana: str = Field(description="kode pelaksana (lane)")
    kelengkapan: list[str] = Field(default_factory=list)
    waktu: str = "tentatif"
    output: list[str] = Field(default_factory=list)
    keterangan: str = ""
    jenis: Literal["biasa", "keputusan", "sebar", "paraf"] = "biasa"
    # keputusan (decision): a question with two targets, which may loop back.
    pertanyaan: str | None = None
    ya: Target | None = None
    tidak: Target | None = None
    # sebar (fan-out) and paraf (sign-off chain)
    sebar: FanOut | None = None
    paraf: SignOff | None = None
    # where an ordinary step goes next: the next number by default, or an explicit target.
    lanjut: Target | None = None
    aksi: str | None = Field(default=None, description="nama aksi domain terdaftar")

    @field_validator("kelengkapan", "output", mode="before")
    @classmethod
    def _listify(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("ya", "tidak", "lanjut", mode="before")
    @classmethod
    def _target(cls, v: object) -> object:
        if v is None or v == END or (isinstance(v, int) and not isinstance(v, bool)):
            return v
        raise ValueError(f"tujuan harus nomor langkah atau '{END}', bukan {v!r}")

    @field_validator("waktu")
    @classmethod
    def _waktu(cls, v: str) -> str:
        Duration.parse(v)  # raises ValueError with the Indonesian message
        return v

    @property
    def duration(self) -> Duration:
        return Duration.parse(self.waktu)


class SopDefinition(Strict):
    format: Literal["terbuka-sop/1"]
    identitas: Identity
    dasar_hukum: list[str] = Field(default_factory=list)
    kualifikasi_pelaksana: list[str] = Field(default_factory=list)
    keterkaitan: list[str] = Field(default_factory=list)
    peralatan: list[str] = Field(default_factory=list)
    peringatan: list[str] = Field(default_factory=list)
    pencatatan: list[str] = Field(default_factory=list)
    pelaksana: list[Lane] = Field(min_length=1)
    langkah: list[Step] = Field(min_length=1)

    # -- navigation used by the engine and the matrix ---------------------------------------------------
    def lane(self, kode: str) -> Lane:
        return next(lane for lane in self.pelaksana if lane.kode == kode)

    def step(self, no: int) -> Step:
        return next(s for s in self.langkah if s.no == no)

    @property
    def first(self) -> Step:
        return self.langkah[0]

    @property
    def last(self) -> Step:
        return self.langkah[-1]

    def columns(self) -> list[Lane]:
        """The lanes drawn as matrix columns (``kolom: true``), in file order."""
        return [lane for lane in self.pelaksana if lane.kolom]

    def exits(self, step: Step) -> list[tuple[Target, str | None]]:
        """Every way out of ``step`` with its label: ``[(ya, "Ya"), (tidak, "Tidak")]`` for a decision."""
        out: list[tuple[Target, str | None]]
        if step.jenis == "keputusan":
            assert step.ya is not None and step.tidak is not None
            out = [(step.ya, "Ya"), (step.tidak, "Tidak")]
        else:
            out = [(self.successors(step), None)]
        return out

    def successors(self, step: Step, decision: bool | None = None) -> Target:
        """Where the case goes after ``step``; for a decision, pass the answer (True = ya)."""
        if step.jenis == "keputusan":
            if decision is None:
                raise ValueError(f"langkah {step.no} adalah keputusan: jawaban ya/tidak wajib")
            target = step.ya if decision else step.tidak
            assert target is not None
            return target
        if step.lanjut is not None:
            return step.lanjut
        idx = self.langkah.index(step)
        return self.langkah[idx + 1].no if idx + 1 < len(self.langkah) else END

    def total_working_days(self) -> int:
        """The sum of the mutu baku in working days (steps without a limit count 0)."""
        return sum(s.duration.working_days() or 0 for s in self.langkah)
