"""English mode on the pages the DIP, DIK, requests and account work added (the same detector as
test_english_walk.py): public DIP, DIK and request form; the officer's registers, reports and token page."""

from __future__ import annotations

import pytest
from django.conf import settings

from terbuka.portal.tests.test_english_walk import _content_phrases, indonesian_in_ui


@pytest.mark.django_db
def test_register_and_request_pages_in_english_show_no_indonesian_ui_text(client, users):
    from terbuka.sop.demo import adopt_all

    adopt_all()
    allowed = _content_phrases()
    public = [
        "/badan/kota-kupang/dip/",
        "/badan/kota-kupang/dip/edisi/",
        "/badan/kota-kupang/cari/?q=anggaran",
        "/cari/?q=anggaran",
        "/badan/kota-kupang/dik/",
        "/badan/kota-kupang/permohonan/baru/",
        "/masuk/lupa/",
        "/masuk/lupa/terkirim/",
    ]
    officer = [
        "/kerja/dip/kota-kupang/",
        "/kerja/dip/kota-kupang/baru/",
        "/kerja/dik/kota-kupang/",
        "/kerja/dik/kota-kupang/laporan/berakhir/",
        "/kerja/dik/kota-kupang/laporan/uji/",
        "/kerja/permohonan/kota-kupang/",
        "/kerja/permohonan/kota-kupang/baru/",
        "/kerja/permohonan/kota-kupang/register/permohonan/",
        "/kerja/permohonan/kota-kupang/register/keberatan/",
        "/kerja/token/",
    ]
    found: dict[str, list[str]] = {}

    def walk(paths: list[str]) -> None:
        for path in paths:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            problems = indonesian_in_ui(response.content.decode(), allowed)
            if problems:
                found[path] = problems

    walk(public)
    client.force_login(users["ppid.kota-kupang"])
    walk(officer)
    assert not found, "Teks Indonesia dalam mode Inggris:\n" + "\n".join(
        f"{path}\n  " + "\n  ".join(p) for path, p in found.items()
    )
