"""Build every kind's ``template.docx`` (docxtpl) with python-docx. Run after changing a layout:

    .venv/bin/python -m terbuka.documents.kinds.build_templates

The templates follow the tata naskah dinas layout (Permendagri 1/2023 style): kop surat with logo and a
double rule under it; Nomor/Sifat/Lampiran/Hal; place and date; "Yth."; body; signature block with
jabatan (Plt./Plh., a.n.), name, rank and NIP; tembusan; a paraf table; a QR code for verification.
Jinja tags are plain text in the DOCX, so a body can open the file in Word, change the look and upload it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
FONT = "Arial"
CENTER, RIGHT, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _bottom_rule(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), "24")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)
    p_pr.append(bdr)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


class Builder:
    """A DOCX under construction; ``cell`` switches where paragraphs go."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(12)
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        pf = style.paragraph_format
        pf.space_after = Pt(0)
        pf.space_before = Pt(0)
        pf.line_spacing = 1.0
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if landscape:
            self._landscape(section)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
        self.target: docx.document.Document | _Cell = self.doc
        self.landscape = landscape

    @staticmethod
    def _landscape(section: Section) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)

    @property
    def width_cm(self) -> float:
        return 29.7 - 4.5 if self.landscape else 21.0 - 4.5

    # -- paragraphs ---------------------------------------------------------------------------------
    def p(
        self,
        text: str = "",
        *,
        bold: bool = False,
        size: float | None = None,
        align: WD_ALIGN_PARAGRAPH | None = None,
        first_indent: float | None = None,
        left_indent: float | None = None,
        after: float = 0,
        before: float = 0,
        underline: bool = False,
        italic: bool = False,
    ) -> Paragraph:
        par = self.target.add_paragraph()
        if text:
            run = par.add_run(text)
            run.bold = bold or None
            run.underline = underline or None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        if align is not None:
            par.alignment = align
        pf = par.paragraph_format
        if first_indent is not None:
            pf.first_line_indent = Cm(first_indent)
        if left_indent is not None:
            pf.left_indent = Cm(left_indent)
        pf.space_after = Pt(after)
        pf.space_before = Pt(before)
        return par

    def tag(self, text: str) -> None:
        """A paragraph holding only a ``{%p ... %}`` tag (docxtpl removes the paragraph)."""
        self.target.add_paragraph(text)

    def in_cell(self, cell: _Cell) -> Builder:
        sub = Builder.__new__(Builder)
        sub.doc, sub.target, sub.landscape = self.doc, cell, self.landscape
        # python-docx cells start with one empty paragraph: reuse it for the first write.
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)
        return sub

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- tables -------------------------------------------------------------------------------------
    def table(self, rows: int, widths: list[float], *, grid: bool = False) -> Table:
        t = self.target.add_table(rows=rows, cols=len(widths))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER if grid else WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        if grid:
            t.style = self.doc.styles["Table Grid"]
        else:
            _no_borders(t)
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
        # LibreOffice lays out by the grid, not by cell widths: set both, and a fixed layout.
        for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(int(Cm(w).twips)))
        tbl_pr = t._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        return t

    def kv(
        self, rows: Iterable[tuple[str, str]], widths: tuple[float, float, float] = (3.0, 0.4, 12.6)
    ) -> None:
        rows = list(rows)
        t = self.table(len(rows), list(widths))
        for r, (label, value) in enumerate(rows):
            cells = t.rows[r].cells
            cells[0].paragraphs[0].add_run(label)
            cells[1].paragraphs[0].add_run(":")
            cells[2].paragraphs[0].add_run(value)

    def grid(
        self,
        headers: list[str],
        cells: list[str],
        widths: list[float],
        *,
        loop: str,
        size: float = 10,
        numbers_row: bool = False,
    ) -> Table:
        """A bordered table: header row, then ``{%tr for … %}`` row, data row, ``{%tr endfor %}``."""
        extra = 1 if numbers_row else 0
        t = self.table(4 + extra, widths, grid=True)
        for i, h in enumerate(headers):
            par = t.rows[0].cells[i].paragraphs[0]
            run = par.add_run(h)
            run.bold = True
            run.font.size = Pt(size)
            par.alignment = CENTER
        _repeat_header(t.rows[0])
        if numbers_row:
            for i in range(len(headers)):
                par = t.rows[1].cells[i].paragraphs[0]
                run = par.add_run(str(i + 1))
                run.font.size = Pt(size - 1)
                run.italic = True
                par.alignment = CENTER
            _repeat_header(t.rows[1])
        t.rows[1 + extra].cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
        for i, c in enumerate(cells):
            par = t.rows[2 + extra].cells[i].paragraphs[0]
            run = par.add_run(c)
            run.font.size = Pt(size)
            if i == 0:
                par.alignment = CENTER
        t.rows[3 + extra].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        return t

    # -- blocks of an official letter ------------------------------------------------------------------
    def kop(self) -> None:
        t = self.table(1, [2.3, self.width_cm - 4.6, 2.3])
        logo = t.rows[0].cells[0].paragraphs[0]
        logo.add_run("{{ kop.logo }}")
        logo.alignment = CENTER
        right = self.in_cell(t.rows[0].cells[1])
        right.p("{{ kop.pemerintah }}", bold=True, size=14, align=CENTER)
        right.tag("{%p for baris in kop.instansi %}")
        right.p("{{ baris }}", bold=True, size=15, align=CENTER)
        right.tag("{%p endfor %}")
        right.p("{{ kop.alamat }}", size=10, align=CENTER)
        right.p("{{ kop.kontak }}", size=10, align=CENTER)
        rule = self.p("", size=4)
        _bottom_rule(rule)
        self.p("", after=6)

    def kop_kepala(self) -> None:
        """Kop of a regional head's decree: the emblem and the office name only."""
        par = self.p("", align=CENTER)
        par.add_run("{{ kop.logo }}")
        self.p("{{ kop.kepala }}", bold=True, size=14, align=CENTER, after=12)

    def date_right(self) -> None:
        self.p("{{ tempat }}, {{ tanggal }}", align=RIGHT, after=6)

    def meta(self) -> None:
        self.kv(
            [
                ("Nomor", "{{ nomor }}"),
                ("Sifat", "{{ sifat }}"),
                ("Lampiran", "{{ lampiran }}"),
                ("Hal", "{{ hal }}"),
            ]
        )
        self.p("", after=6)

    def addressee(self) -> None:
        self.p("Yth. {{ yth }}", left_indent=0)
        self.p("di", left_indent=0)
        self.p("{{ di }}", left_indent=1.0, after=12)

    def isi(self, var: str = "isi") -> None:
        self.tag("{%p for paragraf in " + var + " %}")
        self.p("{{ paragraf }}", align=JUSTIFY, first_indent=1.25, after=6)
        self.tag("{%p endfor %}")

    def signature(self, *, ditetapkan: bool = False) -> None:
        self.p("", after=6)
        t = self.table(1, [self.width_cm - 8.5, 8.5])
        tr_pr = t.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        left = self.in_cell(t.rows[0].cells[0])
        left.tag("{%p if qr %}")
        left.p("{{ qr }}")
        left.p("{{ verifikasi_teks }}", size=7)
        left.tag("{%p endif %}")
        right = self.in_cell(t.rows[0].cells[1])
        if ditetapkan:
            right.kv(
                [("Ditetapkan di", "{{ tempat }}"), ("pada tanggal", "{{ tanggal }}")], widths=(3.2, 0.4, 4.7)
            )
            right.p("", after=6)
        right.tag("{%p if ttd.an %}")
        right.p("{{ ttd.an }}", bold=True, align=CENTER)
        right.tag("{%p endif %}")
        right.p("{{ ttd.jabatan }},", bold=True, align=CENTER)
        right.tag("{%p if ttd.tanda %}")
        right.p("{{ ttd.tanda }}", size=8, italic=True, align=CENTER, before=6, after=6)
        right.tag("{%p else %}")
        right.p("", after=36)
        right.tag("{%p endif %}")
        right.p("{{ ttd.nama }}", bold=True, underline=True, align=CENTER)
        right.tag("{%p if ttd.pangkat %}")
        right.p("{{ ttd.pangkat }}", align=CENTER)
        right.tag("{%p endif %}")
        right.tag("{%p if ttd.nip %}")
        right.p("NIP. {{ ttd.nip }}", align=CENTER)
        right.tag("{%p endif %}")

    def tembusan(self) -> None:
        self.tag("{%p if tembusan %}")
        self.p("Tembusan:", before=12, size=11)
        self.tag("{%p for t in tembusan %}")
        self.p("{{ loop.index }}. {{ t }};", size=11, left_indent=0.3)
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")

    def paraf(self) -> None:
        self.tag("{%p if paraf %}")
        self.p("Paraf koordinasi:", size=8, before=10)
        t = self.table(4, [0.8, 6.0, 3.4, 2.4], grid=True)
        for i, h in enumerate(["No", "Jabatan", "Nama", "Paraf"]):
            run = t.rows[0].cells[i].paragraphs[0].add_run(h)
            run.bold = True
            run.font.size = Pt(8)
        t.rows[1].cells[0].paragraphs[0].add_run("{%tr for x in paraf %}")
        for i, c in enumerate(["{{ loop.index }}", "{{ x.jabatan }}", "{{ x.nama }}", "{{ x.tanda }}"]):
            t.rows[2].cells[i].paragraphs[0].add_run(c).font.size = Pt(8)
        t.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        self.tag("{%p endif %}")

    def title(self, *lines: str, number: bool = True) -> None:
        for i, line in enumerate(lines):
            self.p(line, bold=True, align=CENTER, underline=(i == len(lines) - 1 and number), size=12)
        if number:
            self.p("NOMOR: {{ nomor }}", align=CENTER, after=12)
        else:
            self.p("", after=12)

    def team_signatures(self) -> None:
        self.p("", after=6)
        t = self.grid(
            ["No", "Nama / NIP", "Jabatan dalam Tim", "Tanda Tangan"],
            [
                "{{ loop.index }}",
                "{{ a.nama }}{% if a.nip %}\nNIP. {{ a.nip }}{% endif %}",
                "{{ a.peran }}",
                "{{ a.tanda }}",
            ],
            [1.0, 6.5, 5.0, 4.0] if not self.landscape else [1.0, 9.0, 8.0, 7.2],
            loop="a in tim",
            size=10,
        )
        t.rows[2].height = Cm(1.2)  # room for a wet signature

    def save(self, slug: str) -> Path:
        path = HERE / slug / "template.docx"
        path.parent.mkdir(exist_ok=True)
        self.doc.core_properties.author = "Terbuka"
        self.doc.core_properties.title = slug
        self.doc.save(str(path))
        return path


