"""Tenancy and roles: two bodies, two units, a requester, an outsider (issue #2 item 4)."""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from terbuka.core import people, policies, services
from terbuka.core.models import Unit
from terbuka.core.roles import Role


def test_member_sees_own_body_only(bodies, users):
    serang, kupang = bodies["kota-serang"], bodies["kota-kupang"]
    ppid = users["ppid.kota-serang"]
    assert policies.can_view_internal(ppid, serang)
    assert not policies.can_view_internal(ppid, kupang)
    assert list(policies.visible_bodies(ppid)) == [serang]


def test_requester_and_anonymous_see_no_internal_data(bodies, users, client):
    from django.contrib.auth.models import AnonymousUser

    for body in bodies.values():
        assert not policies.can_view_internal(users["pemohon"], body)
        assert not policies.can_view_internal(AnonymousUser(), body)
    assert list(policies.visible_bodies(users["pemohon"])) == []


def test_site_admin_sees_every_body(bodies, users):
    assert set(policies.visible_bodies(users["admin"])) == set(bodies.values())


def test_assistant_ppid_is_bound_to_their_unit(bodies, users):
    serang = bodies["kota-serang"]
    dinkes = Unit.objects.get(body=serang, slug="dinkes")
    disdik = Unit.objects.get(body=serang, slug="disdik")
    a = users["ppid-pembantu.dinkes.kota-serang"]
    b = users["ppid-pembantu.disdik.kota-serang"]
    assert people.has_role(a, serang, Role.PPID_PEMBANTU, dinkes)
    assert not people.has_role(a, serang, Role.PPID_PEMBANTU, disdik)
    assert people.holders_of(serang, Role.PPID_PEMBANTU, dinkes) == [a]
    assert people.holders_of(serang, Role.PPID_PEMBANTU, disdik) == [b]
    assert not policies.can_view_audit(a, serang)


def test_audit_visibility_by_role(bodies, users):
    serang = bodies["kota-serang"]
    assert policies.can_view_audit(users["ppid.kota-serang"], serang)
    assert policies.can_view_audit(users["admin.kota-serang"], serang)
    assert not policies.can_view_audit(users["petugas.kota-serang"], serang)
    assert not policies.can_view_audit(users["ppid.kota-kupang"], serang)


def test_audit_log_page_is_404_to_another_body(client, bodies, users):
    client.force_login(users["ppid.kota-kupang"])
    assert client.get("/kerja/kota-serang/audit/").status_code == 404
    client.force_login(users["petugas.kota-serang"])
    assert client.get("/kerja/kota-serang/audit/").status_code == 404
    client.force_login(users["ppid.kota-serang"])
    response = client.get("/kerja/kota-serang/audit/")
    assert response.status_code == 200
    assert b"Pemerintah Kota Kupang" not in response.content


def test_audit_log_filters(client, bodies, users):
    serang = bodies["kota-serang"]
    services.body_update(actor=users["admin.kota-serang"], body=serang, phone="(0254) 999")
    client.force_login(users["ppid.kota-serang"])
    page = client.get("/kerja/kota-serang/audit/", {"aksi": "body.update"}).content.decode()
    assert "(0254) 999" in page and "unit.create" not in page.split("<tbody>")[1]
    page = client.get("/kerja/kota-serang/audit/", {"pelaku": "admin.kota-serang"}).content.decode()
    assert "body.update" in page.split("<tbody>")[1]
    page = client.get("/kerja/kota-serang/audit/", {"pelaku": "tidak-ada"}).content.decode()
    assert "Tidak ada peristiwa yang cocok" in page


def test_acting_official_holds_the_role_for_the_date_range_only(bodies, users):
    serang = bodies["kota-serang"]
    kadis = users["kepala-dinas.kota-serang"]
    acting = users["petugas.kota-serang"]
    position = kadis.positions.get()
    services.acting_assign(
        actor=users["admin.kota-serang"],
        position=position,
        acting_user=acting,
        kind="plh",
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 13),
        decree="Surat Perintah Walikota 800/12/2026",
    )
    inside = people.grants_for(acting, serang, on=dt.date(2026, 3, 5))
    kadis_grant = next(g for g in inside if g.role == Role.KEPALA_DINAS)
    assert kadis_grant.acting_kind == "plh"
    assert kadis_grant.label() == "Plh. Kepala Dinas Komunikasi dan Informatika"
    assert Role.PETUGAS in {g.role for g in inside}  # keeps their own role too
    fresh = type(acting).objects.get(pk=acting.pk)
    after = people.grants_for(fresh, serang, on=dt.date(2026, 3, 14))
    assert Role.KEPALA_DINAS not in {g.role for g in after}


