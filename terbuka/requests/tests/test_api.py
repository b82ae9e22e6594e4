"""The requests API: public submit with proof of work, status by secret, officer list and actions."""

from __future__ import annotations

import pytest
from django.test import override_settings

from terbuka.core import services as core_services
from terbuka.requests import guard

from .kit import KALBAR, form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cheap_work():
    with override_settings(TERBUKA_REQUEST_POW_BITS=8):
        yield


def bearer(users, name: str) -> dict[str, str]:
    _, key = core_services.token_create(actor=None, user=users[name])
    return {"Authorization": f"Bearer {key}"}


def _submit(client, address="203.0.113.50", **over):
    challenge = client.get("/api/v1/requests/challenge").json()["challenge"]
    payload = {
        "body": KALBAR,
        **form(),
        "pow_challenge": challenge,
        "pow_nonce": guard.solve(challenge),
        **over,
    }
    return client.post("/api/v1/requests", payload, content_type="application/json", REMOTE_ADDR=address)


def test_submit_returns_number_secret_and_explained_deadline(client, bodies):
    response = _submit(client)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["number"].startswith("PI-") and len(data["secret"]) >= 20
    assert data["deadline"]["kind"] == "pemberitahuan_tertulis"
    assert any("Pasal 22 ayat (7)" in line for line in data["deadline"]["explanation"])
    status = client.get(f"/api/v1/requests/{data['number']}?secret={data['secret']}").json()
    assert (
        status["status"] == "terdaftar" and status["deadlines"][0]["due_date"] == data["deadline"]["due_date"]
    )
    wrong = client.get(f"/api/v1/requests/{data['number']}?secret=salah")
    missing = client.get(f"/api/v1/requests/PI-99-2026-0001?secret={data['secret']}")
    assert wrong.status_code == missing.status_code == 404 and wrong.json() == missing.json()


def test_bad_input_and_flood(client, bodies):
    bad = _submit(client, id_number="12")
    assert bad.status_code == 400 and "NIK" in bad.json()["message"]
    no_work = client.post(
        "/api/v1/requests",
        {"body": KALBAR, **form(), "pow_challenge": "x", "pow_nonce": "0"},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.51",
    )
    assert no_work.status_code == 400
    with override_settings(TERBUKA_REQUEST_RATE=2):
        codes = [_submit(client, address="203.0.113.52").status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_officer_list_filters_and_actions_with_policy(client, users, bodies):
    number = _submit(client).json()["number"]
    rows = client.get(f"/api/v1/bodies/{KALBAR}/requests", **_h(users, f"petugas.{KALBAR}")).json()
    row = next(r for r in rows if r["number"] == number)
    assert row["id_masked"].endswith("0001") and "6171015208900001" not in str(rows)
    assert client.get(f"/api/v1/bodies/{KALBAR}/requests", **_h(users, "ppid.kota-serang")).status_code == 404
    assert client.get(f"/api/v1/bodies/{KALBAR}/requests").status_code == 401
    url = f"/api/v1/bodies/{KALBAR}/requests/{row['id']}/actions"
    extended = client.post(
        url,
        {"action": "extend", "days": 5, "reasons": ["Dokumen di arsip pusat"]},
        content_type="application/json",
        **_h(users, f"petugas.{KALBAR}"),
    )
    assert extended.status_code == 200 and extended.json()["due_date"] != row["due_date"]
    again = client.post(
        url, {"action": "extend", "days": 1, "reasons": ["lagi"]}, content_type="application/json",
        **_h(users, f"petugas.{KALBAR}"),
    )  # fmt: skip
    assert again.status_code == 400 and "sekali" in again.json()["message"]
    # A PPID Pembantu of a unit the request was not routed to does not see it.
    from terbuka.core.models import User

    pembantu = User.objects.filter(username__startswith="ppid-pembantu.", username__endswith=KALBAR).first()
    _, key = core_services.token_create(actor=None, user=pembantu)
    denied = client.post(
        url, {"action": "archive"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert denied.status_code == 404


def _h(users, name):
    return {"HTTP_AUTHORIZATION": bearer(users, name)["Authorization"]}
