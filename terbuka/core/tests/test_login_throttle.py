"""Login throttle (issue 7 item 8): per account and per client address, audited, unlockable by the body's
administrator; the admin's own login page is no way around it."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from terbuka.core import login_guard
from terbuka.core.models import Event, LoginThrottle

PPID = "ppid.kota-serang"
RIGHT = settings.TERBUKA_DEMO_PASSWORD


def _login(client: Client, username: str, password: str, addr: str = "10.0.0.1"):
    return client.post("/masuk/", {"username": username, "password": password}, REMOTE_ADDR=addr)


def test_ten_failures_lock_the_account_even_for_the_right_password(client, users):
    for i in range(9):
        r = _login(client, PPID, f"salah-{i}")
        assert r.status_code == 200, i  # the form again, with its error
    r = _login(client, PPID, "salah-terakhir")
    assert r.status_code == 429
    r = _login(client, PPID, RIGHT)
    assert r.status_code == 429
    text = r.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in text
    assert r.headers["Retry-After"]
    assert "_auth_user_id" not in client.session


def test_failures_and_lock_out_are_audited_on_the_body_chain(client, users, bodies):
    for i in range(10):
        _login(client, PPID, f"salah-{i}", addr=f"10.0.0.{i}")  # one per address: only the account locks
    user = users[PPID]
    failed = Event.objects.filter(action="login.failed", object_id=str(user.pk))
    assert failed.count() == 10
    assert {e.chain for e in failed} == {f"body:{bodies['kota-serang'].pk}"}
    assert sorted(e.new["address"] for e in failed) == sorted(f"10.0.0.{i}" for i in range(10))
    locked = Event.objects.filter(action="login.locked", object_id=str(user.pk))
    assert locked.count() == 1


def test_unknown_usernames_fail_on_the_site_chain_and_lock_like_real_ones(client, demo):
    for i in range(10):
        _login(client, "tidak-ada-orangnya", f"salah-{i}", addr=f"10.0.1.{i}")
    failed = Event.objects.filter(action="login.failed", object_repr="tidak-ada-orangnya")
    assert failed.count() == 10
    assert {e.chain for e in failed} == {"site"}
    # The same answer as for an existing account: no way to tell which usernames exist.
    assert _login(client, "tidak-ada-orangnya", "x", addr="10.0.1.99").status_code == 429


def test_one_address_is_limited_across_accounts(client, users):
    for i in range(10):
        _login(client, f"tebakan{i}", "salah", addr="10.9.9.9")
    assert Event.objects.filter(action="login.locked", new__scope="alamat").count() == 1
    r = _login(client, PPID, RIGHT, addr="10.9.9.9")
    assert r.status_code == 429
    assert "alamat" in r.content.decode()
    assert _login(Client(), PPID, RIGHT, addr="10.9.9.10").status_code == 302  # another address: fine


def test_the_lock_ends_after_its_time(client, users, monkeypatch):
    for i in range(10):
        _login(client, PPID, f"salah-{i}")
    later = timezone.now() + timezone.timedelta(minutes=settings.TERBUKA_LOGIN_LOCK_MINUTES, seconds=1)
    monkeypatch.setattr(login_guard.timezone, "now", lambda: later)
    assert _login(client, PPID, RIGHT).status_code == 302


def test_a_success_clears_the_accounts_failures(client, users):
    for i in range(9):
        _login(client, PPID, f"salah-{i}", addr=f"10.0.0.{i}")
    assert _login(client, PPID, RIGHT, addr="10.0.5.1").status_code == 302
    client.logout()
    assert (
        _login(client, PPID, "salah-lagi", addr="10.0.5.2").status_code == 200
    )  # one failure, not the tenth


def test_admin_login_goes_through_the_same_door(client, demo):
    r = client.get("/admin/login/?next=/admin/")
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/masuk/")
    for i in range(10):
        _login(client, "admin", f"salah-{i}")
    assert client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": RIGHT}
    ).status_code in {
        302,
        429,
    }
    assert "_auth_user_id" not in client.session


def test_a_logged_in_non_staff_user_at_the_admin_gets_403_not_a_redirect_loop(client, users):
    client.force_login(users[PPID])
    r = client.get("/admin/", follow=True)
    assert r.status_code == 403
    assert len(r.redirect_chain) <= 2


def test_body_admin_unlocks_an_account_of_their_body_audited(client, users, bodies):
    for i in range(10):
        _login(client, PPID, f"salah-{i}", addr=f"10.1.0.{i}")
    admin = Client()
    admin.force_login(users["admin.kota-serang"])
    page = admin.get("/kerja/kota-serang/akun-terkunci/")
    assert page.status_code == 200
    assert PPID in page.content.decode()
    r = admin.post("/kerja/kota-serang/akun-terkunci/buka/", {"username": PPID})
    assert r.status_code == 302
    ev = Event.objects.get(action="login.unlock")
    assert ev.actor == users["admin.kota-serang"]
    assert ev.chain == f"body:{bodies['kota-serang'].pk}"
    assert _login(client, PPID, RIGHT, addr="10.1.1.1").status_code == 302


def test_another_bodys_admin_cannot_unlock(client, users):
    for i in range(10):
        _login(client, PPID, f"salah-{i}")
    other = Client()
    other.force_login(users["admin.kota-kupang"])
    r = other.post("/kerja/kota-kupang/akun-terkunci/buka/", {"username": PPID})
    assert r.status_code in {403, 404}
    assert not Event.objects.filter(action="login.unlock").exists()
    assert _login(client, PPID, RIGHT).status_code == 429


def test_the_unlock_page_is_for_admins_only(users):
    c = Client()
    c.force_login(users[PPID])
    assert c.get("/kerja/kota-serang/akun-terkunci/").status_code == 403


@pytest.mark.postgresql(reason="SQLite serialises every writer, so there is no race to test")
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_tries_at_the_boundary_do_not_both_slip_through():
    from terbuka.core.models import User

    User.objects.create_user("balapan", password="benar-sekali-123")
    # Nine failures recorded: the next one locks. Eight parallel wrong tries race for the tenth place.
    for i in range(9):
        with pytest.raises(login_guard.Failed):
            login_guard.attempt(None, "balapan", f"salah-{i}", address=f"10.2.0.{i}")
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def tryer(i: int) -> None:
        try:
            barrier.wait()
            login_guard.attempt(None, "balapan", f"paralel-{i}", address=f"10.3.0.{i}")
            outcomes.append("ok")
        except login_guard.Locked:
            outcomes.append("locked")
        except login_guard.Failed:
            outcomes.append("failed")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tryer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # The tenth failure locks (and says so); no try after it is even checked, let alone counted.
    assert outcomes == ["locked"] * 8
    assert Event.objects.filter(action="login.failed", object_repr="balapan").count() == 10
    assert Event.objects.filter(action="login.locked", object_repr="balapan").count() == 1
    assert LoginThrottle.objects.get(key="akun:balapan").locked_until > timezone.now()
    # And the right password is refused too while the lock lasts.
    with pytest.raises(login_guard.Locked):
        login_guard.attempt(None, "balapan", "benar-sekali-123", address="10.4.0.1")