def test_acting_official_is_recorded_on_whose_behalf(bodies, users):
    from terbuka.core.models import Event, Holiday

    serang = bodies["kota-serang"]
    acting = users["petugas.kota-serang"]
    position = users["ppid.kota-serang"].positions.get()
    today = people.today_in(serang)
    services.acting_assign(
        actor=None, position=position, acting_user=acting, kind="plt", starts_on=today, ends_on=today
    )
    grant = people.grant_for(acting, serang, Role.PPID)
    assert grant is not None and grant.acting is not None
    services.holiday_save(
        actor=acting,
        date=dt.date(2026, 10, 20),
        name="HUT Kota",
        kind=Holiday.Kind.DAERAH,
        body=serang,
        acting=grant.acting,
    )
    ev = Event.objects.filter(body=serang, action="holiday.create").get()
    assert ev.actor == acting and ev.acting_for == position and ev.acting_kind == "plt"


def test_holder_cannot_act_for_own_position(bodies, users):
    from django.core.exceptions import ValidationError

    ppid = users["ppid.kota-serang"]
    with pytest.raises(ValidationError):
        services.acting_assign(
            actor=None,
            position=ppid.positions.get(),
            acting_user=ppid,
            kind="plt",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 1, 2),
        )


def test_unit_hierarchy_cannot_loop(bodies):
    from django.core.exceptions import ValidationError

    setda = Unit.objects.get(body=bodies["kota-serang"], slug="setda")
    hukum = Unit.objects.get(body=bodies["kota-serang"], slug="bagian-hukum")
    with pytest.raises(ValidationError):
        services.unit_update(actor=None, unit=setda, parent=hukum)
    other = Unit.objects.get(body=bodies["kota-kupang"], slug="setda")
    with pytest.raises(ValidationError):
        services.unit_update(actor=None, unit=hukum, parent=other)


def _walk(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_every_view_declares_a_policy():
    """A view without @policy would be an unguarded door. Django's own admin and i18n views are exempt."""
    exempt_prefixes = ("admin/", "i18n/", "jsi18n/", "api/v1/")  # the API is checked in test_api
    missing = []
    for route, pattern in _walk(get_resolver()):
        if route.startswith(exempt_prefixes):
            continue
        callback = pattern.callback
        view = getattr(callback, "view_class", None)
        marked = getattr(callback, "terbuka_policy", None) or getattr(
            getattr(view, "dispatch", None), "terbuka_policy", None
        )
        if not marked:
            missing.append(route)
    assert missing == []


@pytest.mark.parametrize("debug", [False, True])
def test_media_is_never_served_directly(client, demo, settings, debug):
    """Archived files are only reachable through the logged download view (UU 14/2008 Pasal 54)."""
    import importlib

    from django.urls import Resolver404, clear_url_caches, resolve

    import config.urls

    settings.DEBUG = debug
    try:
        clear_url_caches()
        importlib.reload(config.urls)  # the URLconf is built under this DEBUG value
        with pytest.raises(Resolver404):
            resolve(settings.MEDIA_URL + "arsip/kota-serang/2026/11/x/rahasia.pdf")
    finally:
        settings.DEBUG = False
        clear_url_caches()
        importlib.reload(config.urls)


def test_services_refuse_actors_without_the_role(bodies, users):
    """The rule lives in the services, so the API, the admin and future callers cannot skip it."""
    from django.core.exceptions import PermissionDenied

    from terbuka.core.models import Holiday

    serang, kupang = bodies["kota-serang"], bodies["kota-kupang"]
    with pytest.raises(PermissionDenied):  # a desk officer does not set holidays
        services.holiday_save(
            actor=users["petugas.kota-serang"],
            date=dt.date(2026, 7, 1),
            name="x",
            kind=Holiday.Kind.DAERAH,
            body=serang,
        )
    with pytest.raises(PermissionDenied):  # nor does another body's PPID
        services.holiday_save(
            actor=users["ppid.kota-kupang"],
            date=dt.date(2026, 7, 1),
            name="x",
            kind=Holiday.Kind.DAERAH,
            body=serang,
        )
    with pytest.raises(PermissionDenied):  # national days are the site administrator's
        services.holiday_save(
            actor=users["ppid.kota-serang"], date=dt.date(2026, 7, 1), name="x", kind=Holiday.Kind.KHUSUS
        )
    with pytest.raises(PermissionDenied):
        services.acting_assign(
            actor=users["admin.kota-kupang"],
            position=users["ppid.kota-serang"].positions.get(),
            acting_user=users["petugas.kota-serang"],
            kind="plt",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 1, 2),
        )
    with pytest.raises(PermissionDenied):
        services.body_update(actor=users["ppid.kota-kupang"], body=kupang, phone="1")
    services.body_update(actor=users["admin.kota-kupang"], body=kupang, phone="1")
