"""The SOP loader: every problem reported with file, line, field and an Indonesian message."""

from __future__ import annotations

from pathlib import Path

import pytest

from terbuka.core.roles import Role
from terbuka.sop.loader import Problem, SopFileError, load_definition
from terbuka.sop.schema import END, Duration

BROKEN = Path(__file__).parent / "broken"
WAKTU_HINT = (
    "tulis 'N hari kerja', 'N hari', 'N jam', 'setiap saat', 'tentatif', 'pada hari dan jam kerja' "
    "atau 'sesuai peraturan perundang-undangan'"
)

EXPECTED = {
    "01-yaml-rusak.yaml": [
        "01-yaml-rusak.yaml:10: yaml: YAML tidak sah: while parsing a flow sequence "
        "expected ',' or ']', but got '<stream end>'",
    ],
    "02-kunci-tidak-dikenal.yaml": [
        "02-kunci-tidak-dikenal.yaml:8: langkah[no=1].kegiatan: wajib diisi",
        "02-kunci-tidak-dikenal.yaml:9: langkah[no=1].kegiatn: kunci tidak dikenal: 'kegiatn' "
        "(maksudnya 'kegiatan'?)",
    ],
    "03-pelaksana-tidak-dikenal.yaml": [
        "03-pelaksana-tidak-dikenal.yaml:10: langkah[no=1].pelaksana: pelaksana tidak dikenal: 'walikota'; "
        "yang ada: petugas, atasan",
    ],
    "04-peran-tidak-dikenal.yaml": [
        "04-peran-tidak-dikenal.yaml:5: pelaksana[kode=petugas].peran: peran tidak dikenal: 'sekretaris'; "
        "pilih salah satu: petugas, ppid, ppid_pembantu, atasan_ppid, tim_uji, kepala_daerah, kabag_hukum, "
        "asisten, kepala_dinas, admin, pemohon",
    ],
    "05-tujuan-tidak-ada.yaml": [
        "05-tujuan-tidak-ada.yaml:14: langkah[no=1].tidak: langkah tujuan 7 tidak ada",
    ],
    "06-tidak-tercapai.yaml": [
        "06-tidak-tercapai.yaml:12: langkah[no=2]: langkah 2 tidak dapat dicapai dari langkah pertama (no 1)",
    ],
    "07-putaran-tanpa-akhir.yaml": [
        f"07-putaran-tanpa-akhir.yaml:{line}: langkah[no={no}]: tidak ada jalan dari langkah {no} "
        "ke 'selesai' (putaran tanpa jalan keluar)"
        for line, no in ((8, 1), (11, 2), (15, 3))
    ],
    "08-nomor-ganda.yaml": [
        "08-nomor-ganda.yaml:11: langkah[no=1].no: nomor langkah 1 ganda (sudah dipakai di baris 8)",
    ],
    "09-waktu-tak-terbaca.yaml": [
        f"09-waktu-tak-terbaca.yaml:11: langkah[no=1].waktu: waktu tidak terbaca: '2 minggu'; {WAKTU_HINT}",
        f"09-waktu-tak-terbaca.yaml:15: langkah[no=2].waktu: waktu tidak terbaca: 'segera'; {WAKTU_HINT}",
    ],
    "10-keputusan-tidak-lengkap.yaml": [
        "10-keputusan-tidak-lengkap.yaml:8: langkah[no=1].pertanyaan: "
        "langkah keputusan wajib punya 'pertanyaan'",
        "10-keputusan-tidak-lengkap.yaml:8: langkah[no=1].tidak: langkah keputusan wajib punya 'tidak'",
        "10-keputusan-tidak-lengkap.yaml:16: langkah[no=2].tidak: 'tidak' hanya untuk langkah berjenis "
        "keputusan (jenis: biasa)",
    ],
    "11-sebar-dan-paraf.yaml": [
        "11-sebar-dan-paraf.yaml:8: langkah[no=1].sebar: langkah sebar wajib punya blok 'sebar' "
        "(mis. sebar: {peran: ppid_pembantu})",
        "11-sebar-dan-paraf.yaml:12: langkah[no=2].paraf: langkah paraf wajib punya blok 'paraf' "
        "(paraf: [...], tanda_tangan: ...)",
        "11-sebar-dan-paraf.yaml:19: langkah[no=3].paraf: 'paraf' hanya untuk langkah berjenis paraf "
        "(jenis: biasa)",
    ],
    "12-kode-pelaksana-ganda.yaml": [
        "12-kode-pelaksana-ganda.yaml:6: pelaksana[kode=petugas].kode: kode pelaksana 'petugas' ganda "
        "(sudah dipakai di baris 5)",
        "12-kode-pelaksana-ganda.yaml:11: langkah[no=1].aksi: aksi tidak dikenal: 'terbangkan_drone'; "
        "yang terdaftar: setujui, unggah_dokumen",
    ],
    "13-tipe-salah.yaml": [
        "13-tipe-salah.yaml:1: format: harus salah satu dari 'terbuka-sop/1', bukan 'terbuka-sop/2'",
        "13-tipe-salah.yaml:4: identitas.tanggal_efektif: tanggal tidak sah: '30 April 2019'; "
        "tulis TTTT-BB-HH, mis. 2019-04-30",
        "13-tipe-salah.yaml:5: dasar_hukum: harus berupa daftar (butir-butir diawali '- ')",
        "13-tipe-salah.yaml:7: pelaksana[kode=Petugas PLID].kode: kode tidak sah: 'Petugas PLID'; "
        "pakai huruf kecil, angka dan '_', diawali huruf (mis. petugas_plid)",
        "13-tipe-salah.yaml:9: langkah[ke-1].no: harus berupa bilangan bulat, bukan 'satu'",
        "13-tipe-salah.yaml:11: langkah[ke-1].pelaksana: pelaksana tidak dikenal: 'petugas'; "
        "yang ada: Petugas PLID",
    ],
}


