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
from functools import cached_property
from typing import Literal

from pydantic import Field

from terbuka.core.roles import Role

from .steps import END, KINDS, Duration, Step, StepBase, Target, kind_of
from .steps.base import Strict

StepNo = int


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
    """A pelaksana column, bound to a role. ``kode`` is how steps name it.

    ``peran`` is a built-in role (``terbuka.core.roles.Role``) or a role the body defines for itself
    (``core.BodyRole``); the loader checks it against the roles it is given."""

    kode: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    nama: str
    peran: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="peran bawaan atau peran khusus badan publik",
        json_schema_extra={"examples": list(Role.values)},
    )
    kolom: bool = Field(
        default=True,
        description="tampil sebagai kolom di matriks; false: pejabat yang hanya memaraf (mis. Kabag Hukum)",
    )


class SopDefinition(Strict):
    format: Literal["terbuka-sop/1"]
    identitas: Identity
    dasar_hukum: list[str] = Field(default_factory=list)
    kualifikasi_pelaksana: list[str] = Field(default_factory=list)
    keterkaitan: list[str] = Field(default_factory=list)
    peralatan: list[str] = Field(default_factory=list)
    peringatan: list[str] = Field(default_factory=list)
    pencatatan: list[str] = Field(default_factory=list)
    jam_hukum: list[str] = Field(
        default_factory=list,
        description="tenggat menurut undang-undang yang berjalan sejak proses dimulai (core.clocks.KINDS)",
    )
    pelaksana: list[Lane] = Field(min_length=1)
    langkah: list[Step] = Field(min_length=1)

    # -- navigation used by the engine and the matrix ---------------------------------------------------
    def lane(self, kode: str) -> Lane:
        return next(lane for lane in self.pelaksana if lane.kode == kode)

    def has_lane(self, kode: str) -> bool:
        return any(lane.kode == kode for lane in self.pelaksana)

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

    def following(self, step: StepBase) -> Target:
        """The step after ``step`` in the file, or the end."""
        idx = next(i for i, s in enumerate(self.langkah) if s.no == step.no)
        return self.langkah[idx + 1].no if idx + 1 < len(self.langkah) else END

    def exits(self, step: StepBase) -> list[tuple[Target, str | None]]:
        """Every way out of ``step`` with its label: ``[(ya, "Ya"), (tidak, "Tidak")]`` for a decision."""
        return kind_of(step).exits(step, self.following(step))

    def successors(self, step: StepBase, decision: bool | None = None) -> Target:
        """Where the case goes after ``step``; for a decision, pass the answer (True = ya)."""
        return kind_of(step).next(self, step, decision)

    @cached_property
    def ancestors(self) -> dict[int, frozenset[int]]:
        """Step number -> the steps that can come before it on some path from the first step."""
        edges = {s.no: [t for t, _ in self.exits(s) if isinstance(t, int)] for s in self.langkah}
        before: dict[int, set[int]] = {s.no: set() for s in self.langkah}
        changed = True
        while changed:
            changed = False
            for no, targets in edges.items():
                for t in targets:
                    new = before[no] | {no}
                    if not new <= before[t]:
                        before[t] |= new
                        changed = True
        return {no: frozenset(steps) for no, steps in before.items()}

    def role_of(self, lane: str) -> str:
        return self.lane(lane).peran

    def total_working_days(self) -> int:
        """The sum of the mutu baku in working days (steps without a limit count 0)."""
        return sum(s.duration.working_days() or 0 for s in self.langkah)


__all__ = ["END", "KINDS", "Duration", "Identity", "Lane", "SopDefinition", "Step", "StepBase", "Target"]