# -- the kinds --------------------------------------------------------------------------------------------


def letter(slug: str, extra: Callable[[Builder], object] | None = None) -> Path:
    """The common letter: kop, date, meta, addressee, body, [extra], signature, tembusan, paraf."""
    b = Builder()
    b.kop()
    b.date_right()
    b.meta()
    b.addressee()
    b.isi()
    if extra is not None:
        extra(b)
        b.isi("penutup")
    b.signature()
    b.tembusan()
    b.paraf()
    return b.save(slug)


def nota_dinas() -> Path:
    b = Builder()
    b.kop()
    b.p("NOTA DINAS", bold=True, size=13, align=CENTER, after=8)
    b.kv(
        [
            ("Yth.", "{{ yth }}"),
            ("Dari", "{{ dari }}"),
            ("Tembusan", "{{ tembusan_ringkas }}"),
            ("Tanggal", "{{ tanggal }}"),
            ("Nomor", "{{ nomor }}"),
            ("Sifat", "{{ sifat }}"),
            ("Lampiran", "{{ lampiran }}"),
            ("Hal", "{{ hal }}"),
        ]
    )
    _bottom_rule(b.p("", size=4))
    b.p("", after=6)
    b.isi()
    b.signature()
    b.paraf()
    return b.save("nota_dinas")


