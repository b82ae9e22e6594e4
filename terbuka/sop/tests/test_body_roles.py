"""A body defines its own role (an objection team) and binds a SOP lane to it, without code."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core import services as core
from terbuka.core.models import Position

from .. import services
from .engine_kit import complete, open_tasks

SOURCE = """\
format: terbuka-sop/1
identitas: {nama: Keberatan oleh tim}
pelaksana:
  - {kode: petugas, nama: Petugas, peran: petugas}
  - {kode: tim, nama: Tim Keberatan, peran: tim_keberatan}
langkah:
  - {no: 1, kegiatan: Mencatat keberatan, pelaksana: petugas}
  - {no: 2, kegiatan: Membahas keberatan, pelaksana: tim}
"""


def test_a_body_role_binds_a_lane_without_code(client, bodies, users):
    serang, kupang = bodies["kota-serang"], bodies["kota-kupang"]
    # unknown before the body defines it: the file names the role and the line
    with pytest.raises(services.SopInvalid) as err:
        services.sop_adopt(actor=None, body=serang, slug="keberatan-tim", source=SOURCE, filename="k.yaml")
    assert any(
        "k.yaml:5: pelaksana[kode=tim].peran: peran tidak dikenal: 'tim_keberatan'" in m
        for m in err.value.messages
    )
    admin = users["admin.kota-serang"]
    with pytest.raises(PermissionDenied):
        core.body_role_save(actor=users["petugas.kota-serang"], body=serang, code="tim_keberatan", name="Tim")
    with pytest.raises(ValidationError):
        core.body_role_save(actor=admin, body=serang, code="ppid", name="Tiruan")  # a built-in code
    core.body_role_save(actor=admin, body=serang, code="tim_keberatan", name="Tim Penanganan Keberatan")
    member = Position.objects.get(body=serang, holder=users["kabag-hukum.kota-serang"])
    core.position_add_role(actor=admin, position=member, role="tim_keberatan")
    version = services.sop_adopt(
        actor=None, body=serang, slug="keberatan-tim", source=SOURCE, filename="k.yaml"
    )
    # another body does not have the role
    with pytest.raises(services.SopInvalid):
        services.sop_adopt(actor=None, body=kupang, slug="keberatan-tim", source=SOURCE, filename="k.yaml")
    case = services.case_start(actor=users["petugas.kota-serang"], sop=version.sop, title="Keberatan 1")
    complete(open_tasks(case)[0])
    [task] = open_tasks(case)
    assert task.role == "tim_keberatan"
    with pytest.raises(PermissionDenied):
        services.task_complete(actor=users["ppid.kota-serang"], task=task)
    services.task_complete(actor=users["kabag-hukum.kota-serang"], task=task)
    case.refresh_from_db()
    assert case.status == "done"
    # the page where the administrator does it
    client.force_login(admin)
    page = client.get("/kerja/kota-serang/peran/").content.decode()
    assert "Tim Penanganan Keberatan" in page and "tim_keberatan" in page
    client.force_login(users["petugas.kota-serang"])
    assert client.post("/kerja/kota-serang/peran/", {"code": "x_y", "name": "X"}).status_code == 403
