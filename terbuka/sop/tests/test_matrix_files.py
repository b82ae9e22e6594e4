"""The public SOP matrix PDF is rendered once per version and served from storage (issue #7 item 5)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from .. import matrix, matrix_files, services
from ..matrix_files import MatrixFile
from .engine_kit import complete, open_tasks
from .test_engine import SOURCE, start

URL = "/badan/kota-serang/sop/uji/matriks.pdf"


@pytest.fixture(autouse=True)
def media_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
    }


@pytest.fixture
def renders(monkeypatch) -> Iterator[list[str]]:
    """Count WeasyPrint renders (each stands for ~1 s of CPU); the output names what was drawn."""
    calls: list[str] = []

    def fake_render(defn, progress=None, title=None):
        calls.append(title or defn.identitas.nama)
        return b"%PDF-1.4 " + repr(sorted((progress or {}).items())).encode()

    monkeypatch.setattr(matrix, "render_pdf", fake_render)
    yield calls


@pytest.fixture
def version(bodies):
    return services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="uji", source=SOURCE, filename="uji.yaml"
    )


def test_public_pdf_is_rendered_once_and_served_with_caching_headers(client, version, renders):
    first = client.get(URL)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    etag = first["ETag"]
    assert version.sha256 in etag and "public" in first["Cache-Control"]
    for _ in range(5):
        again = client.get(URL)
        assert again.status_code == 200 and again.content == first.content
    assert len(renders) == 1
    not_modified = client.get(URL, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified["ETag"] == etag
    assert len(renders) == 1
    stored = MatrixFile.objects.get(key__startswith=f"sop/{version.sha256}/id/")
    assert stored.status == MatrixFile.Status.READY and default_storage.exists(stored.file)


def test_each_language_is_its_own_file(client, version, renders):
    client.get(URL)
    client.cookies["django_language"] = "en"
    r = client.get(URL)
    assert r.status_code == 200 and "-en-" in r["ETag"]
    assert len(renders) == 2
    client.get(URL)
    assert len(renders) == 2


def test_while_another_request_renders_the_answer_is_503_with_retry_after(client, version, renders):
    key, digest = matrix_files.version_key(version, "id")
    MatrixFile.objects.create(
        key=key, digest=digest, status=MatrixFile.Status.RENDERING, claim="other", claimed_at=timezone.now()
    )
    r = client.get(URL)
    assert r.status_code == 503 and r["Retry-After"] == str(matrix_files.RETRY_AFTER)
    assert "sedang disiapkan" in r.content.decode()
    assert renders == []
    # The renderer died: its stale claim is taken over once.
    MatrixFile.objects.filter(key=key).update(claimed_at=timezone.now() - matrix_files.STALE_AFTER * 2)
    assert client.get(URL).status_code == 200 and len(renders) == 1


def test_concurrent_claims_render_once(version, renders):
    """Ten requests arrive while the first renders: only the claimant renders, the others are told to wait."""
    outcomes = []

    def render_and_see_others() -> bytes:
        for _ in range(10):
            outcomes.append(matrix_files.public_pdf(version, "id"))
        return b"%PDF-1.4 once"

    key, digest = matrix_files.version_key(version, "id")
    first = matrix_files.obtain(key, digest, "sop-matriks/x.pdf", render_and_see_others)
    assert isinstance(first, matrix_files.Ready)
    assert all(isinstance(o, matrix_files.Busy) for o in outcomes) and len(outcomes) == 10
    assert renders == []  # the fake render above was the only one


def test_adopting_a_version_renders_it_in_the_background(
    bodies, renders, settings, django_capture_on_commit_callbacks, client
):
    settings.TERBUKA_SOP_PDF_PRERENDER = True
    with django_capture_on_commit_callbacks(execute=True):
        version = services.sop_adopt(
            actor=None, body=bodies["kota-serang"], slug="uji", source=SOURCE, filename="uji.yaml"
        )
    assert len(renders) == 2  # Indonesian and English, by the task, not by a visitor
    assert MatrixFile.objects.filter(key__contains=version.sha256, status="ready").count() == 2
    assert client.get(URL).status_code == 200
    assert len(renders) == 2


def test_case_pdf_is_cached_per_progress(client, version, users, renders):
    case = start(version.sop, users)
    client.force_login(users["ppid.kota-serang"])
    url = f"/kerja/sop/proses/{case.pk}/matriks.pdf"
    a = client.get(url)
    assert a.status_code == 200 and "private" in a["Cache-Control"]
    assert client.get(url).content == a.content
    assert len(renders) == 1
    assert client.get(url, headers={"If-None-Match": a["ETag"]}).status_code == 304
    old = MatrixFile.objects.get(key=f"case/{case.pk}/id").file
    [task] = open_tasks(case)
    complete(task)
    b = client.get(url)
    assert b.status_code == 200 and b.content != a.content and b["ETag"] != a["ETag"]
    assert len(renders) == 2
    assert not default_storage.exists(old)  # the previous progress is not kept


def test_real_render_once(client, version):
    """With WeasyPrint itself: the file served is the PDF matrix."""
    r = client.get(URL)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert client.get(URL, headers={"If-None-Match": r["ETag"]}).status_code == 304
