"""Pages of the shell: workspace, public body page, calendar page and its calculator."""

import pytest


def test_workspace_needs_login(client, demo):
    r = client.get("/kerja/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_workspace_shows_body_roles_and_units(client, users):
    client.force_login(users["ppid-pembantu.dinkes.kota-serang"])
    page = client.get("/kerja/").content.decode()
    assert "Ruang kerja" in page
    assert "Pemerintah Kota Serang" in page and "PPID Pembantu Dinas Kesehatan" in page
    assert "Pemerintah Kota Kupang" not in page
    assert "Jejak audit" not in page  # not for assistant PPIDs


def test_workspace_in_english(client, users):
    client.force_login(users["ppid.kota-serang"])
    # The browser's Accept-Language does not switch the language: Indonesian is the default.
    page = client.get("/kerja/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="id"' in page and "Ruang kerja" in page
    # The switcher does.
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/kerja/"})
    assert r.status_code == 302
    page = client.get("/kerja/").content.decode()
    assert 'lang="en"' in page and "Workspace" in page and "Audit trail" in page


def test_login_page_and_wrong_password(client, demo):
    r = client.post("/masuk/", {"username": "ppid.kota-serang", "password": "salah"})
    assert r.status_code == 200
    assert "dan sandi yang benar" in r.content.decode()
    r = client.post("/masuk/", {"username": "ppid.kota-serang", "password": "terbuka-demo"})
    assert r.status_code == 302 and r["Location"] == "/kerja/"


def test_public_body_page(client, demo):
    page = client.get("/badan/kota-kupang/").content.decode()
    assert "Pemerintah Kota Kupang" in page and "WITA" in page and "Dinas Kesehatan" in page
    assert "/badan/kota-kupang/sop/" in page
    assert client.get("/badan/tidak-ada/").status_code == 404


def test_calendar_page_lists_holidays_and_explains(client, demo):
    page = client.get("/badan/kota-serang/kalender/", {"tahun": 2026}).content.decode()
    assert "Hari Suci Nyepi" in page and "Cuti Bersama Hari Raya Natal" in page
    page = client.get("/badan/kota-serang/kalender/", {"tahun": 2026, "mulai": "2026-03-16", "hari": 10})
    html = page.content.decode()
    assert 'data-date="2026-04-07"' in html and "Selasa, 7 April 2026" in html
    assert "Rabu, 18 Maret 2026 — Cuti Bersama Hari Suci Nyepi" in html


def test_calculator_fragment_for_htmx(client, demo):
    r = client.get(
        "/badan/kota-serang/kalender/", {"mulai": "2026-03-16", "hari": 10}, HTTP_HX_REQUEST="true"
    )
    html = r.content.decode()
    assert "<html" not in html and 'data-date="2026-04-07"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"mulai": "16-03-2026", "hari": 10}, "Tanggal mulai tidak sah"),
        ({"mulai": "2026-03-16", "hari": 5000}, "Jumlah hari kerja harus bilangan bulat"),
        ({"mulai": "2026-03-16", "hari": "x"}, "Jumlah hari kerja harus bilangan bulat"),
    ],
)
def test_calculator_bad_input(client, demo, params, message):
    html = client.get("/badan/kota-serang/kalender/", params).content.decode()
    assert message in html and "data-date" not in html


def test_settings_check_deploy_is_clean_in_production(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "TERBUKA_ENV": "production",
        "SECRET_KEY": "x" * 20 + "y" * 20 + "Z9!@#$%^&*()-_=+" * 2,
        "ALLOWED_HOSTS": "ppid.example.go.id",
        "SITE_URL": "https://ppid.example.go.id",
        "TERBUKA_VAR_DIR": str(tmp_path),
    }
    env.pop("TERBUKA_TESTING", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "from terbuka.cli import main; "
                "main(['terbuka', 'check', '--deploy', '--fail-level', 'WARNING'])",
            ],
            env=env,
            capture_output=True,
            text=True,
        )

    r = check(env)
    assert r.returncode == 0, r.stderr + r.stdout
    assert "no issues" in r.stdout
    # Without SITE_URL, letters would print http://127.0.0.1:8000 in their QR code: a deployment warning.
    env.pop("SITE_URL")
    r = check(env)
    assert r.returncode != 0 and "terbuka.W001" in r.stderr + r.stdout and "SITE_URL" in r.stderr + r.stdout


