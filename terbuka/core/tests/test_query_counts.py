"""List pages must not issue one query per row (STYLE.md habit 11): the count stays flat as rows grow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from terbuka.core import services


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def kupang_sop(users):
    from terbuka.sop import demo as sop_demo
    from terbuka.sop.models import Sop

    sop_demo.adopt_all()
    return Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")


def _start(sop, users, n: int) -> None:
    from terbuka.sop import services as sop_services

    for i in range(n):
        sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title=f"Usulan {i}")


def test_inbox_queries_do_not_grow_with_tasks(client, users, kupang_sop):
    client.force_login(users["petugas.kota-kupang"])
    _start(kupang_sop, users, 2)
    few = queries(client, "/kerja/sop/tugas/")
    _start(kupang_sop, users, 20)
    many = queries(client, "/kerja/sop/tugas/")
    assert many == few, (few, many)


def test_audit_log_queries_do_not_grow_with_events(client, users, bodies):
    client.force_login(users["ppid.kota-kupang"])
    queries(client, "/kerja/kota-kupang/audit/")  # the first visit records the chain check, fills the lists
    services.body_update(actor=users["admin.kota-kupang"], body=bodies["kota-kupang"], phone="0380-x")
    few = queries(client, "/kerja/kota-kupang/audit/")  # one new event to check since the last visit
    for i in range(30):
        services.body_update(actor=users["admin.kota-kupang"], body=bodies["kota-kupang"], phone=f"0380-{i}")
    many = queries(client, "/kerja/kota-kupang/audit/")
    assert many == few, (few, many)


def test_archive_list_queries_do_not_grow_with_files(client, users, bodies):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from terbuka.documents.archive import store_upload

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    def upload(n: int) -> None:
        for i in range(n):
            store_upload(
                actor=users["petugas.kota-kupang"],
                body=bodies["kota-kupang"],
                file=SimpleUploadedFile(
                    f"bukti-{i}.pdf", pdf + str(i).encode(), content_type="application/pdf"
                ),
                label=f"Bukti {i}",
            )

    client.force_login(users["ppid.kota-kupang"])
    upload(2)
    few = queries(client, "/kerja/dokumen/kota-kupang/")
    upload(20)
    many = queries(client, "/kerja/dokumen/kota-kupang/")
    assert many == few, (few, many)


def test_calendar_page_queries_are_bounded(client, demo):
    n = queries(client, "/badan/kota-kupang/kalender/?tahun=2026&mulai=2026-03-16&hari=10")
    assert n <= 6, n
