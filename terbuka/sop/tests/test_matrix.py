"""The Permenpan matrix picture of a SOP, as HTML and PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from terbuka.sop.loader import load_file
from terbuka.sop.matrix import plan, render_html, render_pdf

SOPS = Path(__file__).resolve().parents[3] / "sops"


def _load(name: str):  # -> SopDefinition
    return load_file(str(SOPS / f"{name}.yaml"))


def _row(html: str, no: int) -> str:
    m = re.search(rf'<tr id="langkah-{no}".*?</tr>', html, re.S)
    assert m, no
    return m.group(0)


def test_html_has_one_lane_column_per_lane_and_a_symbol_per_row() -> None:
    defn = _load("kota-serang-usulan-dik")
    html = render_html(defn)
    headers = re.findall(r'<th class="sop-lane" scope="col">(.*?)</th>', html)
    assert headers == [lane.nama for lane in defn.columns()]
    assert "Kabag Hukum" not in headers  # a sign-off lane, not a column
    for step in defn.langkah:
        row = _row(html, step.no)
        assert row.count('<td class="sop-cell"') == len(headers)
        assert row.count(f'aria-label="Langkah {step.no}"') == 1
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_symbols_capsule_box_and_diamond() -> None:
    defn = _load("provinsi-kalimantan-barat-uji-konsekuensi")
    html = render_html(defn)
    first, decision, middle, last = (_row(html, n) for n in (1, 4, 2, 10))
    assert 'rx="10.0"' in first and 'rx="10.0"' in last  # terminators
    assert 'points="32.0,7.0 47.0,20.0 32.0,33.0 17.0,20.0"' in decision  # the diamond
    assert ">Ya<" in decision and ">Tidak<" in decision
    assert '<rect x="14.0" y="10.0" width="36.0" height="20.0" fill' in middle  # a plain box
    assert 'rx="10.0"' not in middle
    # the Tidak branch jumps over steps in the target's lane: an off-page connector pair with one letter
    assert "A: dari langkah 4 (Tidak) ke langkah 8" in html
    assert ">A</text>" in _row(html, 8)


def test_consecutive_symbols_across_lanes_are_joined() -> None:
    defn = _load("kota-kupang-usulan-dik")
    p = plan(defn)
    lane = {s.no: r.lane for s, r in zip(defn.langkah, p.rows, strict=True)}
    # step 2 (Petugas PLID) -> step 3 (PPID Pembantu, to its left): a line leaves left in row 2 ...
    row2, row3 = p.rows[1], p.rows[2]
    assert "left" in row2.segs[lane[2]]
    assert {"right", "bottom"} <= row2.segs[lane[3]]
    # ... and enters step 3 from the top with an arrowhead
    assert "top" in row3.segs[lane[3]] and row3.arrow_in
    assert p.notes == []  # every edge of Kupang is drawn as a line on one page


def test_decision_loop_back_uses_connectors() -> None:
    defn = _load("kota-bontang-pengamanan-dik")
    p = plan(defn)
    assert p.notes == ["A: dari langkah 1 (Tidak) ke langkah 1"]
    assert [(c.letter, c.outgoing, c.label) for c in p.rows[0].connectors] == [("A", True, "Tidak")]


def test_progress_is_drawn_with_a_legend() -> None:
    defn = _load("kota-kupang-usulan-dik")
    html = render_html(defn, {1: "done", 2: "current", 3: "late"}, with_identity=False)
    assert 'fill="#c8e6c9"' in _row(html, 1)
    assert 'stroke="#1565c0" stroke-width="3.0"' in _row(html, 2)
    assert 'fill="#ffcdd2"' in _row(html, 3)
    assert 'class="sop-legend"' in html and "terlambat" in html
    assert "Nomor SOP" not in html
    assert 'class="sop-legend"' not in render_html(defn)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
@pytest.mark.parametrize(
    "name",
    ["kota-serang-usulan-dik", "provinsi-kalimantan-barat-uji-konsekuensi", "contoh-keberatan"],
)
def test_pdf_text_has_lanes_identity_and_wording(name: str, tmp_path: Path) -> None:
    defn = _load(name)
    pdf = render_pdf(defn, {1: "done", 2: "current"})
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "sop.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    for lane in defn.columns():
        for word in lane.nama.split():
            assert word in flat, lane.nama
    assert "Nomor SOP" in flat and "Dasar Hukum" in flat and "Kualifikasi Pelaksana" in flat
    assert "Mutu Baku" in flat and "Kelengkapan" in flat
    words = defn.step(2).kegiatan.split()[:4]
    assert " ".join(words) in flat
    assert re.search(r"Halaman 1 dari \d", flat)
