"""Password reset by e-mail ("lupa kata sandi", issue 9 item 8; issue 7 item 8): linked from the login page,
the same answer for known and unknown addresses, limited per client address, the new password checked by
the validators, audited."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from terbuka.core.models import Event

PPID = "ppid.kota-serang"


def test_login_page_links_to_reset(client, demo):
    page = client.get("/masuk/").content.decode()
    assert 'href="/masuk/lupa/"' in page
    assert "Lupa kata sandi" in page


def test_reset_mail_sets_a_new_password_audited(client, users, settings):
    settings.SITE_URL = "https://ppid.contoh.go.id"
    user = users[PPID]
    r = client.post("/masuk/lupa/", {"email": user.email}, REMOTE_ADDR="10.5.0.1")
    assert r.status_code == 302 and r.headers["Location"] == "/masuk/lupa/terkirim/"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "kata sandi" in body and user.username in body
    link = re.search(r"https://ppid\.contoh\.go\.id(/masuk/atur-ulang/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    url = form.redirect_chain[-1][0]
    weak = client.post(url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200  # refused by the validators, the form again
    assert "terlalu pendek" in weak.content.decode() or "too short" in weak.content.decode()
    done = client.post(url, {"new_password1": "Kupang-Terbuka-2026", "new_password2": "Kupang-Terbuka-2026"})
    assert done.status_code == 302
    assert Client().login(username=PPID, password="Kupang-Terbuka-2026")
    ev = Event.objects.get(action="user.password_reset", object_id=str(user.pk))
    assert "Kupang-Terbuka-2026" not in str(ev.new)


def test_unknown_address_gets_the_same_answer_and_no_mail(client, demo):
    known = client.post("/masuk/lupa/", {"email": f"{PPID}@demo.terbuka.localhost"}, REMOTE_ADDR="10.5.0.2")
    unknown = client.post("/masuk/lupa/", {"email": "siapa@tidak-ada.example"}, REMOTE_ADDR="10.5.0.3")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert len(mail.outbox) == 1


def test_reset_requests_are_limited_per_address(client, demo, settings):
    settings.TERBUKA_PASSWORD_RESET_PER_HOUR = 3
    for _ in range(3):
        assert (
            client.post("/masuk/lupa/", {"email": "x@tidak-ada.example"}, REMOTE_ADDR="10.5.1.1").status_code
            == 302
        )
    r = client.post("/masuk/lupa/", {"email": f"{PPID}@demo.terbuka.localhost"}, REMOTE_ADDR="10.5.1.1")
    assert r.status_code == 429
    assert "Terlalu banyak permintaan" in r.content.decode()
    assert len(mail.outbox) == 0
    other = client.post("/masuk/lupa/", {"email": f"{PPID}@demo.terbuka.localhost"}, REMOTE_ADDR="10.5.1.2")
    assert other.status_code == 302 and len(mail.outbox) == 1


def test_a_used_link_is_refused_with_a_message(client, users):
    client.post("/masuk/lupa/", {"email": users[PPID].email}, REMOTE_ADDR="10.5.2.1")
    link = re.search(r"(/masuk/atur-ulang/\S+/)", mail.outbox[0].body).group(1)
    url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": "Kupang-Terbuka-2026", "new_password2": "Kupang-Terbuka-2026"})
    again = Client().get(link, follow=True)
    assert "tidak berlaku lagi" in again.content.decode()
