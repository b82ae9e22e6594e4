"""One rule lists and opens exempted files (issue #7 item 13): the officials of an exempted letter's sign-off
chain see it in their archive list and may open it; an official outside the chain does neither."""

from __future__ import annotations

import pytest
from django.urls import reverse

from terbuka.documents import policies, selectors, services
from terbuka.documents.signoff import Signer

pytestmark = pytest.mark.django_db


@pytest.fixture
def exempt_letter(users, bodies):
    return services.generate_document(
        actor=users["petugas.kota-serang"],
        body=bodies["kota-serang"],
        kind="nota_dinas",
        context={
            "yth": "Wali Kota",
            "dari": "Kabag Hukum",
            "hal": "Rekam medis sengketa",
            "isi": ["Rahasia."],
        },
        signers=[Signer(None, "kabag_hukum", kind="paraf"), Signer(None, "kepala_daerah")],
        classification="dikecualikan",
    )


def _listed(user, stored) -> bool:
    return selectors.archive_for_user(user, stored.body).filter(pk=stored.pk).exists()


@pytest.mark.parametrize("username", ["kabag-hukum.kota-serang", "kepala-daerah.kota-serang"])
def test_chain_official_sees_it_listed_and_opens_it(client, users, exempt_letter, username):
    user = users[username]
    assert _listed(user, exempt_letter)
    assert policies.can_open_file(user, exempt_letter) == (True, "pejabat dalam rantai paraf/tanda tangan")
    client.force_login(user)
    html = client.get(reverse("documents:archive", args=["kota-serang"])).content.decode()
    assert reverse("documents:file", args=["kota-serang", exempt_letter.pk]) in html
    assert (
        client.get(reverse("documents:download", args=["kota-serang", exempt_letter.pk])).status_code == 200
    )


@pytest.mark.parametrize("username", ["asisten.kota-serang", "kepala-dinas.kota-serang", "admin.kota-serang"])
def test_official_outside_the_chain_neither_sees_nor_opens(client, users, exempt_letter, username):
    user = users[username]
    assert not _listed(user, exempt_letter)
    assert not policies.can_open_file(user, exempt_letter)[0]
    client.force_login(user)
    html = client.get(reverse("documents:archive", args=["kota-serang"])).content.decode()
    assert reverse("documents:file", args=["kota-serang", exempt_letter.pk]) not in html
    assert (
        client.get(reverse("documents:download", args=["kota-serang", exempt_letter.pk])).status_code == 403
    )


def test_drafter_sees_and_opens_every_file_of_the_letter(users, exempt_letter):
    drafter = users["petugas.kota-serang"]
    assert _listed(drafter, exempt_letter) and policies.can_open_file(drafter, exempt_letter)[0]


def test_listing_and_opening_decide_through_the_same_function(monkeypatch, users, exempt_letter):
    calls: list[str] = []
    real = policies.exempt_filter

    def spy(user, body, **kwargs):
        calls.append(user.username)
        return real(user, body, **kwargs)

    monkeypatch.setattr(policies, "exempt_filter", spy)
    user = users["kabag-hukum.kota-serang"]
    _listed(user, exempt_letter)
    policies.can_open_file(user, exempt_letter)
    assert calls == [user.username, user.username]


def test_every_member_listing_equals_opening_for_a_chained_letter(users, exempt_letter):
    roles = [
        "petugas",
        "ppid",
        "atasan-ppid",
        "tim-uji",
        "kepala-daerah",
        "kabag-hukum",
        "asisten",
        "kepala-dinas",
    ]
    outcomes = set()
    for name in [f"{r}.kota-serang" for r in [*roles, "admin"]] + ["ppid-pembantu.dinkes.kota-serang"]:
        user = users[name]
        allowed = policies.can_open_file(user, exempt_letter)[0]
        assert _listed(user, exempt_letter) == allowed, name
        outcomes.add(allowed)
    assert outcomes == {True, False}