def surat_undangan() -> Path:
    def acara(b: Builder) -> None:
        b.kv(
            [
                ("hari/tanggal", "{{ acara.hari_tanggal }}"),
                ("waktu", "{{ acara.waktu }}"),
                ("tempat", "{{ acara.tempat }}"),
                ("acara", "{{ acara.agenda }}"),
            ],
            widths=(3.5, 0.4, 11.0),
        )
        b.p("", after=6)

    return letter("surat_undangan", acara)


def surat_pengantar() -> Path:
    b = Builder()
    b.kop()
    b.date_right()
    b.p("Yth. {{ yth }}")
    b.p("di")
    b.p("{{ di }}", left_indent=1.0, after=12)
    b.title("SURAT PENGANTAR")
    b.grid(
        ["No", "Naskah Dinas/Barang yang Dikirimkan", "Banyaknya", "Keterangan"],
        ["{{ loop.index }}", "{{ r.uraian }}", "{{ r.banyaknya }}", "{{ r.keterangan }}"],
        [1.0, 8.5, 3.0, 4.0],
        loop="r in kiriman",
        size=11,
    )
    b.p("", after=6)
    t = b.table(1, [8.0, 8.5])
    left = b.in_cell(t.rows[0].cells[0])
    left.p("Diterima tanggal ....................", size=11)
    left.p("Penerima,", size=11, after=40)
    left.p("(.................................)", size=11)
    right = b.in_cell(t.rows[0].cells[1])
    right.p("Pengirim,", align=CENTER)
    b.signature()
    b.tembusan()
    b.paraf()
    return b.save("surat_pengantar")


