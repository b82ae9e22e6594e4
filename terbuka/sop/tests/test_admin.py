"""Issue #3 item 4: a new SOP version uploaded in the admin is validated; errors are shown line by line."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core.models import PublicBody

from ..models import Sop

GOOD = b"""\
format: terbuka-sop/1
identitas: {nama: Pengumuman informasi berkala}
pelaksana:
  - {kode: petugas, nama: Petugas PLID, peran: petugas}
langkah:
  - {no: 1, kegiatan: Mengunggah informasi berkala ke laman PPID, pelaksana: petugas, waktu: 2 hari kerja}
"""
BAD = GOOD.replace(b"waktu: 2 hari kerja", b"waktu: secepatnya").replace(b"peran: petugas", b"peran: lurah")


def _post(client, data: bytes):
    return client.post(
        "/admin/sop/sopversion/add/",
        {
            "body": str(PublicBody.objects.get(slug="kota-bontang").pk),
            "slug": "berkala",
            "upload": SimpleUploadedFile("berkala.yaml", data, content_type="text/yaml"),
        },
        follow=True,
    )


def test_admin_refuses_a_broken_file_with_line_numbers(client, users):
    client.force_login(users["admin"])
    page = _post(client, BAD).content.decode()
    assert "berkala.yaml:4: pelaksana[kode=petugas].peran: peran tidak dikenal" in page
    assert "berkala.yaml:6: langkah[no=1].waktu: waktu tidak terbaca" in page
    assert not Sop.objects.filter(slug="berkala").exists()


def test_admin_adopts_a_valid_file_as_the_next_version(client, users):
    client.force_login(users["admin"])
    _post(client, GOOD)
    sop = Sop.objects.get(body__slug="kota-bontang", slug="berkala")
    assert sop.current_version.number == 1 and sop.title == "Pengumuman informasi berkala"
    _post(client, GOOD.replace(b"2 hari kerja", b"3 hari kerja"))
    sop.refresh_from_db()
    assert sop.current_version.number == 2
    assert sop.current_version.uploaded_by == users["admin"]
