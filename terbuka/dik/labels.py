"""What each DIK audit action means, as a phrase for the audit page (registered in ``apps.ready``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

LABELS: dict[str, Any] = {
    "dik.policy.set": gettext_lazy("mengatur kebijakan DIK badan publik"),
    "dik.entry.status": gettext_lazy("mengubah status informasi yang dikecualikan"),
    "dik.entry.propose": gettext_lazy("mengusulkan informasi yang dikecualikan"),
    "dik.entry.event": gettext_lazy("mencatat peristiwa yang mengakhiri pengecualian"),
    "dik.entry.reclassify": gettext_lazy("meminta uji konsekuensi ulang atas informasi"),
    "dik.round.open": gettext_lazy("membuka putaran usulan DIK"),
    "dik.round.deadline": gettext_lazy("mengubah batas waktu usulan DIK"),
    "dik.proposal.submit": gettext_lazy("mengirim usulan DIK unit kerja"),
    "dik.proposal.nothing": gettext_lazy("menyatakan unit kerja tidak mengusulkan DIK"),
    "dik.test.open": gettext_lazy("membuka rapat uji konsekuensi"),
    "dik.test.attendance": gettext_lazy("mencatat kehadiran tim uji konsekuensi"),
    "dik.test.decide": gettext_lazy("memutuskan hasil uji konsekuensi atas informasi"),
    "dik.test.close": gettext_lazy("menutup rapat uji konsekuensi"),
    "dik.test.documents": gettext_lazy("membuat naskah hasil uji konsekuensi"),
    "dik.decree.prepare": gettext_lazy("menyiapkan keputusan penetapan DIK"),
    "dik.decree.attach": gettext_lazy("melampirkan naskah keputusan DIK"),
    "dik.decree.signed": gettext_lazy("mencatat penandatanganan keputusan DIK"),
    "dik.decree.distribute": gettext_lazy("mendistribusikan keputusan DIK"),
    "dik.declassification.open": gettext_lazy("membuka proses pembukaan informasi yang dikecualikan"),
    "dik.declassification.decide": gettext_lazy("memutuskan pembukaan informasi yang dikecualikan"),
}