def lembar_uji_konsekuensi() -> Path:
    b = Builder(landscape=True)
    b.kop()
    b.title("LEMBAR PENGUJIAN KONSEKUENSI", "{{ judul }}")
    b.p(
        "Pada hari ini {{ hari }} tanggal {{ tanggal_terbilang }}, bertempat di {{ tempat_rapat }}, telah "
        "dilakukan pengujian konsekuensi terhadap informasi yang dikecualikan oleh Tim Uji Konsekuensi "
        "{{ badan }} berdasarkan Pasal 2 ayat (4), Pasal 17 dan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 "
        "tentang Keterbukaan Informasi Publik, dengan hasil sebagai berikut:",
        align=JUSTIFY,
        after=8,
    )
    t = b.table(6, [1.0, 5.0, 2.6, 1.2, 1.2, 1.5, 4.6, 4.6, 3.5], grid=True)
    heads = [
        "No",
        "Informasi yang Dikecualikan",
        "Dasar Hukum",
        "",
        "",
        "",
        "Konsekuensi apabila Dibuka",
        "Pertimbangan apabila Ditutup (Kepentingan Publik)",
        "Jangka Waktu Pengecualian",
    ]
    subs = ["", "", "Undang-Undang", "Pasal", "Huruf", "Angka", "", "", ""]
    for i, h in enumerate(heads):
        run = t.rows[0].cells[i].paragraphs[0].add_run(h)
        run.bold, run.font.size = True, Pt(9)
        t.rows[0].cells[i].paragraphs[0].alignment = CENTER
        run = t.rows[1].cells[i].paragraphs[0].add_run(subs[i])
        run.bold, run.font.size = True, Pt(9)
        t.rows[1].cells[i].paragraphs[0].alignment = CENTER
    for col in (0, 1, 6, 7, 8):
        t.cell(0, col).merge(t.cell(1, col))
    t.cell(0, 2).merge(t.cell(0, 5))
    _repeat_header(t.rows[0])
    _repeat_header(t.rows[1])
    for i in range(9):
        run = t.rows[2].cells[i].paragraphs[0].add_run(str(i + 1))
        run.italic, run.font.size = True, Pt(8)
        t.rows[2].cells[i].paragraphs[0].alignment = CENTER
    t.rows[3].cells[0].paragraphs[0].add_run("{%tr for r in informasi %}")
    cells = [
        "{{ loop.index }}",
        "{{ r.informasi }}",
        "{{ r.undang_undang }}",
        "{{ r.pasal }}",
        "{{ r.huruf }}",
        "{{ r.angka }}",
        "{{ r.konsekuensi }}",
        "{{ r.pertimbangan }}",
        "{{ r.jangka_waktu }}",
    ]
    for i, c in enumerate(cells):
        run = t.rows[4].cells[i].paragraphs[0].add_run(c)
        run.font.size = Pt(9)
    t.rows[5].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    b.p("", after=6)
    b.p("Demikian lembar pengujian konsekuensi ini dibuat untuk dipergunakan sebagaimana mestinya.", after=6)
    b.p("{{ tempat }}, {{ tanggal }}", align=RIGHT)
    b.p("TIM UJI KONSEKUENSI", bold=True, align=CENTER, before=6)
    b.team_signatures()
    b.signature()
    b.paraf()
    return b.save("lembar_uji_konsekuensi")


