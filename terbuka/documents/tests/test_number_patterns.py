"""Number patterns are the documented placeholders, written bare; Python's format language is not reachable
(issue #7 item 10): `{tahun:>200000000}` made a 200 MB page, `{tahun:s}` a 500."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from terbuka.core.models import Event
from terbuka.documents import numbering, services
from terbuka.documents.models import NumberPattern

pytestmark = pytest.mark.django_db

# (pattern, what the message must name)
BAD = [
    ("{tahun:>200000000}/{nomor}", "{tahun:>200000000} — format (:>200000000)"),
    ("{klasifikasi}/{nomor}/{tahun:s}", "{tahun:s} — format (:s)"),
    ("{nomor:03d}/{tahun}", "{nomor:03d} — format (:03d)"),
    ("{tahun:{nomor}}/{nomor}", "{tahun:{nomor}} — format (:{nomor})"),
    ("{nomor!r}/{tahun}", "{nomor!r} — konversi (!r)"),
    ("{nomor[0]}/{tahun}", "{nomor[0]} — indeks [ ] atau titik"),
    ("{nomor.real}/{tahun}", "{nomor.real} — indeks [ ] atau titik"),
    ("{}/{nomor}/{tahun}", "{} — isian kosong"),
    ("{nomor}/{tahun}/" + "X" * numbering.MAX_PATTERN, "terlalu panjang"),
]


@pytest.mark.parametrize(("pattern", "named"), BAD)
def test_service_refuses_format_language(users, bodies, pattern, named):
    with pytest.raises(ValidationError) as err:
        services.pattern_set(
            actor=users["ppid.kota-serang"], body=bodies["kota-serang"], kind="nota_dinas", pattern=pattern
        )
    assert named in " ".join(err.value.messages)
    assert not NumberPattern.objects.exists()
    assert not Event.objects.filter(action="documents.pattern_set").exists()


@pytest.mark.parametrize(("pattern", "named"), BAD)
def test_register_pattern_is_held_to_the_same_rule(users, bodies, pattern, named):
    with pytest.raises(ValidationError, match="Pola nomor"):
        services.pattern_set(
            actor=users["ppid.kota-serang"],
            body=bodies["kota-serang"],
            kind="sk_dik",
            pattern="{nomor}/{tahun}",
            register_pattern=pattern,
        )


@pytest.mark.parametrize(("pattern", "named"), BAD)
def test_web_form_answers_400_naming_the_problem(client, users, pattern, named):
    client.force_login(users["ppid.kota-serang"])
    resp = client.post(
        reverse("documents:pattern", args=["kota-serang"]), {"kind": "nota_dinas", "pattern": pattern}
    )
    assert resp.status_code == 400
    assert named in html.unescape(resp.content.decode())
    assert not NumberPattern.objects.exists()


def test_a_stored_pattern_from_before_the_rule_fails_clearly_instead_of_printing(bodies):
    body = bodies["kota-serang"]
    NumberPattern.objects.create(body=body, kind="nota_dinas", pattern="{tahun:>5000}/{nomor}")
    with pytest.raises(ValidationError, match="format"):
        numbering.draft_number(body=body, kind="nota_dinas", day=dt.date(2026, 3, 16))


def test_bare_placeholders_and_literal_braces_still_work(users, bodies):
    body = bodies["kota-serang"]
    services.pattern_set(
        actor=users["ppid.kota-serang"],
        body=body,
        kind="nota_dinas",
        pattern="{{ND}}/{nomor3}/{bulan_romawi}/{tahun}",
    )
    assert (
        numbering.draft_number(body=body, kind="nota_dinas", day=dt.date(2026, 3, 16)) == "{ND}/……/III/2026"
    )
