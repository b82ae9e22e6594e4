"""Exempted content in the Django admin follows the archive's rule and log (issue #7 item 7)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from terbuka.core.models import Event
from terbuka.documents import services
from terbuka.documents.exempt_admin import uses_exempt_rule
from terbuka.documents.models import FileAccess
from terbuka.documents.signoff import Signer

SECRET_SUBJECT = "Sengketa rekam medis pasien Zulkarnain"
SECRET_TEXT = "Diagnosis pasien Zulkarnain adalah rahasia"
SECRET_LABEL = "Rekam medis Zulkarnain"
TEXT_FIELDS = {"CharField", "TextField", "JSONField", "FileField", "SlugField", "EmailField", "URLField"}


def test_every_admin_of_a_classified_model_uses_the_rule():
    """A new ModelAdmin (or inline) of a model with ``classification`` cannot forget exempted content."""
    checked = 0
    for model, model_admin in admin.site._registry.items():
        for inline in model_admin.inlines:
            assert not _classified(inline.model), (
                f"{model_admin}: inline {inline.__name__} shows classified rows"
            )
        if not _classified(model):
            continue
        checked += 1
        assert uses_exempt_rule(model_admin), f"{type(model_admin).__name__} must use ExemptContentAdmin"
        text = {f.name for f in model._meta.concrete_fields if f.get_internal_type() in TEXT_FIELDS}
        declared = set(model_admin.exempt_content_fields) | set(model_admin.exempt_metadata_fields)
        assert text <= declared, f"{model.__name__}: decide content or metadata for {sorted(text - declared)}"
    assert checked >= 2  # StoredFile and Document


def _classified(model) -> bool:
    return any(f.name == "classification" for f in model._meta.get_fields())


@pytest.fixture
def letter(users, bodies):
    stored = services.generate_document(
        actor=users["petugas.kota-serang"],
        body=bodies["kota-serang"],
        kind="nota_dinas",
        context={"yth": "Wali Kota", "dari": "Kabag Hukum", "hal": SECRET_SUBJECT, "isi": [SECRET_TEXT]},
        signers=[Signer(None, "kabag_hukum", kind="paraf"), Signer(None, "kepala_daerah")],
        classification="dikecualikan",
    )
    return stored.document


@pytest.fixture
def exempt_file(exempt_upload):
    return exempt_upload(label=SECRET_LABEL, name="rm-zulkarnain.pdf")


def _viewed(obj) -> int:
    return Event.objects.filter(action="documents.exempt_content_viewed", object_id=str(obj.pk)).count()


@pytest.mark.django_db
def test_site_admin_sees_no_exempted_text_on_change_pages(admin_client, letter, exempt_file):
    html = admin_client.get(reverse("admin:documents_document_change", args=[letter.pk])).content.decode()
    assert letter.kind in html  # the row is there …
    assert "Zulkarnain" not in html and "dikecualikan" in html  # … but not what it says
    html = admin_client.get(
        reverse("admin:documents_storedfile_change", args=[exempt_file.pk])
    ).content.decode()
    assert exempt_file.sha256 in html and "Zulkarnain" not in html
    assert _viewed(letter) == _viewed(exempt_file) == 0


@pytest.mark.django_db
def test_allowed_official_sees_it_and_the_view_is_logged(client, users, letter, exempt_file):
    ppid = users["ppid.kota-serang"]
    ppid.is_staff = ppid.is_superuser = True
    ppid.save()
    client.force_login(ppid)
    html = client.get(reverse("admin:documents_document_change", args=[letter.pk])).content.decode()
    assert SECRET_SUBJECT in html and SECRET_TEXT in html
    assert _viewed(letter) == 1
    html = client.get(reverse("admin:documents_storedfile_change", args=[exempt_file.pk])).content.decode()
    assert SECRET_LABEL in html
    assert _viewed(exempt_file) == 1
    access = FileAccess.objects.get(stored_file=exempt_file, user=ppid)
    assert access.allowed and access.reason.startswith("peran PPID") and access.reason.endswith("(admin)")


@pytest.mark.django_db
def test_list_pages_never_show_exempted_content(client, users, letter, exempt_file):
    ppid = users["ppid.kota-serang"]
    ppid.is_staff = ppid.is_superuser = True
    ppid.save()
    client.force_login(ppid)  # even to an allowed official: a list would be reading in bulk, unlogged
    client.get(reverse("documents:download", args=["kota-serang", exempt_file.pk]))  # a FileAccess row
    assert FileAccess.objects.filter(stored_file=exempt_file).exists()
    pages = ("document_changelist", "storedfile_changelist", "fileaccess_changelist")
    for page in pages:
        html = client.get(reverse(f"admin:documents_{page}")).content.decode()
        assert "Zulkarnain" not in html, page
    html = client.get(reverse("admin:documents_storedfile_changelist")).content.decode()
    assert "— dikecualikan —" in html  # the label column of the exempted row


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "term"),
    [
        ("admin:documents_document_changelist", "Zulkarnain"),
        ("admin:documents_storedfile_changelist", "Zulkarnain"),
        ("admin:documents_storedfile_changelist", "rm-zulkarnain"),
    ],
)
def test_search_cannot_reveal_exempted_text_by_its_results(admin_client, letter, exempt_file, url, term):
    page = admin_client.get(reverse(url), {"q": term})
    assert page.status_code == 200
    assert page.context["cl"].result_count == 0


@pytest.mark.django_db
def test_search_on_metadata_still_finds_exempted_rows(admin_client, letter, exempt_file):
    page = admin_client.get(reverse("admin:documents_storedfile_changelist"), {"q": exempt_file.sha256})
    assert [f.pk for f in page.context["cl"].result_list] == [exempt_file.pk]


@pytest.mark.django_db
def test_exempted_letter_revisions_leave_no_text_in_the_audit_trail(users, letter):
    services.document_revise(
        actor=users["petugas.kota-serang"],
        document=letter,
        context={
            "yth": "Wali Kota",
            "dari": "Kabag Hukum",
            "hal": SECRET_SUBJECT,
            "isi": ["Zulkarnain dirawat."],
        },
    )
    event = Event.objects.get(action="documents.document_revised", object_id=str(letter.pk))
    assert "Zulkarnain" not in str(event.old) + str(event.new)
    assert set(event.new) == {"isi"} and event.new["isi"].startswith("sha256:")


@pytest.mark.django_db
def test_exempted_file_label_stays_out_of_titles_and_the_audit_trail(exempt_file):
    assert "Zulkarnain" not in str(exempt_file)
    for event in Event.objects.filter(object_id=str(exempt_file.pk)):
        assert "Zulkarnain" not in f"{event.object_repr} {event.old} {event.new} {event.note}", event.action
