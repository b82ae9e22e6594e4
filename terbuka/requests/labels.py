"""What each requests audit action means, as a phrase for the audit page (registered in ``apps.ready``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

LABELS: dict[str, Any] = {
    "requests.request.submit": gettext_lazy("mendaftarkan permohonan informasi"),
    "requests.identity.unmask": gettext_lazy("membuka nomor identitas pemohon"),
    "requests.identity.refused": gettext_lazy("ditolak membuka nomor identitas pemohon"),
    "requests.identity.scan_opened": gettext_lazy("membuka pindaian identitas pemohon"),
    "requests.request.process": gettext_lazy("memulai proses SOP atas permohonan"),
    "requests.request.route": gettext_lazy("meneruskan permohonan ke unit yang menguasai informasi"),
    "requests.request.classify": gettext_lazy("mengkaji permohonan terhadap DIP dan DIK"),
    "requests.request.test_result": gettext_lazy("mencatat hasil uji konsekuensi atas permohonan"),
    "requests.request.extend": gettext_lazy("memperpanjang waktu jawaban permohonan"),
    "requests.request.decide": gettext_lazy("menetapkan keputusan atas permohonan"),
    "requests.request.notice_drafted": gettext_lazy("menyusun surat jawaban permohonan"),
    "requests.request.answered": gettext_lazy("mengirim jawaban permohonan"),
    "requests.request.delivered": gettext_lazy("mencatat penyerahan jawaban kepada pemohon"),
    "requests.request.archive": gettext_lazy("mengarsipkan permohonan"),
    "requests.request.redact": gettext_lazy("membuat salinan informasi yang dihitamkan"),
    "requests.request.overdue_reminder": gettext_lazy("mengingatkan permohonan yang terlambat dijawab"),
    "requests.objection.file": gettext_lazy("mendaftarkan keberatan"),
    "requests.objection.answer": gettext_lazy("menanggapi keberatan"),
    "requests.objection.response": gettext_lazy("mencatat tanggapan pemohon atas putusan keberatan"),
    "requests.dispute.record": gettext_lazy("mencatat sengketa informasi di Komisi Informasi"),
    "requests.dispute.update": gettext_lazy("memperbarui tahap dan hasil sengketa informasi"),
    "requests.dispute.carry_out": gettext_lazy("melaksanakan perintah Komisi Informasi"),
}
