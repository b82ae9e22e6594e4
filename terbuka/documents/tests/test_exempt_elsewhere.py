"""Pages outside the archive (an SOP case's files and outputs) show exempted material only under the
archive's rule: its subject, label or file name to those who may read it, its kind to everyone else
(issue #7 item 7: "exempted content is shown nowhere without the same policy")."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from terbuka.documents import archive, services
from terbuka.documents.signoff import Signer
from terbuka.sop import services as sop_services
from terbuka.sop.tests.test_documents_integration import SOURCE

from .conftest import minimal_pdf

pytestmark = pytest.mark.django_db

SECRET = "Zulkarnain"


@pytest.fixture
def case(bodies, users):
    version = sop_services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="uji-rahasia", source=SOURCE, filename="t.yaml"
    )
    return sop_services.case_start(
        actor=users["petugas.kota-serang"], sop=version.sop, title="Uji kerahasiaan"
    )


@pytest.fixture
def letter(users, bodies, case):
    return services.generate_document(
        actor=users["petugas.kota-serang"],
        body=bodies["kota-serang"],
        kind="nota_dinas",
        context={"yth": "Wali Kota", "dari": "Kabag Hukum", "hal": f"Sengketa {SECRET}", "isi": ["Rahasia."]},
        signers=[Signer(None, "kabag_hukum", kind="paraf"), Signer(None, "kepala_daerah")],
        classification="dikecualikan",
        case=case,
        step_no=1,
        label=f"Nota {SECRET}",
    )


def _render(obj, user) -> str:
    return Template("{% load documents_tags %}{{ obj|readable_title:user }}").render(
        Context({"obj": obj, "user": user})
    )


def test_readable_title_follows_the_rule(users, letter):
    document = letter.document
    assert _render(document, users["kabag-hukum.kota-serang"]) == f"Sengketa {SECRET}"
    assert _render(document, users["asisten.kota-serang"]) == "Nota Dinas (dikecualikan)"
    assert _render(letter, users["kabag-hukum.kota-serang"]) == letter.original_name
    assert _render(letter, users["asisten.kota-serang"]) == "Berkas dikecualikan"


def test_case_page_hides_exempted_labels_and_names_from_members_without_the_role(
    client, users, bodies, upload, case, letter
):
    archive.store_upload(
        actor=users["ppid-pembantu.dinkes.kota-serang"],
        body=bodies["kota-serang"],
        file=upload(f"rm-{SECRET}.pdf", minimal_pdf()),
        label=f"Rekam medis {SECRET}",
        classification="dikecualikan",
        unit=bodies["kota-serang"].units.get(slug="dinkes"),
        case=case,
        step_no=1,
    )
    url = f"/kerja/sop/proses/{case.pk}/"
    client.force_login(users["asisten.kota-serang"])
    html = client.get(url).content.decode()
    assert SECRET not in html and "Berkas dikecualikan" in html
    client.force_login(users["ppid.kota-serang"])
    html = client.get(url).content.decode()
    assert f"Rekam medis {SECRET}" in html and f"Nota {SECRET}" in html