def berita_acara_uji_konsekuensi() -> Path:
    b = Builder()
    b.kop()
    b.title("BERITA ACARA", "PENGUJIAN KONSEKUENSI INFORMASI PUBLIK")
    b.p(
        "Pada hari ini {{ hari }} tanggal {{ tanggal_terbilang }}, bertempat di {{ tempat_rapat }}, kami "
        "yang bertanda tangan di bawah ini, Tim Uji Konsekuensi {{ badan }} yang dibentuk berdasarkan "
        "{{ dasar_tim }}, telah melaksanakan pengujian konsekuensi atas informasi yang diusulkan untuk "
        "dikecualikan, dengan hasil sebagai berikut:",
        align=JUSTIFY,
        after=6,
    )
    b.grid(
        ["No", "Informasi", "Dasar Pengecualian", "Hasil Uji", "Jangka Waktu"],
        ["{{ loop.index }}", "{{ r.informasi }}", "{{ r.dasar }}", "{{ r.hasil }}", "{{ r.jangka_waktu }}"],
        [1.0, 5.5, 3.8, 3.0, 3.2],
        loop="r in hasil",
    )
    b.p("", after=6)
    b.isi("catatan")
    b.p(
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
        align=JUSTIFY,
        first_indent=1.25,
        after=6,
    )
    b.p("{{ tempat }}, {{ tanggal }}", align=RIGHT)
    b.p("TIM UJI KONSEKUENSI", bold=True, align=CENTER, before=6)
    b.team_signatures()
    b.signature()
    b.paraf()
    return b.save("berita_acara_uji_konsekuensi")


