"""Malformed input on the SOP pages answers 400 or a clean refusal, never 500 (issue #7 item 11)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from .. import loader, services
from ..models import Sop
from .engine_kit import complete, open_tasks
from .test_engine import sop, start  # noqa: F401  (fixture)


@pytest.mark.parametrize("to_step", ["abc", "", "1.5", "-1", "9" * 7, "\u0661"])
def test_return_with_a_malformed_step_is_400(client, sop, users, to_step):  # noqa: F811
    case = start(sop, users)
    [task] = open_tasks(case)
    complete(task)
    [task] = [t for t in open_tasks(case)][:1]
    client.force_login(users["ppid.kota-serang"])
    r = client.post(f"/kerja/sop/tugas/{task.pk}/kembalikan/", {"to_step": to_step, "note": "x"})
    assert r.status_code == 400, r.status_code
    assert "langkah tujuan" in r.content.decode()


def test_closing_an_unknown_fanout_step_is_refused_cleanly(client, sop, users):  # noqa: F811
    case = start(sop, users)
    client.force_login(users["ppid.kota-serang"])
    for step in (99, 1, 2**40):
        r = client.post(f"/kerja/sop/proses/{case.pk}/sebar/{step}/tutup/", {"reason": "x"}, follow=True)
        assert r.status_code == 200, step
        page = r.content.decode()
        assert any(m in page for m in ("bukan langkah sebar", "tidak sedang menunggu", "tidak ada dalam SOP"))
    with pytest.raises(ValidationError):
        services.fanout_close(actor=users["ppid.kota-serang"], case=case, step_no=99)


RECURSIVE = b"format: terbuka-sop/1\nidentitas: &a\n  nama: [*a]\n"


def test_recursive_yaml_upload_is_400(client, bodies, users):
    client.force_login(users["ppid.kota-serang"])
    r = client.post(
        "/kerja/sop/badan/kota-serang/unggah/",
        {"slug": "bom", "file": SimpleUploadedFile("bom.yaml", RECURSIVE)},
    )
    assert r.status_code == 400
    assert "bom.yaml" in r.content.decode()
    assert not Sop.objects.filter(slug="bom").exists()


@pytest.mark.parametrize("error", [RecursionError("deep"), MemoryError(), ValueError("x"), KeyError("k")])
def test_whatever_the_loader_raises_the_upload_is_400(client, bodies, users, monkeypatch, error):
    def exploding(*args, **kwargs):
        raise error

    monkeypatch.setattr(services, "load_definition", exploding)
    client.force_login(users["ppid.kota-serang"])
    r = client.post(
        "/kerja/sop/badan/kota-serang/unggah/",
        {"slug": "x", "file": SimpleUploadedFile("x.yaml", b"format: terbuka-sop/1\n")},
    )
    assert r.status_code == 400 and "x.yaml" in r.content.decode()
    assert loader  # the real loader is untouched by this test
