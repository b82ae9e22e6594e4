"""Information items: who may record them, the rules every writer meets, and the audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.models import Event, Unit
from terbuka.registry import services
from terbuka.registry.models import Category, Source


def test_office_records_and_publishes_an_item(users, bodies):
    serang = bodies["kota-serang"]
    item = services.item_create(
        actor=users["petugas.kota-serang"],
        body=serang,
        title="Laporan keuangan 2025",
        category=Category.BERKALA,
    )
    assert not item.is_public and item.source == Source.PETUGAS
    item = services.item_publish(actor=users["ppid.kota-serang"], item=item, category=Category.BERKALA)
    assert item.is_public
    assert Event.objects.filter(action="registry.item.update", object_id=str(item.pk)).exists()


def test_rules_and_permissions(users, bodies):
    serang, kupang = bodies["kota-serang"], bodies["kota-kupang"]
    dinkes = Unit.objects.get(body=serang, slug="dinkes")
    with pytest.raises(PermissionDenied):
        services.item_create(
            actor=users["ppid.kota-kupang"], body=serang, title="x", category=Category.BERKALA
        )
    with pytest.raises(ValidationError):
        services.item_create(actor=None, body=serang, title=" ", category=Category.BERKALA)
    with pytest.raises(ValidationError):
        services.item_create(
            actor=None, body=serang, title="Rahasia", category=Category.DIKECUALIKAN, is_public=True
        )
    with pytest.raises(ValidationError):
        services.item_create(
            actor=None,
            body=serang,
            title="x",
            category=Category.BERKALA,
            unit=Unit.objects.filter(body=kupang).first(),
        )
    # a PPID Pembantu records its own unit's items, not another unit's
    pembantu = users["ppid-pembantu.dinkes.kota-serang"]
    services.item_create(
        actor=pembantu, body=serang, title="Profil Dinkes", category=Category.BERKALA, unit=dinkes
    )
    other = Unit.objects.filter(body=serang).exclude(pk=dinkes.pk).first()
    with pytest.raises(PermissionDenied):
        services.item_create(
            actor=pembantu, body=serang, title="Bukan miliknya", category=Category.BERKALA, unit=other
        )
