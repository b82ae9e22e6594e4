"""Bad input answers 400 with an Indonesian message, never 500 (issue #7 item 11).

The rule for NUL characters lives in one middleware (terbuka/core/input_guard.py), so it holds for every form
and endpoint; BadRequest raised by a view is rendered with its message. Calendar dates at the edge of time
are in test_calendar_range.py, SOP views in terbuka/sop/tests/test_bad_input.py, the schema-driven fuzz of the
whole API in terbuka/api/tests/test_fuzz.py.
"""

import pytest


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2026-03-16", "days": "1", "body": "\x00"},
        {"start": "2026-03-16", "days": "1", "body": "kota-serang\x00"},
        {"start": "2026-03-16\x00", "days": "1"},
        {"start": "2026-03-16", "days": "1", "\x00": "x"},
    ],
)
def test_nul_in_a_query_parameter_of_the_api_is_400(client, demo, query):
    r = client.get("/api/v1/calendar/add", query)
    assert r.status_code == 400
    assert "NUL" in r.json()["message"]


def test_nul_in_a_path_parameter_is_400(client, demo):
    r = client.get("/api/v1/bodies/kota%00serang")
    assert r.status_code == 400 and "NUL" in r.json()["message"]


def test_nul_in_a_page_query_is_400_with_a_page(client, demo):
    r = client.get("/badan/kota-serang/kalender/", {"tahun": "2026\x00"})
    assert r.status_code == 400
    assert "karakter NUL" in r.content.decode()


def test_nul_in_a_form_field_is_400(client, demo):
    r = client.post("/masuk/", {"username": "ppid.kota-serang\x00", "password": "x"})
    assert r.status_code == 400 and "karakter NUL" in r.content.decode()


def test_nul_in_a_json_body_is_400(client, users):
    from terbuka.core import services

    _, key = services.token_create(actor=None, user=users["petugas.kota-serang"])
    r = client.post(
        "/api/v1/sops/1/cases",
        data='{"title": "DIK \\u0000 2026"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 400 and "NUL" in r.json()["message"]


def test_a_binary_upload_with_nul_bytes_is_not_refused(client, users):
    """File contents are not inspected: a PDF is full of NUL bytes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["ppid.kota-serang"])
    r = client.post(
        "/kerja/dokumen/kota-serang/unggah/",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\x00\x00\x00 binary"), "label": "x"},
    )
    assert r.status_code != 400 or "NUL" not in r.content.decode()


def test_bad_request_from_a_view_shows_its_message():
    from django.core.exceptions import BadRequest
    from django.test import RequestFactory

    from terbuka.core.input_guard import bad_request

    request = RequestFactory().get("/kerja/sop/tugas/1/")
    response = bad_request(request, BadRequest("Pilih langkah tujuan pengembalian dari daftar."))
    assert response.status_code == 400 and b"Pilih langkah tujuan" in response.content
    other = bad_request(request, Exception("Invalid HTTP_HOST header: secret"))
    assert b"secret" not in other.content and b"Permintaan tidak sah" in other.content


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tasks/mine?sop=-17587494329185046014690590720",  # found by the fuzz (500 on SQLite)
        "/api/v1/tasks/mine?sop=9223372036854775808",
        "/kerja/sop/tugas/?sop=99999999999999999999",
        "/kerja/dokumen/kota-serang/?kasus=99999999999999999999",
    ],
)
def test_an_integer_no_column_can_hold_is_400(client, users, url):
    from terbuka.core import services

    _, key = services.token_create(actor=None, user=users["ppid.kota-serang"])
    client.force_login(users["ppid.kota-serang"])
    r = client.get(url, headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 400
    assert "di luar jangkauan" in r.content.decode()


def test_long_digit_strings_that_fit_are_not_refused(client, users):
    client.force_login(users["ppid.kota-serang"])
    nik = "3604012345678901"  # 16 digits, like a NIK
    assert client.get("/kerja/sop/tugas/", {"sop": "9223372036854775807", "x": nik}).status_code == 200
