"""What each audit action means, as an Indonesian sentence (issue 9 item 4).

One registry for every action name the code records (``audit.record(action=…)``); a test
(``core/tests/test_audit_page.py``) reads the sources and fails when an action has no label here. The audit
page, its CSV/XLSX export and the admin show ``sentence(event)``: "Ahmad Nugroho (Plh. Kepala Dinas)
menyelesaikan tugas «Verifikasi usulan»." and the changed fields as "status: terbuka → selesai".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Event

# action -> what the actor did (a verb phrase; the object follows).
LABELS: dict[str, Any] = {
    "user.create": gettext_lazy("membuat akun pengguna"),
    "user.update": gettext_lazy("mengubah akun pengguna"),
    "body.create": gettext_lazy("mendaftarkan badan publik"),
    "body.update": gettext_lazy("mengubah data badan publik"),
    "unit.create": gettext_lazy("menambahkan unit kerja"),
    "unit.update": gettext_lazy("mengubah unit kerja"),
    "position.create": gettext_lazy("membuat jabatan"),
    "position.update": gettext_lazy("mengubah jabatan"),
    "position.holder": gettext_lazy("mengganti pemegang jabatan"),
    "core.position.add_role": gettext_lazy("memberikan peran pada jabatan"),
    "core.position.remove_role": gettext_lazy("mencabut peran dari jabatan"),
    "core.role.save": gettext_lazy("menyimpan peran khusus badan publik"),
    "acting.assign": gettext_lazy("menunjuk pelaksana (Plt./Plh.)"),
    "acting.revoke": gettext_lazy("mencabut penunjukan pelaksana"),
    "holiday.create": gettext_lazy("menambahkan hari libur"),
    "holiday.update": gettext_lazy("mengubah hari libur"),
    "holiday.delete": gettext_lazy("menghapus hari libur"),
    "calendar.sync": gettext_lazy("menyinkronkan kalender hari libur nasional"),
    "token.create": gettext_lazy("membuat token API"),
    "token.revoke": gettext_lazy("mencabut token API"),
    "core.clock.start": gettext_lazy("memulai jangka waktu"),
    "core.clock.pause": gettext_lazy("menghentikan sementara jangka waktu"),
    "core.clock.resume": gettext_lazy("melanjutkan jangka waktu"),
    "core.clock.extend": gettext_lazy("memperpanjang jangka waktu"),
    "core.clock.stop": gettext_lazy("mengakhiri jangka waktu"),
    "documents.document_drafted": gettext_lazy("membuat konsep naskah"),
    "documents.document_paraf": gettext_lazy("memaraf naskah"),
    "documents.document_signed": gettext_lazy("menandatangani naskah"),
    "documents.document_returned": gettext_lazy("mengembalikan naskah kepada konseptor"),
    "documents.document_revised": gettext_lazy("memperbaiki konsep naskah"),
    "document.pdf.retry": gettext_lazy("meminta PDF naskah dibuat ulang"),
    "documents.exempt_content_viewed": gettext_lazy("melihat isi yang dikecualikan"),
    "documents.file_stored": gettext_lazy("mengunggah berkas ke arsip"),
    "documents.file_generated": gettext_lazy("mengarsipkan berkas yang dibuat sistem"),
    "documents.file_versioned": gettext_lazy("mengunggah versi baru berkas"),
    "documents.file_location_set": gettext_lazy("mencatat lokasi arsip fisik berkas"),
    "documents.file_opened": gettext_lazy("membuka berkas"),
    "documents.file_open_refused": gettext_lazy("ditolak membuka berkas"),
    "documents.pattern_set": gettext_lazy("mengatur pola nomor naskah"),
    "documents.template_uploaded": gettext_lazy("mengunggah templat naskah"),
    "documents.template_reset": gettext_lazy("mengembalikan templat naskah bawaan"),
    "registry.item.create": gettext_lazy("menambahkan informasi ke daftar"),
    "registry.item.update": gettext_lazy("mengubah informasi dalam daftar"),
    "registry.item.refresh": gettext_lazy("memperbarui informasi berkala"),
    "registry.attachment.add": gettext_lazy("melampirkan berkas pada informasi"),
    "registry.attachment.remove": gettext_lazy("melepas lampiran dari informasi"),
    "registry.edition.draft": gettext_lazy("menyusun konsep edisi DIP"),
    "registry.edition.include": gettext_lazy("memasukkan informasi ke konsep edisi DIP"),
    "registry.edition.exclude": gettext_lazy("mengeluarkan informasi dari konsep edisi DIP"),
    "registry.edition.set": gettext_lazy("menetapkan edisi DIP"),
    "registry.edition.publish": gettext_lazy("mengumumkan edisi DIP"),
    "sop.version.upload": gettext_lazy("mengunggah versi SOP"),
    "sop.version.approve": gettext_lazy("menyetujui versi SOP"),
    "sop.version.reject": gettext_lazy("menolak versi SOP"),
    "sop.case.start": gettext_lazy("memulai proses"),
    "sop.case.cancel": gettext_lazy("membatalkan proses"),
    "sop.task.complete": gettext_lazy("menyelesaikan tugas"),
    "sop.task.late_answer": gettext_lazy("mencatat jawaban yang terlambat pada tugas"),
    "sop.task.draft": gettext_lazy("menyusun konsep naskah untuk tugas"),
    "sop.task.return": gettext_lazy("mengembalikan tugas"),
    "sop.task.reassign": gettext_lazy("mengalihkan tugas"),
    "sop.task.delegate": gettext_lazy("mendelegasikan tugas kepada pelaksana"),
    "sop.task.comment": gettext_lazy("mengomentari tugas"),
    "sop.fanout.close": gettext_lazy("menutup pengumpulan jawaban"),
    "sop.fanout.expire": gettext_lazy("menutup pengumpulan jawaban karena batas waktu lewat"),
    "login.failed": gettext_lazy("gagal masuk (kata sandi salah)"),
    "login.locked": gettext_lazy("dikunci sementara setelah berulang kali gagal masuk"),
    "login.unlock": gettext_lazy("membuka kunci akun"),
    "user.password_reset": gettext_lazy("mengatur ulang kata sandi"),
}


def register(labels: dict[str, Any]) -> None:
    """Apps above core add the phrases of their own actions here, from their ``ready()``."""
    clash = {name for name in labels if name in LABELS and LABELS[name] != labels[name]}
    if clash:
        raise ValueError(f"audit action labels registered twice: {sorted(clash)}")
    LABELS.update(labels)


# Field names as readers know them (the before → after lines); others are shown as they are.
FIELDS: dict[str, Any] = {
    "status": gettext_lazy("status"),
    "name": gettext_lazy("nama"),
    "title": gettext_lazy("judul"),
    "holder": gettext_lazy("pemegang"),
    "unit": gettext_lazy("unit"),
    "role": gettext_lazy("peran"),
    "date": gettext_lazy("tanggal"),
    "due_at": gettext_lazy("tenggat"),
    "assigned_to": gettext_lazy("ditugaskan kepada"),
    "phone": gettext_lazy("telepon"),
    "email": gettext_lazy("surel"),
    "address": gettext_lazy("alamat"),
    "is_active": gettext_lazy("aktif"),
    "note": gettext_lazy("catatan"),
    "number": gettext_lazy("nomor"),
    "kind": gettext_lazy("jenis"),
    "classification": gettext_lazy("klasifikasi"),
    "pattern": gettext_lazy("pola"),
    "sha256": gettext_lazy("sidik SHA-256"),
    "version": gettext_lazy("versi"),
    "letterhead": gettext_lazy("kop surat"),
    "current_version": gettext_lazy("versi berlaku"),
    "filename": gettext_lazy("nama berkas"),
    "sop": gettext_lazy("SOP"),
    "document": gettext_lazy("naskah"),
    "holder_name": gettext_lazy("nama pemegang"),
    "step_no": gettext_lazy("langkah"),
    "label": gettext_lazy("keterangan"),
    "size": gettext_lazy("ukuran (bita)"),
    "case": gettext_lazy("proses"),
    "decision": gettext_lazy("keputusan"),
    "phase": gettext_lazy("tahap"),
    "step": gettext_lazy("langkah"),
}


# Not shown: the object's id (the sentence names the object) and the uploaded SOP file's name (officers
# never see YAML file names; the version number and its SHA-256 identify the upload).
HIDDEN = {"id", "filename"}


def label(action: str) -> str:
    """The action's phrase; an unregistered name (an old event) is shown as it is."""
    found = LABELS.get(action)
    return str(found) if found is not None else action


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items()) or "—"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def changes(event: Event) -> list[Change]:
    """The changed fields, before → after ("—" where there was none)."""
    old = event.old if isinstance(event.old, dict) else {}
    new = event.new if isinstance(event.new, dict) else {}
    out = []
    for key in list(dict.fromkeys([*old, *new])):
        if key in HIDDEN:
            continue
        before, after = old.get(key), new.get(key)
        if key in old and key in new and before == after:
            continue
        shown = _value(before), _value(after)
        if shown[0] == shown[1]:  # nothing a reader would see change ("—" → "—" on a new record)
            continue
        name = FIELDS.get(key)
        out.append(Change(str(name) if name is not None else key.replace("_", " "), *shown))
    return out


def who(event: Event) -> str:
    name = event.actor.display_name() if event.actor is not None else _("Sistem")
    if event.acting_for is not None:
        prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(event.acting_kind, "")
        return f"{name} ({prefix}{event.acting_for.title})"
    return name


def sentence(event: Event) -> str:
    """One Indonesian sentence: who did what to which object."""
    what = label(event.action)
    obj = f" «{event.object_repr}»" if event.object_repr else ""
    return f"{who(event)} {what}{obj}."
