"""The workspace home (issue 9 items 1 and 8): the bell in the header, the two letter lists, the guide."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from terbuka.documents.models import Document, SignStep
from terbuka.notifications.models import Notification


def _get(client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def _notify(user, n: int, start: int = 0) -> None:
    Notification.objects.bulk_create(
        Notification(user=user, kind="tugas", title=f"Tugas {i}", source=f"uji:{i}")
        for i in range(start, start + n)
    )


def _drafts(users, bodies, n: int, start: int = 0) -> list[Document]:
    """Drafts of Kota Serang waiting for the Kabag Hukum's paraf (rows only: no rendering needed here)."""
    out = []
    for i in range(start, start + n):
        d = Document.objects.create(
            body=bodies["kota-serang"],
            kind="surat_dinas",
            date=dt.date(2026, 3, 16),
            subject=f"Usulan DIK {i}",
            created_by=users["ppid.kota-serang"],
        )
        SignStep.objects.create(document=d, order=1, kind="paraf", role="kabag_hukum")
        SignStep.objects.create(document=d, order=2, kind="ttd", role="kepala_daerah")
        out.append(d)
    return out


@pytest.mark.django_db
def test_bell_shows_unread_count_with_one_query_on_every_workspace_page(client, users):
    user = users["ppid.kota-kupang"]
    client.force_login(user)
    for n, url in enumerate(
        ("/kerja/", "/kerja/sop/tugas/", "/kerja/kota-kupang/audit/", "/kerja/notifikasi/")
    ):
        _get(client, url)  # first visits create per-user rows (notification preference)
        html, before = _get(client, url)
        assert 'id="bell"' in html and "data-unread" not in html, url
        _notify(user, 3, start=n * 10)
        html, after = _get(client, url)
        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
        assert f'data-unread="{unread}"' in html, url
        assert len(after) == len(before), (url, len(before), len(after))
        bell = [q for q in after if "notifications_notification" in q and "COUNT(" in q.upper()]
        assert len(bell) == 1, (url, bell)
        Notification.objects.filter(user=user).update(read_at=dt.datetime(2026, 3, 16, tzinfo=dt.UTC))
    client.logout()
    html, queries = _get(client, "/")
    assert 'id="bell"' not in html and not any("notifications_notification" in q for q in queries)


@pytest.mark.django_db
def test_workspace_home_lists_letters_awaiting_me_and_returned_to_me_without_a_query_per_draft(
    client, users, bodies
):
    kabag = users["kabag-hukum.kota-serang"]
    client.force_login(kabag)
    html, _q = _get(client, "/kerja/")
    assert "Menunggu paraf/tanda tangan saya" in html and "Naskah dikembalikan kepada saya" in html
    _drafts(users, bodies, 2)
    html, few = _get(client, "/kerja/")
    assert html.count("Usulan DIK") == 2
    _drafts(users, bodies, 15, start=2)
    html, many = _get(client, "/kerja/")
    assert html.count("Usulan DIK") == 17
    assert len(many) == len(few), (len(few), len(many))
    # The signer sees nothing until both parafs… here the one paraf is pending: not the head's turn.
    client.force_login(users["kepala-daerah.kota-serang"])
    html, _q = _get(client, "/kerja/")
    assert "Usulan DIK" not in html
    # Returned drafts show on their drafter's home with the note.
    d = Document.objects.filter(subject="Usulan DIK 3").get()
    Document.objects.filter(pk=d.pk).update(status="returned", return_note="Dasar hukum kurang", round=2)
    client.force_login(users["ppid.kota-serang"])
    html, _q = _get(client, "/kerja/")
    section = html.split('id="letters-returned"')[1]
    assert "Usulan DIK 3" in section and "Dasar hukum kurang" in section


@pytest.mark.django_db
def test_first_run_guide_names_who_starts_each_adopted_process(client, users):
    from terbuka.sop import demo as sop_demo

    sop_demo.adopt_all()
    client.force_login(users["petugas.kota-kupang"])
    html, _q = _get(client, "/kerja/")
    assert "Panduan: siapa memulai proses apa" in html
    guide = html.split("Panduan: siapa memulai proses apa")[1].split("</details>")[0]
    assert "dimulai oleh" in guide
    client.force_login(users["kepala-daerah.kota-kupang"])
    html2, _q = _get(client, "/kerja/")
    guide2 = html2.split("Panduan: siapa memulai proses apa")[1].split("</details>")[0]
    # Whoever holds the first lane is told they can start it; the others see the steps instead.
    assert guide.count("Anda dapat memulainya") != guide2.count("Anda dapat memulainya")
