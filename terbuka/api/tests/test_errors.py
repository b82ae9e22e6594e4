"""The API's errors are documented in its schema and worded in Indonesian (issue #7 item 11)."""

from terbuka.api.urls import api


def test_every_operation_documents_its_error_answers():
    schema = api.get_openapi_schema()
    assert schema["components"]["schemas"]["Error"]["required"] == ["message"]
    for path, item in schema["paths"].items():
        for method, op in item.items():
            codes = {int(c) for c in op["responses"]}
            expected = {400, 404} if op.get("x-terbuka-policy") == "public" else {400, 401, 403, 404}
            assert expected <= codes, (method, path, codes)


def test_calendar_parameters_say_what_they_are():
    params = {
        p["name"]: p["schema"]
        for p in api.get_openapi_schema()["paths"]["/api/v1/calendar/add"]["get"]["parameters"]
    }
    assert params["start"]["format"] == "date"
    assert (params["days"]["minimum"], params["days"]["maximum"]) == (0, 1000)


def test_validation_errors_are_in_indonesian(client, db):
    r = client.get("/api/v1/calendar/add", {"start": "2026-03-16", "days": "abc"})
    assert r.status_code == 400
    assert r.json()["message"] == "Masukan tidak sah: days: harus bilangan bulat"
    r = client.get("/api/v1/calendar/add", {"start": "2026-03-16"})
    assert r.json()["message"] == "Masukan tidak sah: days: wajib diisi"