def test_every_broken_file_has_expectations() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_exact_problems(name: str) -> None:
    text = (BROKEN / name).read_text(encoding="utf-8")
    with pytest.raises(SopFileError) as exc:
        load_definition(text, name, actions=["setujui", "unggah_dokumen"], roles=Role.values)
    assert [str(p) for p in exc.value.problems] == EXPECTED[name]
    assert str(exc.value) == "\n".join(EXPECTED[name])


def test_problem_format() -> None:
    assert str(Problem("a.yaml", 3, "langkah[no=2].waktu", "salah")) == "a.yaml:3: langkah[no=2].waktu: salah"


def test_unknown_action_only_checked_when_registry_given() -> None:
    text = (BROKEN / "12-kode-pelaksana-ganda.yaml").read_text(encoding="utf-8")
    with pytest.raises(SopFileError) as exc:
        load_definition(text, "x.yaml")
    assert [p.field for p in exc.value.problems] == ["pelaksana[kode=petugas].kode"]


MINIMAL = """\
format: terbuka-sop/1
identitas: {nama: Uji}
pelaksana:
  - {kode: petugas, nama: Petugas, peran: petugas}
  - {kode: atasan, nama: Atasan, peran: atasan_ppid}
langkah:
  - no: 1
    kegiatan: Menerima
    pelaksana: petugas
  - no: 2
    kegiatan: Memeriksa kelengkapan
    pelaksana: atasan
    jenis: keputusan
    pertanyaan: Lengkap?
    ya: 3
    tidak: 1
  - no: 3
    kegiatan: Menjawab
    pelaksana: petugas
    waktu: 2 hari kerja
"""


def test_yaml_no_key_is_not_a_boolean_and_decision_loop() -> None:
    defn = load_definition(MINIMAL)
    assert [s.no for s in defn.langkah] == [1, 2, 3]
    check = defn.step(2)
    assert defn.successors(check, decision=True) == 3
    assert defn.successors(check, decision=False) == 1  # loops back
    assert defn.successors(defn.step(1)) == 2
    assert defn.successors(defn.step(3)) == END
    assert defn.exits(check) == [(3, "Ya"), (1, "Tidak")]
    with pytest.raises(ValueError, match="keputusan"):
        defn.successors(check)
    assert defn.total_working_days() == 2


def test_a_loop_with_an_exit_is_valid_but_a_closed_one_is_not() -> None:
    closed = MINIMAL.replace("ya: 3", "ya: 2")
    with pytest.raises(SopFileError) as exc:
        load_definition(closed, "c.yaml")
    messages = [str(p) for p in exc.value.problems]
    assert "c.yaml:17: langkah[no=3]: langkah 3 tidak dapat dicapai dari langkah pertama (no 1)" in messages
    assert any("langkah[no=1]: tidak ada jalan dari langkah 1 ke 'selesai'" in m for m in messages)


def test_not_a_mapping() -> None:
    with pytest.raises(SopFileError) as exc:
        load_definition("- a\n- b\n", "l.yaml")
    assert str(exc.value) == "l.yaml:1: berkas: isi berkas harus berupa pemetaan (kunci: nilai)"


def test_duplicate_yaml_key() -> None:
    with pytest.raises(SopFileError) as exc:
        load_definition(
            MINIMAL.replace("    waktu: 2 hari kerja", "    waktu: 2 hari kerja\n    waktu: 1 jam"), "d.yaml"
        )
    assert [str(p) for p in exc.value.problems] == [
        "d.yaml:21: langkah[no=3].waktu: kunci 'waktu' ganda (sudah ada di baris 20)"
    ]


@pytest.mark.parametrize(
    ("text", "kind", "amount", "days"),
    [
        ("1 Hari", "hari_kerja", 1, 1),
        ("30 hari kerja", "hari_kerja", 30, 30),
        ("12 jam", "jam", 12, 2),
        ("8 jam", "jam", 8, 1),
        ("Setiap Saat", "setiap_saat", None, None),
        ("tentatif", "tentatif", None, None),
        ("Pada hari dan jam kerja", "jam_kerja", None, 0),
        ("sesuai peraturan perundang-undangan", "sesuai_peraturan", None, None),
    ],
)
def test_duration_parsing(text: str, kind: str, amount: int | None, days: int | None) -> None:
    d = Duration.parse(text)
    assert (d.kind, d.amount, d.working_days(), d.text) == (kind, amount, days, text)


@pytest.mark.parametrize("text", ["", "2 minggu", "segera", "hari", "-1 hari"])
def test_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="waktu tidak terbaca"):
        Duration.parse(text)


def test_the_documented_example_loads() -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "sop-format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    defn = load_definition(example, "docs/sop-format.md", actions=["unggah_dokumen"])
    assert [s.jenis for s in defn.langkah] == ["biasa", "sebar", "keputusan", "paraf"]
    assert [lane.kode for lane in defn.columns()] == ["pemohon", "petugas", "pembantu", "atasan"]
