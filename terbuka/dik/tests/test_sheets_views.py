"""The XLSX template and its all-or-nothing import; the pages, reports and API with their access rules."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from terbuka.dik import services, sheets
from terbuka.dik.models import Entry, Status, UnitProposal
from terbuka.dik.periods import Period, PeriodKind

pytestmark = pytest.mark.django_db


def _book(rows: list[list]) -> bytes:
    wb = load_workbook(io.BytesIO(sheets.template()))
    ws = wb.worksheets[0]
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    "Rekam medis pasien",
    "",
    "h",
    2,
    "",
    "",
    "Mengungkap riwayat pasien",
    "Privasi pasien",
    "selama_diperlukan",
    None,
    None,
    None,
    "",
    dt.date(2031, 1, 2),
    "",
]


def test_the_template_reads_back_its_rows():
    rows = sheets.read_rows(
        _book(
            [
                GOOD,
                [
                    "Penawaran lelang",
                    "",
                    "b",
                    None,
                    "",
                    "",
                    "x",
                    "y",
                    "sampai_peristiwa",
                    None,
                    None,
                    None,
                    "pengumuman pemenang",
                    None,
                    "",
                ],
            ]
        )
    )
    assert [r["title"] for r in rows] == ["Rekam medis pasien", "Penawaran lelang"]
    assert rows[0]["period"].review_on == dt.date(2031, 1, 2) and rows[0]["ground_point"] == 2
    assert rows[1]["period"].event == "pengumuman pemenang"


def test_every_error_is_named_by_row_and_column():
    bad = [
        GOOD,
        ["", "", "k", 9, "", "", "", "y", "tahun", None, 40, "bukan tanggal", "", None, ""],
        ["Berkas perkara", "", "a", 1, "", "", "x", "y", "tahun", None, 31, "2026-01-02", "", None, ""],
        ["Data lain", "", "j", None, "", "", "x", "y", "menurut_uu", None, None, None, "", None, ""],
    ]
    with pytest.raises(ValidationError) as err:
        sheets.read_rows(_book(bad))
    text = "\n".join(err.value.messages)
    assert "Baris 3, kolom A (Informasi): Informasi wajib diisi." in text
    assert "Baris 3, kolom C (Huruf Pasal 17): Huruf Pasal 17 harus salah satu dari a sampai j." in text
    assert "Baris 3, kolom L (Tanggal mulai): tanggal tidak sah" in text
    assert "Baris 3, kolom G (Konsekuensi bila dibuka)" in text
    assert "Baris 4, kolom I (Jenis jangka waktu): Pasal 17 huruf a paling lama 30 tahun" in text
    assert "Baris 5, kolom E (Undang-undang lain): Pasal 17 huruf j" in text
    assert "Baris 5, kolom I (Jenis jangka waktu): Sebutkan undang-undang" in text
    assert "Baris 2" not in text


def test_a_file_that_is_not_the_template_is_refused():
    wb = Workbook()
    wb.active.append(["Judul", "Isi"])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ValidationError, match="kolom templat tidak ditemukan"):
        sheets.read_rows(out.getvalue())
    with pytest.raises(ValidationError):
        sheets.read_rows(b"bukan zip sama sekali")


def test_upload_on_the_page_is_all_or_nothing(client, bodies, users):
    body = bodies["kota-kupang"]
    rnd = services.round_open(actor=None, body=body, year=2026, deadline=dt.date(2099, 1, 1))
    prop = rnd.proposals.get(unit__slug="bpkad")
    client.force_login(users["ppid-pembantu.bpkad.kota-kupang"])
    url = f"/kerja/dik/kota-kupang/usulan/{prop.pk}/"
    bad = _book([GOOD, ["X", "", "z", None, "", "", "x", "y", "tahun", None, 2, "2026-01-01", "", None, ""]])
    r = client.post(url, {"aksi": "xlsx", "file": SimpleUploadedFile("u.xlsx", bad)})
    assert "Baris 3, kolom C" in r.content.decode()
    assert not Entry.objects.filter(proposal=prop).exists()
    good = _book([GOOD])
    r = client.post(url, {"aksi": "xlsx", "file": SimpleUploadedFile("u.xlsx", good)}, follow=True)
    assert "1 baris dari templat disimpan" in r.content.decode()
    prop.refresh_from_db()
    assert prop.state == UnitProposal.State.DIAJUKAN and prop.entries.count() == 1
    # another unit's officer cannot post to it; another body's user does not see it
    client.force_login(users["ppid-pembantu.dinkes.kota-kupang"])
    assert client.post(url, {"aksi": "nihil", "note": "x"}).status_code == 403
    client.force_login(users["ppid-pembantu.dinkes.kota-serang"])
    assert client.get(url).status_code == 404


def _decreed(body, users):
    e = services.entry_propose(
        actor=None,
        body=body,
        unit=body.units.get(slug="dinkes"),
        title="Rekam medis pasien",
        ground_letter="h",
        ground_point=2,
        consequence="x",
        consideration="y",
        status=Status.DITETAPKAN,
        period=Period(PeriodKind.SAMPAI_TANGGAL, until=dt.date.today() + dt.timedelta(days=30)),
    )
    return e


def test_pages_and_reports(client, bodies, users):
    body = bodies["kota-serang"]
    e = _decreed(body, users)
    client.force_login(users["ppid.kota-serang"])
    page = client.get("/kerja/dik/kota-serang/").content.decode()
    assert "Rekam medis pasien" in page
    assert "Riwayat status" in client.get(f"/kerja/dik/kota-serang/entri/{e.pk}/").content.decode()
    x = client.get("/kerja/dik/kota-serang/laporan/register.xlsx")
    ws = load_workbook(io.BytesIO(x.content)).worksheets[0]
    assert ws["B3"].value == "Rekam medis pasien"
    p = client.get("/kerja/dik/kota-serang/laporan/register.pdf")
    assert p["Content-Type"] == "application/pdf" and p.content.startswith(b"%PDF")
    assert "Rekam medis pasien" in client.get("/kerja/dik/kota-serang/laporan/berakhir/").content.decode()
    r = client.get("/kerja/dik/kota-serang/laporan/uji/?mulai=2026-01-01&sampai=bukan")
    assert "Tanggal tidak sah" in r.content.decode()
    t = client.get("/kerja/dik/kota-serang/templat-usulan.xlsx")
    assert load_workbook(io.BytesIO(t.content)).worksheets[0]["A1"].value == "Informasi"
    # another body's officials get 404; anonymous is sent to log in
    client.force_login(users["ppid.kota-kupang"])
    assert client.get("/kerja/dik/kota-serang/").status_code == 404
    client.logout()
    assert client.get("/kerja/dik/kota-serang/").status_code == 302
    # the public page and the API need no login and show only decreed entries
    services.entry_propose(
        actor=None,
        body=body,
        unit=None,
        title="Usulan yang belum diuji",
        ground_letter="i",
        consequence="x",
        consideration="y",
        period=Period(PeriodKind.MENURUT_UU, statute="UU Kearsipan"),
    )
    page = client.get("/badan/kota-serang/dik/").content.decode()
    assert "Rekam medis pasien" in page and "Usulan yang belum diuji" not in page
    data = client.get("/api/v1/dik?body=kota-serang").json()
    assert [r["informasi"] for r in data["informasi"]] == ["Rekam medis pasien"]
    assert client.get("/api/v1/dik?body=tidak-ada").status_code == 404
    assert "Daftar Informasi yang Dikecualikan (DIK)" in client.get("/badan/kota-serang/").content.decode()


def test_the_session_page_decides_and_closes(client, bodies, users):
    from terbuka.dik.models import ConsequenceTest, Decision

    body = bodies["kota-serang"]
    e1 = services.entry_propose(
        actor=None,
        body=body,
        unit=None,
        title="Rekam medis pasien",
        ground_letter="h",
        ground_point=2,
        consequence="x",
        consideration="y",
        period=Period(PeriodKind.TAHUN, years=5, start=dt.date(2026, 4, 1)),
    )
    e2 = services.entry_propose(
        actor=None,
        body=body,
        unit=None,
        title="Daftar hadir rapat",
        ground_letter="i",
        consequence="x",
        consideration="y",
        period=Period(PeriodKind.MENURUT_UU, statute="UU Kearsipan"),
    )
    tim = users["tim-uji.kota-serang"]
    test = services.consequence_test_open(
        actor=tim,
        body=body,
        held_on=dt.date(2026, 4, 6),
        place="Ruang rapat",
        team=[{"user": tim, "role": "Ketua"}, {"name": "Pakar", "role": "Akademisi"}],
        entries=[e1, e2],
    )
    i1, i2 = test.items.order_by("pk")
    url = f"/kerja/dik/kota-serang/uji/{test.pk}/"
    client.force_login(users["ppid-pembantu.dinkes.kota-serang"])
    assert client.post(url, {"aksi": "tutup"}).status_code == 403
    client.force_login(tim)
    page = client.get(url).content.decode()
    assert "Rekam medis pasien" in page and "Simpan keputusan" in page
    m1, _m2 = test.members.order_by("pk")
    client.post(url, {"aksi": "hadir", f"hadir-{m1.pk}": "on"})
    assert list(test.members.order_by("pk").values_list("present", flat=True)) == [True, False]
    r = client.post(url, {"aksi": "tutup"})
    assert "Belum diputuskan" in r.content.decode()
    p1 = f"i{i1.pk}-"
    r = client.post(
        url,
        {
            "aksi": "putus",
            "item": i1.pk,
            p1 + "decision": "dikecualikan",
            p1 + "basis_ok": "1",
            p1 + "harm": "Mengungkap riwayat",
            p1 + "public_interest": "Privasi",
            p1 + "period_kind": "tahun",
            p1 + "years": "40",
            p1 + "start": "2026-04-06",
        },
    )
    assert i1.__class__.objects.get(pk=i1.pk).decision == Decision.DIKECUALIKAN  # h: 40 years is allowed
    p2 = f"i{i2.pk}-"
    client.post(
        url,
        {
            "aksi": "putus",
            "item": i2.pk,
            p2 + "decision": "tidak_dikecualikan",
            p2 + "basis_ok": "0",
            p2 + "public_interest": "Tidak ada dasar untuk menutup",
        },
    )
    r = client.post(url, {"aksi": "tutup"}, follow=True)
    assert "Sesi ditutup" in r.content.decode()
    test = ConsequenceTest.objects.get(pk=test.pk)
    assert test.state == "selesai" and test.sheet and test.minutes and test.determination
    # the outside expert has no account: not on the chain; the chair (the only member with one) signs
    assert [(s.kind, s.user_id) for s in test.sheet.steps.order_by("order")] == [("ttd", tim.pk)]
    assert Entry.objects.get(pk=e2.pk).status == Status.TIDAK_DIKECUALIKAN
