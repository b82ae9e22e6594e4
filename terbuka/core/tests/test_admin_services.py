"""The Django admin writes through the services: their rules and their audit events apply there too."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.test import RequestFactory

from terbuka.core.models import Event, Holiday, Unit


def test_every_admin_is_read_only_or_writes_through_the_services(users):
    request = RequestFactory().get("/admin/")
    request.user = users["admin"]
    loose = []
    for model, model_admin in admin.site._registry.items():
        if getattr(model_admin, "writes_through_services", False):
            continue
        if model._meta.app_label in {"auth", "django_tasks_database", "django_tasks_db"}:
            continue
        writable = (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
        if writable:
            loose.append(model._meta.label)
    assert loose == [], f"admin pages that write around the services: {loose}"


def test_a_unit_made_in_the_admin_follows_the_service_rules_and_is_audited(client, users, bodies):
    client.force_login(users["admin"])
    serang, kupang = bodies["kota-serang"], bodies["kota-kupang"]
    foreign_parent = Unit.objects.filter(body=kupang).first()
    r = client.post(
        "/admin/core/unit/add/",
        {
            "body": serang.pk,
            "name": "Bagian Baru",
            "slug": "bagian-baru",
            "kind": "bagian",
            "parent": foreign_parent.pk,
            "is_active": "on",
        },
    )
    assert not Unit.objects.filter(slug="bagian-baru").exists()
    assert "Unit induk harus berada di badan publik yang sama." in r.content.decode()
    r = client.post(
        "/admin/core/unit/add/",
        {
            "body": serang.pk,
            "name": "Bagian Baru",
            "slug": "bagian-baru",
            "kind": "bagian",
            "is_active": "on",
        },
    )
    assert r.status_code == 302
    unit = Unit.objects.get(slug="bagian-baru", body=serang)
    assert Event.objects.filter(action="unit.create", object_id=str(unit.pk), actor=users["admin"]).exists()


def test_a_holiday_changed_in_the_admin_moves_the_calendar(client, users):
    from terbuka.core.workdays import calendar_for

    client.force_login(users["admin"])
    day = dt.date(2026, 6, 10)  # a Wednesday
    assert calendar_for(None).is_working_day(day)
    r = client.post(
        "/admin/core/holiday/add/",
        {"date": day.isoformat(), "name": "Pilkada", "kind": "khusus", "decree": "Keppres 1/2026"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    assert not calendar_for(None).is_working_day(day)
    assert Event.objects.filter(action="holiday.create", note="").exists()
    holiday = Holiday.objects.get(date=day, body=None)
    client.post(f"/admin/core/holiday/{holiday.pk}/delete/", {"post": "yes"})
    assert calendar_for(None).is_working_day(day)
    assert Event.objects.filter(action="holiday.delete").exists()


def test_a_position_made_in_the_admin_gets_its_roles_through_the_service(client, users, bodies):
    from terbuka.core.models import Position

    client.force_login(users["admin"])
    serang = bodies["kota-serang"]
    data = {"body": serang.pk, "title": "PPID Pembantu Baru", "roles": ["ppid_pembantu"], "is_active": "on"}
    r = client.post("/admin/core/position/add/", data)
    assert "harus terikat pada satu unit kerja" in r.content.decode()
    assert not Position.objects.filter(title="PPID Pembantu Baru").exists()
    unit = Unit.objects.filter(body=serang).first()
    r = client.post("/admin/core/position/add/", {**data, "unit": unit.pk})
    assert r.status_code == 302
    position = Position.objects.get(title="PPID Pembantu Baru")
    assert list(position.roles.values_list("role", flat=True)) == ["ppid_pembantu"]
    assert Event.objects.filter(action="position.create", object_id=str(position.pk)).exists()
