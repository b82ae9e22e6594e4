"""A body's own template is accepted only if it renders the kind's sample; errors name every unknown field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from terbuka.documents import kinds, services
from terbuka.documents.models import BodyTemplate
from terbuka.documents.signoff import Signer

from .helpers import docx_text
from .helpers import template_docx as _template

pytestmark = pytest.mark.django_db


def test_broken_template_refused_with_every_unknown_field_named(users, bodies, upload):
    data = _template("Nomor {{ nomor }}", "Kepada {{ penerima }}", "{{ ttd.gelar }}", "{{ hal_surat }}")
    with pytest.raises(ValidationError) as err:
        services.template_upload(
            actor=users["ppid.kota-serang"],
            body=bodies["kota-serang"],
            kind="surat_dinas",
            file=upload("t.docx", data),
        )
    message = " ".join(err.value.messages)
    for name in ("penerima", "hal_surat", "ttd.gelar"):
        assert name in message
    assert "nomor," not in message.split("Isian yang tersedia")[0]
    assert not BodyTemplate.objects.exists()


def test_jinja_syntax_error_refused(users, bodies, upload):
    with pytest.raises(ValidationError, match="penulisan isian salah pada baris"):
        services.template_upload(
            actor=users["ppid.kota-serang"],
            body=bodies["kota-serang"],
            kind="surat_dinas",
            file=upload("t.docx", _template("{{ nomor ")),
        )


def test_good_template_accepted_and_used(users, bodies, upload):
    body = bodies["kota-serang"]
    data = _template(
        "SURAT KHUSUS {{ badan_upper }}",
        "No. {{ nomor }} — {{ hal }}",
        "{% for p in isi %}{{ p }} {% endfor %}",
        "{{ ttd.jabatan }} {{ ttd.nama }}",
    )
    row = services.template_upload(
        actor=users["ppid.kota-serang"], body=body, kind="surat_dinas", file=upload("t.docx", data)
    )
    assert row.is_active
    kadis = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=kadis,
        body=body,
        kind="surat_dinas",
        context={"yth": "Kepala Dinas Kesehatan", "hal": "Coba", "isi": ["Paragraf."]},
        signers=[Signer(kadis, "kepala_dinas")],
        sign_now=True,
    )
    with default_storage.open(stored.file.name, "rb") as fh:
        text = docx_text(fh.read())
    assert "SURAT KHUSUS PEMERINTAH KOTA SERANG" in text
    assert f"No. {stored.document.number} — Coba" in text and stored.document.number


def test_builtin_templates_pass_their_own_check():
    from terbuka.documents.rendering import check_template

    for kind in kinds.REGISTRY.values():
        check_template(kind, kind.template_path.read_bytes())


def test_ppid_returns_to_the_builtin_template_from_the_kind_list(client, users, bodies, upload):
    from django.urls import reverse

    body = bodies["kota-serang"]
    data = _template("SURAT KHUSUS {{ badan_upper }}", "No. {{ nomor }} — {{ hal }}")
    services.template_upload(
        actor=users["ppid.kota-serang"], body=body, kind="surat_dinas", file=upload("t.docx", data)
    )
    url = reverse("documents:template-reset", args=["kota-serang", "surat_dinas"])
    client.force_login(users["petugas.kota-serang"])
    assert client.post(url).status_code == 403
    client.force_login(users["ppid.kota-serang"])
    assert url in client.get(reverse("documents:kinds", args=["kota-serang"])).content.decode()
    assert client.post(url).status_code == 302
    assert not BodyTemplate.objects.filter(is_active=True).exists()
    assert BodyTemplate.objects.filter(kind="surat_dinas").count() == 1  # kept on record
