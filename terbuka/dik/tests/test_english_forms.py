"""An action's form labels, help texts and input errors follow the request's language: the Indonesian
``Field(title=gettext_noop(...))`` is translated when the form is built (terbuka/sop/inputs.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from terbuka.dik.actions import RoundInput
from terbuka.registry.actions import UsulanForm
from terbuka.sop import actions
from terbuka.sop.inputs import form_class_for


def test_form_labels_and_help_texts_in_english_and_indonesian():
    with translation.override("en"):
        form = form_class_for(RoundInput)()
        assert form.fields["tahun"].label == "DIK year"
        assert form.fields["batas_usulan"].label == "Deadline for the assistant PPIDs' proposals"
        # dip_usulkan's own form (rows): the row labels follow the language too
        usulan = UsulanForm()
        assert str(usulan.fields["sertakan_yang_ada"].label).startswith("Include the unit's information")
        row = usulan.rows.empty_form
        assert [str(row.fields[n].label) for n in ("judul", "kategori", "bentuk", "tahun")] == [
            "Title",
            "Category",
            "Form",
            "Year",
        ]
    with translation.override("id"):
        form = form_class_for(RoundInput)()
        assert form.fields["tahun"].label == "Tahun DIK"
        assert str(UsulanForm().rows.empty_form.fields["kategori"].label) == "Kategori"


def test_input_errors_name_the_field_in_the_active_language():
    cls = actions.get("dik_buka_putaran")
    action = cls(cls.Params())
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        action.parse_input({"tahun": "dua ribu", "batas_usulan": "2026-03-01"})
    text = " ".join(exc.value.messages)
    assert "DIK year" in text and "Tahun DIK" not in text


def test_action_labels_are_translated():
    with translation.override("en"):
        assert str(actions.get("dip_mulai").label) == "Open a DIP edition"
    with translation.override("id"):
        assert str(actions.get("dip_mulai").label) == "Buka edisi DIP"