def _decree(b: Builder) -> None:
    """Menimbang / Mengingat / MEMUTUSKAN / diktum rows."""
    for label, var in (("Menimbang", "menimbang"), ("Mengingat", "mengingat")):
        t = b.table(3, [3.0, 0.4, 0.8, 12.3])
        t.rows[0].cells[0].paragraphs[0].add_run("{%tr for m in " + var + " %}")
        row = t.rows[1].cells
        row[0].paragraphs[0].add_run("{% if loop.first %}" + label + "{% endif %}")
        row[1].paragraphs[0].add_run("{% if loop.first %}:{% endif %}")
        row[2].paragraphs[0].add_run("{{ m.tanda }}")
        row[3].paragraphs[0].add_run("{{ m.teks }}")
        row[3].paragraphs[0].alignment = JUSTIFY
        t.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        b.p("", after=6)
    b.p("MEMUTUSKAN:", bold=True, align=CENTER, after=6)
    b.kv([("Menetapkan", "{{ menetapkan }}")], widths=(3.0, 0.4, 13.1))
    b.p("", after=6)
    t = b.table(3, [3.0, 0.4, 13.1])
    t.rows[0].cells[0].paragraphs[0].add_run("{%tr for d in diktum %}")
    row = t.rows[1].cells
    row[0].paragraphs[0].add_run("{{ d.label }}")
    row[1].paragraphs[0].add_run(":")
    row[2].paragraphs[0].add_run("{{ d.teks }}")
    row[2].paragraphs[0].alignment = JUSTIFY
    t.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def sk_dik() -> Path:
    b = Builder()
    b.tag("{%p if kop.kepala %}")
    b.kop_kepala()
    b.tag("{%p else %}")
    b.kop()
    b.tag("{%p endif %}")
    b.p("KEPUTUSAN {{ pejabat_penetap }}", bold=True, align=CENTER)
    b.p("NOMOR {{ nomor_register or nomor }}", bold=True, align=CENTER, after=6)
    b.p("TENTANG", bold=True, align=CENTER, after=6)
    b.p("{{ tentang }}", bold=True, align=CENTER, after=10)
    b.p("{{ pejabat_penetap }},", bold=True, align=CENTER, after=10)
    _decree(b)
    b.signature(ditetapkan=True)
    b.tembusan()
    b.paraf()
    # Lampiran on its own landscape page.
    section = b.doc.add_section()
    Builder._landscape(section)
    b.landscape = True
    t = b.table(1, [13.0, 12.2])
    r = b.in_cell(t.rows[0].cells[1])
    r.kv(
        [
            ("LAMPIRAN", "KEPUTUSAN {{ pejabat_penetap }}"),
            ("NOMOR", "{{ nomor_register or nomor }}"),
            ("TANGGAL", "{{ tanggal }}"),
            ("TENTANG", "{{ tentang }}"),
        ],
        widths=(2.6, 0.4, 9.2),
    )
    b.p("", after=6)
    b.p("DAFTAR INFORMASI YANG DIKECUALIKAN", bold=True, align=CENTER)
    b.p("{{ badan_upper }}", bold=True, align=CENTER, after=8)
    _dik_table(b)
    b.p("", after=6)
    t = b.table(1, [25.2 - 8.5, 8.5])
    r = b.in_cell(t.rows[0].cells[1])
    r.p("{{ ttd.jabatan }},", bold=True, align=CENTER, after=36)
    r.p("{{ ttd.nama }}", bold=True, underline=True, align=CENTER)
    return b.save("sk_dik")


def _dik_table(b: Builder) -> None:
    b.grid(
        [
            "No",
            "Informasi yang Dikecualikan",
            "Unit Penguasa",
            "Dasar Hukum",
            "Konsekuensi apabila Dibuka",
            "Pertimbangan apabila Ditutup",
            "Jangka Waktu",
            "Tanggal Uji",
            "Nomor SK",
            "Status",
        ],
        [
            "{{ loop.index }}",
            "{{ r.informasi }}",
            "{{ r.unit }}",
            "{{ r.dasar_hukum }}",
            "{{ r.konsekuensi }}",
            "{{ r.pertimbangan }}",
            "{{ r.jangka_waktu }}",
            "{{ r.tanggal_uji }}",
            "{{ r.nomor_sk }}",
            "{{ r.status }}",
        ],
        [0.9, 4.0, 2.4, 3.0, 3.6, 3.6, 2.6, 1.8, 1.9, 1.4],
        loop="r in daftar",
        size=8,
        numbers_row=True,
    )


def ketetapan_uji_konsekuensi() -> Path:
    b = Builder()
    b.kop()
    b.p("KETETAPAN {{ pejabat_penetap }}", bold=True, align=CENTER)
    b.p("NOMOR {{ nomor_register or nomor }}", bold=True, align=CENTER, after=6)
    b.p("TENTANG", bold=True, align=CENTER, after=6)
    b.p("{{ tentang }}", bold=True, align=CENTER, after=10)
    _decree(b)
    b.p("", after=6)
    b.grid(
        ["No", "Informasi", "Dasar Hukum", "Jangka Waktu Pengecualian"],
        ["{{ loop.index }}", "{{ r.informasi }}", "{{ r.dasar_hukum }}", "{{ r.jangka_waktu }}"],
        [1.0, 7.0, 4.5, 4.0],
        loop="r in informasi",
    )
    b.signature(ditetapkan=True)
    b.tembusan()
    b.paraf()
    return b.save("ketetapan_uji_konsekuensi")


