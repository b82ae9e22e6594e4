"""SOP API: public listings, start a case, my tasks, complete with files (multipart), read a case."""

from __future__ import annotations

import pytest

from terbuka.core import services as core_services

from .. import services
from ..models import Sop, Task
from .engine_kit import pdf
from .test_engine import SOURCE


@pytest.fixture
def sop(bodies) -> Sop:
    return services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="uji", source=SOURCE, filename="uji.yaml"
    ).sop


def bearer(users, name: str) -> dict[str, str]:
    _, key = core_services.token_create(actor=None, user=users[name])
    return {"Authorization": f"Bearer {key}"}


def test_public_list_and_detail(client, sop):
    data = client.get("/api/v1/sops?body=kota-serang").json()
    assert [s["slug"] for s in data] == ["uji"]
    steps = data[0]["langkah"]
    assert [s["no"] for s in steps] == [1, 2, 3, 4]
    assert steps[1]["jenis"] == "sebar" and steps[1]["hari_kerja"] == 3
    assert steps[2]["ya"] == 4 and steps[2]["tidak"] == 1
    one = client.get(f"/api/v1/sops/{sop.pk}").json()
    assert one["title"] == "Uji mesin SOP" and one["total_hari_kerja"] == 1 + 3 + 2 + 3
    assert client.get("/api/v1/sops?body=tidak-ada").status_code == 404
    assert client.get("/api/v1/sops?body=kota-kupang").json() == []


def test_start_complete_and_read_case(client, sop, users):
    petugas = bearer(users, "petugas.kota-serang")
    r = client.post(
        f"/api/v1/sops/{sop.pk}/cases",
        {"title": "Lewat API"},
        content_type="application/json",
        headers=petugas,
    )
    assert r.status_code == 201, r.content
    case = r.json()
    [task] = case["tasks"]
    assert task["step_no"] == 1 and task["due_date"]
    mine = client.get("/api/v1/tasks/mine", headers=petugas).json()
    assert [t["id"] for t in mine] == [task["id"]]
    # files as multipart, one label per file
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete",
        {"note": "ok", "labels": ["Nota dinas"], "files": [pdf()]},
        headers=petugas,
    )
    assert (
        r.status_code == 400 and "Output wajib dilampirkan: Surat permintaan usulan." in r.json()["message"]
    )
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete",
        {
            "note": "ok",
            "labels": ["Nota dinas", "Surat permintaan usulan"],
            "files": [pdf("a.pdf"), pdf("b.pdf")],
        },
        headers=petugas,
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["task"]["status"] == "done" and len(body["opened"]) >= 2
    assert {t["step_no"] for t in body["opened"]} == {2}
    # again: a clear message
    r = client.post(f"/api/v1/tasks/{task['id']}/complete", {"note": "lagi"}, headers=petugas)
    assert r.status_code == 400 and "sudah diselesaikan oleh" in r.json()["message"]
    read = client.get(f"/api/v1/cases/{case['id']}", headers=bearer(users, "kabag-hukum.kota-serang")).json()
    assert [t["status"] for t in read["tasks"]].count("open") == len(body["opened"])
    assert read["total_working_days"] == 9


def test_decision_over_api_and_role_checks(client, sop, users):
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Keputusan API")
    from .engine_kit import complete, open_tasks

    while open_tasks(case)[0].step_no != 3:
        complete(open_tasks(case)[0])
    task = open_tasks(case)[0]
    r = client.post(
        f"/api/v1/tasks/{task.pk}/complete", {"note": "x"}, headers=bearer(users, "ppid.kota-serang")
    )
    assert r.status_code == 400 and "Ya atau Tidak" in r.json()["message"]
    r = client.post(
        f"/api/v1/tasks/{task.pk}/complete", {"decision": "ya"}, headers=bearer(users, "petugas.kota-serang")
    )
    assert r.status_code == 403
    r = client.post(
        f"/api/v1/tasks/{task.pk}/complete", {"decision": "ya"}, headers=bearer(users, "ppid.kota-serang")
    )
    assert r.status_code == 200 and r.json()["task"]["decision"] is True


def test_other_body_and_anonymous(client, sop, users):
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Internal")
    task = case.tasks.get()
    outsider = bearer(users, "ppid.kota-kupang")
    assert client.get(f"/api/v1/cases/{case.pk}", headers=outsider).status_code == 404
    assert client.post(f"/api/v1/tasks/{task.pk}/complete", {}, headers=outsider).status_code == 404
    r = client.post(
        f"/api/v1/sops/{sop.pk}/cases", {"title": "x"}, content_type="application/json", headers=outsider
    )
    assert r.status_code == 404
    assert client.get("/api/v1/tasks/mine", headers=outsider).json() == []
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 401
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN


def test_unknown_api_paths_answer_json_404(client):
    for method in (client.get, client.post):
        r = method("/api/v1/tidak-ada/sama-sekali")
        assert r.status_code == 404
        assert r["Content-Type"].startswith("application/json")
        assert "tidak dikenal" in r.json()["message"]


def _post(client, url, payload, headers):
    import json

    return client.post(url, json.dumps(payload), content_type="application/json", headers=headers)


def test_every_workflow_operation_is_in_the_api(client, sop, users, bodies):
    from .engine_kit import complete, open_tasks

    ppid = bearer(users, "ppid.kota-serang")
    petugas = bearer(users, "petugas.kota-serang")
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Operasi API")
    [first] = open_tasks(case)
    # list processes with filters
    listed = client.get("/api/v1/cases?body=kota-serang&status=open", headers=ppid).json()
    assert case.pk in [c["id"] for c in listed]
    assert client.get("/api/v1/cases?body=kota-serang&status=ngawur", headers=ppid).status_code == 400
    assert (
        client.get("/api/v1/cases?body=kota-serang", headers=bearer(users, "ppid.kota-kupang")).status_code
        == 404
    )
    # comments
    r = _post(client, f"/api/v1/tasks/{first.pk}/comments", {"text": "Segera ya"}, ppid)
    assert r.status_code == 201 and r.json()["author"] == "ppid.kota-serang"
    assert [c["text"] for c in client.get(f"/api/v1/tasks/{first.pk}/comments", headers=petugas).json()] == [
        "Segera ya"
    ]
    assert _post(client, f"/api/v1/tasks/{first.pk}/comments", {"text": " "}, ppid).status_code == 400
    # reassign
    r = _post(client, f"/api/v1/tasks/{first.pk}/reassign", {"user": "kabag-hukum.kota-serang"}, ppid)
    assert r.status_code == 400 and "tidak memegang peran" in r.json()["message"]
    r = _post(client, f"/api/v1/tasks/{first.pk}/reassign", {"user": "petugas.kota-serang"}, ppid)
    assert r.status_code == 200 and r.json()["assigned_to"] == "petugas.kota-serang"
    complete(first)
    fan = open_tasks(case)
    # close the fan-out by hand: an unknown step and a non-fan-out step are clear 400s
    assert _post(client, f"/api/v1/cases/{case.pk}/fanout/9/close", {"note": ""}, ppid).status_code == 400
    assert _post(client, f"/api/v1/cases/{case.pk}/fanout/1/close", {"note": ""}, ppid).status_code == 400
    r = _post(client, f"/api/v1/cases/{case.pk}/fanout/2/close", {"note": "Batas surat lewat"}, ppid)
    assert r.status_code == 200
    statuses = {t["status"] for t in r.json()["tasks"] if t["step_no"] == 2}
    assert statuses == {"expired"} and len(fan) > 1
    # return from step 3 to step 1, with a note
    [decide] = open_tasks(case)
    assert (
        _post(client, f"/api/v1/tasks/{decide.pk}/return", {"to_step": 1, "note": ""}, ppid).status_code
        == 400
    )
    r = _post(client, f"/api/v1/tasks/{decide.pk}/return", {"to_step": 1, "note": "Ulang"}, ppid)
    assert r.status_code == 200 and [t["step_no"] for t in r.json()] == [1]
    # cancel
    assert (
        _post(
            client, f"/api/v1/cases/{case.pk}/cancel", {"note": "x"}, bearer(users, "kabag-hukum.kota-serang")
        ).status_code
        == 403
    )
    r = _post(client, f"/api/v1/cases/{case.pk}/cancel", {"note": "Uji selesai"}, ppid)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"


def test_sop_versions_uploaded_as_drafts_and_approved_over_the_api(client, sop, users):
    ppid = bearer(users, "ppid.kota-serang")
    new = SOURCE.replace("waktu: 1 hari\n", "waktu: 4 hari\n", 1)
    r = _post(
        client,
        "/api/v1/sops",
        {"body": "kota-serang", "slug": "uji", "source": new},
        bearer(users, "petugas.kota-serang"),
    )
    assert r.status_code == 403
    r = _post(client, "/api/v1/sops", {"body": "kota-serang", "slug": "uji", "source": "format: x\n"}, ppid)
    assert r.status_code == 400 and "sop.yaml:1: format" in r.json()["message"]
    r = _post(
        client,
        "/api/v1/sops",
        {"body": "kota-serang", "slug": "uji", "source": new, "filename": "uji-v2.yaml"},
        ppid,
    )
    assert r.status_code == 201 and r.json()["status"] == "draft"
    version = r.json()["id"]
    assert client.get(f"/api/v1/sops/{sop.pk}").json()["version"] == 1
    r = _post(client, f"/api/v1/sop-versions/{version}/approve", {"note": "Sudah dibahas"}, ppid)
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert client.get(f"/api/v1/sops/{sop.pk}").json()["langkah"][0]["hari_kerja"] == 4
