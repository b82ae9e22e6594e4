"""The public form, the status page and bad input: NIK, upload, script, flood, wrong secret."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from terbuka.requests import guard, services
from terbuka.requests.models import Attempt, InformationRequest

from .kit import KALBAR, form

pytestmark = pytest.mark.django_db


def _unmasked(content: bytes) -> bytes:
    content = re.sub(rb'"X-CSRFToken": "[^"]+"', b"", content)
    content = re.sub(rb'name="next" type="hidden" value="[^"]+"', b"", content)  # echoes the asked path
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def _post(client, data, address="203.0.113.7", files=None):
    page = client.get(reverse("requests_public:new", args=[KALBAR]))
    challenge = re.search(r'name="pow_challenge" value="([^"]+)"', page.content.decode()).group(1)
    payload = {**data, "pow_challenge": challenge, "pow_nonce": guard.solve(challenge), **(files or {})}
    return client.post(reverse("requests_public:new", args=[KALBAR]), payload, REMOTE_ADDR=address)


@pytest.fixture(autouse=True)
def _cheap_work():
    with override_settings(TERBUKA_REQUEST_POW_BITS=8):
        yield


def test_form_is_indonesian_accessible_and_without_inline_script(client, bodies):
    page = client.get(reverse("requests_public:new", args=[KALBAR]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Permohonan informasi publik" in html
    assert '<label for="id_name">' in html and "<legend>" in html
    assert 'aria-hidden="true"' in html and 'name="website"' in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert "requests/pow" in html and "http" not in re.findall(r'<script[^>]*src="([^"]+)"', html)[-1][:4]
    # Served under the product's CSP: scripts only from its own origin, none inline.
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]


def test_submit_redirects_to_private_status_with_deadline_and_receipt(client, bodies):
    response = _post(client, form())
    assert response.status_code == 302
    url = response["Location"]
    number = url.split("/")[2]
    req = InformationRequest.objects.get(number=number)
    assert req.channel == "web"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and number in html
    assert "Pemberitahuan tertulis kepada pemohon" in html and "Batas waktu" in html
    assert "6171015208900001" not in html and "************0001" in html


def test_wrong_secret_and_wrong_number_give_the_same_answer(client, bodies):
    req, secret = services.request_submit(body=bodies[KALBAR], data=form())
    wrong_secret = client.get(reverse("requests_public:status", args=[req.number]) + "?kode=salah")
    wrong_number = client.get(reverse("requests_public:status", args=["PI-99-2026-9999"]) + f"?kode={secret}")
    no_secret = client.get(reverse("requests_public:status", args=[req.number]))
    assert wrong_secret.status_code == wrong_number.status_code == no_secret.status_code == 404
    # Identical apart from the per-response masking of the CSRF token in the page frame.
    same = [_unmasked(r.content) for r in (wrong_secret, wrong_number, no_secret)]
    assert same[0] == same[1] == same[2]
    assert req.name.encode() not in wrong_secret.content
    receipt = client.get(reverse("requests_public:receipt", args=[req.number]) + "?kode=salah")
    assert receipt.status_code == 404


def test_script_in_text_is_escaped(client, bodies):
    response = _post(
        client, form(name="<script>alert(1)</script>", information="<img src=x onerror=alert(2)>")
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_malformed_nik_shows_the_field_error_and_saves_nothing(client, bodies):
    before = InformationRequest.objects.count()
    response = _post(client, form(id_number="1234"))
    assert response.status_code == 400
    assert "NIK harus 16 angka." in response.content.decode()
    assert InformationRequest.objects.count() == before


def test_wrong_type_and_oversized_upload(client, bodies):
    exe = SimpleUploadedFile("ktp.jpg", b"MZ" + b"\x00" * 100, content_type="image/jpeg")
    response = _post(client, form(), files={"id_scan": exe})
    assert response.status_code == 400 and "program" in response.content.decode()
    big = SimpleUploadedFile("ktp.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024 + 10))
    response = _post(client, form(), files={"id_scan": big}, address="203.0.113.8")
    assert response.status_code == 400 and "2 MB" in response.content.decode()


def test_flood_from_one_address_is_limited_others_not(client, bodies):
    with override_settings(TERBUKA_REQUEST_RATE=3):
        # A person correcting a form error is not counted; registered submissions are.
        assert [_post(client, form(id_number="1")).status_code for _ in range(4)] == [400] * 4
        codes = [_post(client, form()).status_code for _ in range(4)]
        assert codes == [302, 302, 302, 429]
        assert _post(client, form(), address="198.51.100.1").status_code == 302
    assert not Attempt.objects.filter(address_hash__contains="203.0.113.7").exists()  # only hashes stored


def test_honeypot_missing_work_and_replayed_challenge_refused(client, bodies):
    before = InformationRequest.objects.count()
    assert _post(client, form(website="http://spam.example")).status_code == 400
    page = client.get(reverse("requests_public:new", args=[KALBAR]))
    challenge = re.search(r'name="pow_challenge" value="([^"]+)"', page.content.decode()).group(1)
    url = reverse("requests_public:new", args=[KALBAR])
    no_work = client.post(
        url, {**form(), "pow_challenge": challenge, "pow_nonce": ""}, REMOTE_ADDR="192.0.2.1"
    )
    assert no_work.status_code == 400 and "anti-robot" in no_work.content.decode()
    forged = client.post(
        url, {**form(), "pow_challenge": "8.1.abc.deadbeef", "pow_nonce": "1"}, REMOTE_ADDR="192.0.2.2"
    )
    assert forged.status_code == 400
    # A bot failing the work again and again is limited like a flood.
    with override_settings(TERBUKA_REQUEST_RATE=2):
        again = [
            client.post(
                url, {**form(), "pow_challenge": "x", "pow_nonce": "1"}, REMOTE_ADDR="192.0.2.9"
            ).status_code
            for _ in range(3)
        ]
    assert again == [400, 400, 429]
    assert InformationRequest.objects.count() == before
    nonce = guard.solve(challenge)
    ok = client.post(url, {**form(), "pow_challenge": challenge, "pow_nonce": nonce}, REMOTE_ADDR="192.0.2.3")
    assert ok.status_code == 302
    replay = client.post(
        url, {**form(), "pow_challenge": challenge, "pow_nonce": nonce}, REMOTE_ADDR="192.0.2.4"
    )
    assert replay.status_code == 400 and "sudah dikirim" in replay.content.decode()


def test_objection_from_the_status_page(client, bodies):
    from terbuka.requests.tests.kit import at

    req, secret = services.request_submit(body=bodies[KALBAR], data=form(), at=at(2026, 1, 5, 9))
    url = reverse("requests_public:status", args=[req.number]) + f"?kode={secret}"
    # The notice deadline (19 January 2026) has passed unanswered: the form is shown while the window is open.
    from unittest import mock

    from terbuka.requests.tests.kit import at as at_

    with mock.patch("django.utils.timezone.now", return_value=at_(2026, 1, 26, 9)):
        page = client.get(url)
        assert "Ajukan keberatan" in page.content.decode()
        response = client.post(url, {"grounds": ["c"], "reasons": "Belum ada jawaban.", "kode": secret})
    assert response.status_code == 302
    assert req.objections.get().grounds == ["c"]


def test_officer_pages_need_the_body_and_role(client, users, bodies):
    req, _ = services.request_submit(body=bodies[KALBAR], data=form())
    url = reverse("requests:detail", args=[KALBAR, req.pk])
    client.force_login(users["ppid.kota-serang"])
    assert client.get(url).status_code == 404
    client.force_login(users[f"petugas.{KALBAR}"])
    page = client.get(url)
    assert page.status_code == 200 and "************0001" in page.content.decode()
    unmask = client.post(reverse("requests:action", args=[KALBAR, req.pk, "unmask"]), {"reason": "cek"})
    assert "6171015208900001" not in unmask.content.decode()
    client.force_login(users[f"ppid.{KALBAR}"])
    unmask = client.post(reverse("requests:action", args=[KALBAR, req.pk, "unmask"]), {"reason": "cek"})
    assert "6171015208900001" in unmask.content.decode()


def test_registers_as_html_xlsx_and_pdf(client, users, bodies):
    import io
    import zipfile

    services.request_submit(body=bodies[KALBAR], data=form(name="Pemohon Register"))
    client.force_login(users[f"petugas.{KALBAR}"])
    html = client.get(reverse("requests:register", args=[KALBAR, "permohonan"])).content.decode()
    assert "Pemohon Register" in html and "Keputusan" in html
    xlsx = client.get(reverse("requests:register_file", args=[KALBAR, "permohonan", "xlsx"]))
    zf = zipfile.ZipFile(io.BytesIO(xlsx.content))
    assert "Pemohon Register" in zf.read("xl/worksheets/sheet1.xml").decode()
    from terbuka.core import safezip

    safezip.check_zip(xlsx.content)
    pdf = client.get(reverse("requests:register_file", args=[KALBAR, "keberatan", "pdf"]))
    assert pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("requests:register_file", args=[KALBAR, "lain", "pdf"])).status_code == 404
