"""The readable audit trail (issue 9 item 4): sentences, before → after, chain status, filters, exports."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from unittest.mock import patch

import pytest
from django.db import connection, transaction

from terbuka.core import audit, audit_labels, services
from terbuka.core.audit_actions_scan import recorded_actions
from terbuka.core.models import Event

URL = "/kerja/kota-kupang/audit/"


def test_every_action_the_code_records_has_a_label():
    found = recorded_actions()
    assert len(found) > 40, found  # the scan sees the code (a broken scan must not pass silently)
    missing = {a: where for a, where in found.items() if a not in audit_labels.LABELS}
    assert not missing, f"Aksi audit tanpa label di terbuka/core/audit_labels.py: {missing}"
    unused = set(audit_labels.LABELS) - set(found)
    assert not unused, f"Label untuk aksi yang tidak lagi dicatat: {sorted(unused)}"


def test_scan_sees_literals_variables_fstrings_and_defaults(tmp_path, monkeypatch):
    from terbuka.core import audit_actions_scan

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text(
        "def f(x, action='x.default'):\n"
        "    audit.record(action='x.literal')\n"
        "    name = 'x.var_a' if x else 'x.var_b'\n"
        "    audit.record(action=name)\n"
        "    audit.record(action=f\"x.{'one' if x else 'two'}\")\n"
        "    helper(action='x.passed')\n"
        "    parser.add_argument('--y', action='append')\n"
    )
    monkeypatch.setattr(audit_actions_scan, "ROOT", pkg)
    assert set(audit_actions_scan.recorded_actions()) == {
        "x.default",
        "x.literal",
        "x.var_a",
        "x.var_b",
        "x.one",
        "x.two",
        "x.passed",
    }


@pytest.mark.django_db
def test_page_shows_sentences_changes_and_chain_status(client, users, bodies):
    body = bodies["kota-kupang"]
    services.body_update(actor=users["admin.kota-kupang"], body=body, phone="0380-111")
    client.force_login(users["ppid.kota-kupang"])
    html = client.get(URL).content.decode()
    admin_name = users["admin.kota-kupang"].display_name()
    assert f"{admin_name} mengubah data badan publik «{body.name}»." in html
    assert "0380-111" in html and "→" in html
    assert "{&#x27;" not in html and "{'" not in html  # no Python dicts
    assert 'id="chain-status"' in html and "Rantai utuh" in html
    # Tamper with one event: the page says the chain is broken, and where.
    event = Event.objects.filter(body=body).order_by("seq").first()
    with connection.cursor() as cur:  # edited directly in the database
        cur.execute("UPDATE core_event SET note = %s WHERE id = %s", ["diubah diam-diam", event.pk])
    # The page walks only events since its last check; the whole chain is walked on request (and daily).
    assert "Rantai utuh" in client.get(URL).content.decode()
    assert client.post(URL, {"periksa": "penuh"}).status_code == 302
    html = client.get(URL).content.decode()
    assert "Rantai rusak" in html and f"Peristiwa #{event.seq}" in html
    # The break stays on the page while new events arrive, until a full check passes again.
    services.body_update(actor=users["admin.kota-kupang"], body=body, phone="0380-112")
    assert "Rantai rusak" in client.get(URL).content.decode()


@pytest.mark.django_db
def test_the_page_walks_only_new_events(client, users, bodies):
    body = bodies["kota-kupang"]
    client.force_login(users["ppid.kota-kupang"])
    client.get(URL)
    services.body_update(actor=users["admin.kota-kupang"], body=body, phone="0380-113")
    walked = []
    real = audit.verify
    with patch.object(audit, "verify", lambda *a, **kw: walked.append(kw.get("since")) or real(*a, **kw)):
        html = client.get(URL).content.decode()
    head = audit.ChainHead.objects.get(chain=audit.chain_of(body))
    assert walked == [(head.seq - 1, Event.objects.get(chain=head.chain, seq=head.seq - 1).hash)]
    assert f"sampai #{head.seq}" in html


@pytest.mark.django_db
def test_filters_narrow_the_list(client, users, bodies):
    body = bodies["kota-kupang"]
    services.body_update(actor=users["admin.kota-kupang"], body=body, phone="0380-222")
    client.force_login(users["ppid.kota-kupang"])
    html = client.get(URL, {"aksi": "body.update"}).content.decode()
    assert "mengubah data badan publik" in html
    table = html.split("<tbody>")[1]
    assert table.count("<tr>") == Event.objects.filter(body=body, action="body.update").count()
    html = client.get(URL, {"aksi": "body.update", "pelaku": "tidak-ada-orang-ini"}).content.decode()
    assert "Tidak ada peristiwa yang cocok." in html


@pytest.mark.django_db
def test_csv_export(client, users, bodies):
    body = bodies["kota-kupang"]
    services.body_update(actor=users["admin.kota-kupang"], body=body, phone="0380-444")
    with transaction.atomic():
        audit.record(actor=users["admin.kota-kupang"], body=body, action="body.update", note="=HYPERLINK(1)")
    client.force_login(users["ppid.kota-kupang"])
    response = client.get(URL, {"unduh": "csv", "aksi": "body.update"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (
        rows[0][0] == "No. urut"
        and len(rows) == 1 + Event.objects.filter(body=body, action="body.update").count()
    )
    assert any("mengubah data badan publik" in r[3] for r in rows[1:])
    assert any(r[5] == "'=HYPERLINK(1)" for r in rows[1:])  # formula-looking text is quoted, not run


@pytest.mark.django_db
def test_xlsx_export_opens_in_libreoffice_calc(client, users, bodies, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) dibutuhkan untuk tes ini; lihat README"
    body = bodies["kota-kupang"]
    services.body_update(actor=users["admin.kota-kupang"], body=body, phone="0380-333 <&>")
    client.force_login(users["ppid.kota-kupang"])
    response = client.get(URL, {"unduh": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    path = tmp_path / "audit.xlsx"
    path.write_bytes(response.content)
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    out = tmp_path / "audit.csv"
    assert out.exists(), (
        "LibreOffice Calc tidak dapat membuka XLSX ini (tanpa Calc: apt-get install libreoffice-calc-nogui): "
        + done.stdout
        + done.stderr
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["No. urut", "Waktu", "Pelaku", "Peristiwa"]
    assert len(rows) == 1 + Event.objects.filter(body=body).count()
    assert any("0380-333 <&>" in r[4] and "→" in r[4] for r in rows[1:])
    assert any("mengubah data badan publik" in r[3] for r in rows[1:])


def test_changes_hide_fields_that_show_no_change():
    """A new record's empty fields showed as "step no: — → —"; only what a reader sees change is shown."""
    event = Event(old={}, new={"step_no": None, "label": "SK DIK", "size": 46048, "note": ""})
    shown = [(c.field, c.before, c.after) for c in audit_labels.changes(event)]
    assert shown == [("keterangan", "—", "SK DIK"), ("ukuran (bita)", "—", "46048")]