def test_demo_is_idempotent(demo):
    from terbuka.core.demo import load_demo
    from terbuka.core.models import Position, User

    users, positions = User.objects.count(), Position.objects.count()
    again = load_demo()
    assert again.users_created == 0 and again.bodies_created == 0
    assert (User.objects.count(), Position.objects.count()) == (users, positions)
    assert (
        User.objects.filter(username__startswith="ppid-pembantu.", username__endswith=".kota-bontang").count()
        == 7
    )


def test_ppid_adds_a_regional_holiday_and_deadlines_follow(client, users, bodies):
    import datetime as dt

    from terbuka.core.models import Event, Holiday
    from terbuka.core.workdays import calendar_for

    client.force_login(users["ppid.kota-kupang"])
    r = client.post(
        "/kerja/kota-kupang/hari-libur/",
        {"date": "2026-03-17", "name": "HUT Kota Kupang", "kind": "daerah", "decree": "Kep. Walikota 1/2026"},
    )
    assert r.status_code == 302
    kupang = bodies["kota-kupang"]
    assert calendar_for(kupang).add(dt.date(2026, 3, 16), 1) == dt.date(2026, 3, 25)
    assert Event.objects.filter(
        body=kupang, action="holiday.create", actor=users["ppid.kota-kupang"]
    ).exists()
    holiday = Holiday.objects.get(body=kupang)
    r = client.post(f"/kerja/kota-kupang/hari-libur/{holiday.pk}/hapus/")
    assert r.status_code == 302 and not Holiday.objects.filter(body=kupang).exists()


def test_holiday_form_errors_and_permissions(client, users, demo):
    client.force_login(users["ppid.kota-kupang"])
    html = client.post(
        "/kerja/kota-kupang/hari-libur/", {"date": "bukan", "name": "", "kind": "daerah"}
    ).content.decode()
    assert "Masukkan tanggal yang valid" in html and "Bidang ini tidak boleh kosong" in html
    client.force_login(users["petugas.kota-kupang"])  # member, may look, may not edit
    assert client.get("/kerja/kota-kupang/hari-libur/").status_code == 200
    assert (
        client.post(
            "/kerja/kota-kupang/hari-libur/", {"date": "2026-03-17", "name": "x", "kind": "daerah"}
        ).status_code
        == 403
    )
    client.force_login(users["ppid.kota-serang"])  # outsider
    assert client.get("/kerja/kota-kupang/hari-libur/").status_code == 404


def test_body_admin_appoints_and_revokes_a_plh(client, users, bodies):
    from terbuka.core import people
    from terbuka.core.models import ActingAssignment
    from terbuka.core.roles import Role

    serang = bodies["kota-serang"]
    kadis = users["kepala-dinas.kota-serang"].positions.get()
    acting = users["petugas.kota-serang"]
    today = people.today_in(serang)
    client.force_login(users["admin.kota-serang"])
    r = client.post(
        "/kerja/kota-serang/pelaksana/",
        {
            "position": kadis.pk,
            "acting_user": acting.pk,
            "kind": "plh",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
            "decree": "Surat Perintah 800/1",
        },
    )
    assert r.status_code == 302
    assert people.has_role(type(acting).objects.get(pk=acting.pk), serang, Role.KEPALA_DINAS)
    page = client.get("/kerja/kota-serang/pelaksana/").content.decode()
    assert "Plh. Kepala Dinas Komunikasi dan Informatika" in page
    a = ActingAssignment.objects.get()
    client.post(f"/kerja/kota-serang/pelaksana/{a.pk}/cabut/")
    assert not people.has_role(type(acting).objects.get(pk=acting.pk), serang, Role.KEPALA_DINAS)


