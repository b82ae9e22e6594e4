"""The API: token auth, errors as JSON with a message, calendar endpoints (issue #2 item 9)."""

from io import StringIO

import pytest
from django.core.management import call_command

from terbuka.api.urls import api
from terbuka.core import services
from terbuka.core.models import ApiToken


@pytest.fixture
def token(users):
    _, key = services.token_create(actor=None, user=users["ppid.kota-serang"])
    return key


def test_token_command_prints_a_working_token(users, client):
    out = StringIO()
    call_command("token", "create", "ppid.kota-serang", stdout=out)
    key = out.getvalue().strip()
    assert key.startswith("tbk_")
    assert ApiToken.objects.filter(key_hash=ApiToken.hash_key(key)).exists()
    assert not ApiToken.objects.filter(key_hash=key).exists()  # only the hash is stored
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200 and r.json()["username"] == "ppid.kota-serang"


def test_me_lists_grants(client, token):
    data = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert data["grants"] == [
        {
            "role": "ppid",
            "body": "kota-serang",
            "unit": "diskominfo",
            "position": "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Utama",
            "acting": "",
        }
    ]


def test_no_or_bad_token_is_401_with_message(client, demo):
    r = client.get("/api/v1/me")
    assert r.status_code == 401 and "Bearer" in r.json()["message"]
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer salah"})
    assert r.status_code == 401


def test_revoked_token_is_refused(client, users):
    tok, key = services.token_create(actor=None, user=users["ppid.kota-serang"])
    services.token_revoke(actor=None, token=tok)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_session_login_works_for_the_api(client, users):
    client.force_login(users["petugas.kota-kupang"])
    assert client.get("/api/v1/me").json()["grants"][0]["body"] == "kota-kupang"


def test_calendar_add_example(client, demo):
    r = client.get("/api/v1/calendar/add", {"start": "2026-03-16", "days": 10})
    assert r.status_code == 200
    data = r.json()
    assert data["date"] == "2026-04-07"
    assert data["skipped"][0] == {
        "date": "2026-03-18",
        "reason": "Cuti Bersama Hari Suci Nyepi",
        "source": "Cuti bersama (SKB 3 Menteri)",
    }


def test_calendar_add_with_body_holiday(client, bodies):
    import datetime as dt

    services.holiday_save(
        actor=None,
        date=dt.date(2026, 3, 17),
        name="HUT Kota Kupang",
        kind="daerah",
        body=bodies["kota-kupang"],
    )
    r = client.get("/api/v1/calendar/add", {"start": "2026-03-16", "days": 1, "body": "kota-kupang"}).json()
    assert r["date"] == "2026-03-25" and r["skipped"][0]["reason"] == "HUT Kota Kupang"
    r = client.get("/api/v1/calendar/add", {"start": "2026-03-16", "days": 1, "body": "kota-serang"}).json()
    assert r["date"] == "2026-03-17"


@pytest.mark.parametrize(
    ("params", "status", "fragment"),
    [
        ({"start": "2026-13-01", "days": 3}, 400, "tanggal tidak sah"),
        ({"start": "kemarin", "days": 3}, 400, "tanggal tidak sah"),
        ({"start": "2026-03-16", "days": 1001}, 400, "antara 0 dan 1000"),
        ({"start": "2026-03-16", "days": -1}, 400, "antara 0 dan 1000"),
        ({"start": "2026-03-16", "days": "sepuluh"}, 400, "days"),
        ({"start": "2026-03-16"}, 400, "days"),
        ({"start": "2026-03-16", "days": 3, "body": "kota-atlantis"}, 404, "kota-atlantis"),
    ],
)
def test_calendar_add_bad_input(client, demo, params, status, fragment):
    r = client.get("/api/v1/calendar/add", params)
    assert r.status_code == status
    assert fragment in r.json()["message"]


def test_between_and_holidays(client, demo):
    r = client.get("/api/v1/calendar/between", {"start": "2026-03-16", "end": "2026-04-07"}).json()
    assert r["working_days"] == 10
    rows = client.get("/api/v1/calendar/holidays", {"year": 2026}).json()
    assert len(rows) == 25 and rows[0]["name"] == "Tahun Baru Masehi"


def test_bodies_and_units_are_public(client, demo):
    slugs = [b["slug"] for b in client.get("/api/v1/bodies").json()]
    assert "provinsi-kalimantan-barat" in slugs and len(slugs) == 5
    units = client.get("/api/v1/bodies/kota-bontang/units").json()
    assert {"perumda-air-minum", "diskominfo"} <= {u["slug"] for u in units}
    hukum = next(u for u in units if u["slug"] == "bagian-hukum")
    assert hukum["parent"] == "setda"
    assert client.get("/api/v1/bodies/tidak-ada").status_code == 404


def test_openapi_and_docs(client, demo):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calendar/add" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_every_operation_is_authenticated_or_explicitly_public(client):
    """An endpoint with no auth must say it is public on purpose."""
    schema = api.get_openapi_schema()
    unmarked = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if not op.get("security") and op.get("x-terbuka-policy") != "public":
                unmarked.append(f"{method.upper()} {path}")
    assert unmarked == []


def test_between_next_and_received_explain_themselves(client, demo):
    r = client.get("/api/v1/calendar/between", {"start": "2026-03-16", "end": "2026-04-07"}).json()
    assert r["working_days"] == 10 and r["skipped"][0]["date"] == "2026-03-18" and len(r["skipped"]) == 12
    r = client.get("/api/v1/calendar/next", {"date": "2026-03-17"}).json()
    assert r["date"] == "2026-03-25" and [s["date"] for s in r["skipped"]][:2] == ["2026-03-18", "2026-03-19"]
    # 16:30 WITA in Kupang is after office hours: received the next working day, due 10 days later.
    r = client.get(
        "/api/v1/calendar/received", {"at": "2026-03-13T16:30:00+08:00", "body": "kota-kupang", "days": 10}
    ).json()
    assert r["date"] == "2026-03-16" and "setelah jam layanan" in r["reason"] and r["due"] == "2026-04-07"
    bad = client.get("/api/v1/calendar/received", {"at": "2026-03-13T16:30:00", "body": "kota-kupang"})
    assert bad.status_code == 400 and "zona waktu" in bad.json()["message"]