def dip() -> Path:
    b = Builder(landscape=True)
    b.kop()
    b.p("DAFTAR INFORMASI PUBLIK", bold=True, align=CENTER)
    b.p("{{ badan_upper }}", bold=True, align=CENTER)
    b.p("TAHUN {{ tahun }}", bold=True, align=CENTER, after=4)
    b.p("Nomor: {{ nomor }}", align=CENTER, after=8)
    b.grid(
        [
            "No",
            "Ringkasan Isi Informasi",
            "Kategori",
            "Pejabat/Unit yang Menguasai",
            "Penanggung Jawab",
            "Waktu dan Tempat Pembuatan",
            "Bentuk Informasi",
            "Jangka Waktu Penyimpanan",
        ],
        [
            "{{ loop.index }}",
            "{{ r.ringkasan }}",
            "{{ r.kategori }}",
            "{{ r.penguasa }}",
            "{{ r.penanggung_jawab }}",
            "{{ r.waktu_tempat }}",
            "{{ r.bentuk }}",
            "{{ r.retensi }}",
        ],
        [1.0, 6.2, 2.6, 3.4, 3.4, 3.2, 2.6, 2.8],
        loop="r in daftar",
        size=9,
        numbers_row=True,
    )
    b.signature()
    return b.save("dip")


def dik() -> Path:
    b = Builder(landscape=True)
    b.kop()
    b.p("DAFTAR INFORMASI YANG DIKECUALIKAN", bold=True, align=CENTER)
    b.p("{{ badan_upper }}", bold=True, align=CENTER)
    b.p("TAHUN {{ tahun }}", bold=True, align=CENTER, after=4)
    b.p("Nomor: {{ nomor }}", align=CENTER, after=8)
    _dik_table(b)
    b.signature()
    return b.save("dik")


def tanda_terima() -> Path:
    b = Builder()
    b.kop()
    b.title("TANDA TERIMA", "PERMOHONAN INFORMASI PUBLIK")
    b.kv(
        [
            ("Nomor registrasi", "{{ registrasi }}"),
            ("Nama pemohon", "{{ pemohon.nama }}"),
            ("Alamat", "{{ pemohon.alamat }}"),
            ("Telepon/surel", "{{ pemohon.kontak }}"),
            ("Informasi yang diminta", "{{ informasi }}"),
            ("Tujuan penggunaan", "{{ tujuan }}"),
            ("Cara memperoleh", "{{ cara_memperoleh }}"),
            ("Diterima pada", "{{ diterima_pada }}"),
            ("Batas waktu jawaban", "{{ batas_waktu }}"),
        ],
        widths=(4.6, 0.4, 11.5),
    )
    b.p("", after=6)
    b.isi()
    b.p("{{ tempat }}, {{ tanggal }}", align=RIGHT, before=6)
    t = b.table(1, [8.0, 8.5])
    left = b.in_cell(t.rows[0].cells[0])
    left.p("Pemohon Informasi,", align=CENTER, after=48)
    left.p("{{ pemohon.nama }}", bold=True, underline=True, align=CENTER)
    right = b.in_cell(t.rows[0].cells[1])
    right.p("Petugas yang menerima,", align=CENTER)
    b.signature()
    return b.save("tanda_terima")


def pemberitahuan_tertulis() -> Path:
    b = Builder()
    b.kop()
    b.title("PEMBERITAHUAN TERTULIS")
    b.p(
        "Berdasarkan permohonan informasi nomor {{ registrasi }} "
        "tanggal {{ tanggal_permohonan }} yang Saudara "
        "ajukan, dengan ini kami sampaikan sesuai Pasal 22 ayat (7) "
        "Undang-Undang Nomor 14 Tahun 2008 tentang "
        "Keterbukaan Informasi Publik:",
        align=JUSTIFY,
        after=6,
    )
    b.kv(
        [
            ("Nama pemohon", "{{ pemohon.nama }}"),
            ("Alamat", "{{ pemohon.alamat }}"),
            ("Informasi yang diminta", "{{ informasi }}"),
        ],
        widths=(4.6, 0.4, 11.5),
    )
    b.p("", after=6)
    b.grid(
        ["No", "Hal", "Keterangan"],
        ["{{ r.huruf }}", "{{ r.hal }}", "{{ r.isi }}"],
        [1.0, 6.0, 9.5],
        loop="r in butir",
        size=10,
    )
    b.p("", after=6)
    b.isi()
    b.signature()
    b.tembusan()
    b.paraf()
    return b.save("pemberitahuan_tertulis")