def test_acting_form_refuses_outsiders_and_bad_ranges(client, users, bodies):
    kadis = users["kepala-dinas.kota-serang"].positions.get()
    outsider = users["petugas.kota-kupang"]
    client.force_login(users["admin.kota-serang"])
    html = client.post(
        "/kerja/kota-serang/pelaksana/",
        {
            "position": kadis.pk,
            "acting_user": outsider.pk,
            "kind": "plt",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-01",
        },
    ).content.decode()
    assert "Masukkan pilihan yang valid" in html
    assert "Tanggal mulai harus sebelum" in html
    client.force_login(users["ppid.kota-serang"])  # not the body's administrator
    assert client.post("/kerja/kota-serang/pelaksana/", {}).status_code == 403
    client.force_login(users["admin.kota-kupang"])
    assert client.get("/kerja/kota-serang/pelaksana/").status_code == 404


def test_times_are_shown_in_the_body_zone(client, users, bodies):
    """An event at 08:30 UTC is 15:30 WIB in Serang's log and 16:30 WITA in Kupang's."""
    import datetime as dt

    from terbuka.core import services
    from terbuka.core.models import Event

    for slug in ("kota-serang", "kota-kupang"):
        services.body_update(actor=users[f"admin.{slug}"], body=bodies[slug], phone=f"tz-{slug}")
    at = dt.datetime(2026, 3, 17, 8, 30, 5, tzinfo=dt.UTC)
    from django.db import connection

    with connection.cursor() as cur:  # place both events at a known instant (the chain is not verified here)
        cur.execute("UPDATE core_event SET created_at = %s WHERE action = 'body.update'", [at])
    client.force_login(users["ppid.kota-serang"])
    assert "2026-03-17 15:30:05" in client.get("/kerja/kota-serang/audit/").content.decode()
    client.force_login(users["ppid.kota-kupang"])
    assert "2026-03-17 16:30:05" in client.get("/kerja/kota-kupang/audit/").content.decode()
    assert Event.objects.filter(action="body.update").count() == 2


def test_workspace_counts_what_waits_for_me(client, users, demo):
    import io

    from terbuka.documents.demo import seed_demo_documents

    seed_demo_documents(io.StringIO())  # a draft decree waiting for the Kabag Hukum's paraf
    client.force_login(users["kabag-hukum.kota-serang"])
    page = client.get("/kerja/").content.decode()
    waiting = page.split("Menunggu paraf/tanda tangan saya</a>")[1][:80]
    assert '<span class="badge warn">1</span>' in waiting
    client.force_login(users["asisten.kota-serang"])  # next in the chain, not yet their turn
    waiting = client.get("/kerja/").content.decode().split("Menunggu paraf/tanda tangan saya</a>")[1][:80]
    assert '<span class="badge">0</span>' in waiting


def test_workspace_counts_my_tasks_and_late_ones(client, users, demo):
    import datetime as dt

    from terbuka.sop import demo as sop_demo
    from terbuka.sop import services as sop_services
    from terbuka.sop.models import Sop

    sop_demo.adopt_all()
    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    long_ago = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK", now=long_ago)
    client.force_login(users["petugas.kota-kupang"])
    mine = client.get("/kerja/").content.decode().split("Tugas saya</a>")[1][:120]
    assert '<span class="badge">1</span>' in mine and "1 terlambat" in mine


def test_serve_sets_site_url_from_its_port_unless_given(settings, monkeypatch):
    """`make run PORT=8765` → `terbuka serve --port 8765`: letters and e-mails link to that port."""
    import os

    from terbuka.core.management.commands.serve import apply_site_url

    monkeypatch.setenv("SITE_URL", "placeholder")  # recorded, so the test leaves the environment as it was
    monkeypatch.delenv("SITE_URL")
    settings.SITE_URL_GIVEN = False
    assert apply_site_url("0.0.0.0", 8765) == "http://127.0.0.1:8765"
    assert os.environ["SITE_URL"] == settings.SITE_URL == "http://127.0.0.1:8765"
    settings.SITE_URL_GIVEN = True
    settings.SITE_URL = "https://ppid.example.go.id"
    assert apply_site_url("127.0.0.1", 9000) == "https://ppid.example.go.id"
