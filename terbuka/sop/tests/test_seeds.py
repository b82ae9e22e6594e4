"""The shipped SOPs in sops/: they validate, and the five seeds keep the sources' wording."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from terbuka.sop.actions import names
from terbuka.sop.loader import load_file
from terbuka.sop.steps.paraf import ParafStep

ROOT = Path(__file__).resolve().parents[3]
SOPS = sorted((ROOT / "sops").glob("*.yaml"))
SEEDS = ROOT / "sops" / "sources"
SOURCES = {
    "kota-serang-usulan-dik.yaml": "000_2acc12518b1fc09f.txt",
    "kota-kupang-usulan-dik.yaml": "001_721311fb06268952.txt",
    "kota-bontang-pengamanan-dik.yaml": "002_19514e7f26cd8938.txt",
    "kabupaten-serang-dip.yaml": "003_05f3ce63773c5332.txt",
    "provinsi-kalimantan-barat-uji-konsekuensi.yaml": "004_788e5cbac3234346.txt",
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_six_sops_are_shipped() -> None:
    assert {p.name for p in SOPS} == {*SOURCES, "contoh-keberatan.yaml"}


@pytest.mark.parametrize("path", SOPS, ids=lambda p: p.name)
def test_sop_file_validates_with_the_action_registry(path: Path) -> None:
    defn = load_file(str(path), actions=names())
    assert defn.langkah[0].no == 1
    assert [s.no for s in defn.langkah] == list(range(1, len(defn.langkah) + 1))


def test_validate_command_accepts_every_shipped_file() -> None:
    out = StringIO()
    call_command("sop", "validate", *map(str, SOPS), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(SOPS)
    assert all(line.startswith("OK ") for line in lines)
    assert f"OK {SOPS[0]} (8 langkah)" in lines  # contoh-keberatan


def test_validate_command_fails_on_a_broken_file() -> None:
    broken = Path(__file__).parent / "broken" / "05-tujuan-tidak-ada.yaml"
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("sop", "validate", str(SOPS[0]), str(broken), stdout=out)
    assert exc.value.returncode == 1
    assert out.getvalue().splitlines() == [
        f"OK {SOPS[0]} (8 langkah)",
        f"{broken}:14: langkah[no=1].tidak: langkah tujuan 7 tidak ada",
    ]


def test_schema_command_prints_json_schema() -> None:
    out = StringIO()
    call_command("sop", "schema", stdout=out)
    schema = json.loads(out.getvalue())
    assert "$defs" in schema and "properties" in schema
    assert {"format", "identitas", "pelaksana", "langkah"} <= set(schema["properties"])
    assert set(schema["required"]) == {"format", "identitas", "pelaksana", "langkah"}
    # one schema per step kind (a union on `jenis`), each with the common columns and its own keys
    kinds = {
        "BiasaStep": set(),
        "KeputusanStep": {"pertanyaan", "ya", "tidak"},
        "SebarStep": {"sebar"},
        "ParafStep": {"paraf"},
    }
    for name, own in kinds.items():
        step = schema["$defs"][name]["properties"]
        assert {
            "no",
            "kegiatan",
            "pelaksana",
            "kelengkapan",
            "waktu",
            "output",
            "keterangan",
            "jenis",
            *own,
        } <= set(step)
    assert "ppid_pembantu" in schema["$defs"]["Lane"]["properties"]["peran"]["examples"]
    assert out.getvalue().startswith("{\n  ")  # indented


@pytest.mark.parametrize("name", [n for n in SOURCES if "bontang" not in n])
def test_every_step_keeps_the_source_wording(name: str) -> None:
    """Bontang's OCR interleaves columns line by line, so its steps cannot be found verbatim."""
    source = _norm((SEEDS / SOURCES[name]).read_text(encoding="utf-8"))
    defn = load_file(str(ROOT / "sops" / name))
    for step in defn.langkah:
        assert _norm(step.kegiatan) in source, f"{name} langkah {step.no}"
        for doc in (*step.kelengkapan, *step.output):
            assert _norm(doc) in source, f"{name} langkah {step.no}: {doc}"


def test_kupang_keeps_its_durations_and_fan_out() -> None:
    defn = load_file(str(ROOT / "sops" / "kota-kupang-usulan-dik.yaml"))
    assert [s.duration.working_days() for s in defn.langkah] == [1, 1, 5, 3, 3, 1, 3, 1, 1, 1]
    assert defn.total_working_days() == 20
    fan = defn.step(3)
    assert fan.jenis == "sebar" and defn.lane(fan.pelaksana).peran == "ppid_pembantu"
    two = defn.step(2)
    assert isinstance(two, ParafStep) and two.paraf.tanda_tangan == "kepala_dinas"
    assert defn.lane("bupati").nama == "Bupati"  # the slip is kept
    assert defn.identitas.disahkan_oleh is not None
    assert defn.identitas.disahkan_oleh.nip == "19860429 200412 1 001"


def test_serang_paraf_chains_and_fan_out() -> None:
    defn = load_file(str(ROOT / "sops" / "kota-serang-usulan-dik.yaml"))
    five, nine = defn.step(5), defn.step(9)
    assert isinstance(five, ParafStep) and isinstance(nine, ParafStep)
    assert (five.paraf.paraf, five.paraf.tanda_tangan) == (
        ["kabag_hukum", "asda_1"],
        "atasan_ppid",
    )
    assert (nine.paraf.paraf, nine.paraf.tanda_tangan) == (
        ["kabag_hukum", "asda_1", "atasan_ppid"],
        "walikota",
    )
    assert defn.step(2).jenis == "sebar"
    assert [lane.nama for lane in defn.columns()] == [
        "PETUGAS PLID",
        "KEPALA DINAS KOMINFO",
        "ATASAN PPID",
        "PPID PEMBANTU",
        "TEAM UJI KONSEKUENSI",
        "WALIKOTA",
    ]
    assert all(s.waktu == "tentatif" for s in defn.langkah)


def test_decisions_of_bontang_and_kalimantan_barat() -> None:
    bontang = load_file(str(ROOT / "sops" / "kota-bontang-pengamanan-dik.yaml"))
    one = bontang.step(1)
    assert one.jenis == "keputusan"
    assert (bontang.successors(one, True), bontang.successors(one, False)) == (2, 1)
    kalbar = load_file(str(ROOT / "sops" / "provinsi-kalimantan-barat-uji-konsekuensi.yaml"))
    four = kalbar.step(4)
    assert (kalbar.successors(four, True), kalbar.successors(four, False)) == (5, 8)
    assert kalbar.identitas.tanggal_pembuatan is not None
    assert kalbar.identitas.tanggal_pembuatan.year == 2029  # the source's slip, kept
    assert {s.duration.kind for s in kalbar.langkah} == {"setiap_saat", "jam_kerja"}


def test_keberatan_follows_the_statute() -> None:
    defn = load_file(str(ROOT / "sops" / "contoh-keberatan.yaml"))
    assert defn.step(1).duration.working_days() == 30
    decision = defn.step(4)
    assert decision.jenis == "keputusan" and defn.lane(decision.pelaksana).peran == "atasan_ppid"
    # on either branch the Atasan PPID's answer is due within 30 working days of receipt (steps 2-6)
    for answer in (5, 6):
        days = sum(defn.step(n).duration.working_days() or 0 for n in (2, 3, 4, answer))
        assert days == 30
    assert defn.successors(defn.step(5)) == 7