def sk_penolakan() -> Path:
    b = Builder()
    b.kop()
    b.p("SURAT KEPUTUSAN PPID", bold=True, align=CENTER)
    b.p("TENTANG PENOLAKAN PERMOHONAN INFORMASI", bold=True, align=CENTER, underline=True)
    b.p("NOMOR: {{ nomor }}", align=CENTER, after=12)
    b.kv(
        [
            ("Nomor pendaftaran", "{{ registrasi }}"),
            ("Nama", "{{ pemohon.nama }}"),
            ("Alamat", "{{ pemohon.alamat }}"),
            ("Nomor telepon/surel", "{{ pemohon.kontak }}"),
            ("Informasi yang dibutuhkan", "{{ informasi }}"),
            ("Tujuan penggunaan", "{{ tujuan }}"),
        ],
        widths=(5.0, 0.4, 11.1),
    )
    b.p("PPID memutuskan bahwa informasi yang dimohon adalah:", before=8)
    b.p("INFORMASI YANG DIKECUALIKAN", bold=True, align=CENTER, before=4, after=6)
    b.p("Pengecualian informasi didasarkan pada alasan:")
    b.tag("{%p for a in alasan %}")
    b.p("{{ a }}", left_indent=0.8)
    b.tag("{%p endfor %}")
    b.p(
        "Bahwa berdasarkan pasal-pasal di atas, membuka informasi tersebut dapat menimbulkan konsekuensi "
        "sebagai berikut:",
        align=JUSTIFY,
        before=6,
    )
    b.tag("{%p for k in konsekuensi %}")
    b.p("{{ k }}", left_indent=0.8, align=JUSTIFY)
    b.tag("{%p endfor %}")
    b.p("Dengan demikian menyatakan bahwa:", before=6)
    b.p("PERMOHONAN INFORMASI DITOLAK", bold=True, align=CENTER, before=4, after=6)
    b.p(
        "Jika Pemohon Informasi keberatan atas penolakan ini, Pemohon Informasi dapat mengajukan keberatan "
        "kepada Atasan PPID ({{ atasan_ppid }}) selambat-lambatnya 30 (tiga puluh) hari kerja sejak menerima "
        "Surat Keputusan ini, sesuai Pasal 35 ayat (1) huruf a dan Pasal 36 ayat (1) Undang-Undang Nomor 14 "
        "Tahun 2008 tentang Keterbukaan Informasi Publik.",
        align=JUSTIFY,
        after=6,
    )
    b.p("{{ tempat }}, {{ tanggal }}", align=RIGHT)
    b.signature()
    b.tembusan()
    b.paraf()
    return b.save("sk_penolakan")


def pemberitahuan_perpanjangan() -> Path:
    def alasan(b: Builder) -> None:
        b.tag("{%p for a in alasan %}")
        b.p("{{ loop.index }}. {{ a }}", left_indent=1.25, align=JUSTIFY)
        b.tag("{%p endfor %}")
        b.p("", after=6)

    return letter("pemberitahuan_perpanjangan", alasan)


BUILDERS = {
    "nota_dinas": nota_dinas,
    "surat_dinas": lambda: letter("surat_dinas"),
    "surat_pengantar": surat_pengantar,
    "surat_undangan": surat_undangan,
    "lembar_uji_konsekuensi": lembar_uji_konsekuensi,
    "berita_acara_uji_konsekuensi": berita_acara_uji_konsekuensi,
    "ketetapan_uji_konsekuensi": ketetapan_uji_konsekuensi,
    "sk_dik": sk_dik,
    "dip": dip,
    "dik": dik,
    "tanda_terima": tanda_terima,
    "pemberitahuan_tertulis": pemberitahuan_tertulis,
    "sk_penolakan": sk_penolakan,
    "pemberitahuan_perpanjangan": pemberitahuan_perpanjangan,
}


def main() -> None:
    for build in BUILDERS.values():
        print(build())


if __name__ == "__main__":
    main()
