"""The roles a position can carry (DOMAIN.md §1 glossary). SOP lanes bind to these names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PETUGAS = "petugas", _("Petugas PPID / PLID")
    PPID = "ppid", _("PPID (Utama)")
    PPID_PEMBANTU = "ppid_pembantu", _("PPID Pembantu")
    ATASAN_PPID = "atasan_ppid", _("Atasan PPID")
    TIM_UJI = "tim_uji", _("Tim Uji Konsekuensi / Tim Pertimbangan")
    KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah / Pimpinan Badan Publik")
    KABAG_HUKUM = "kabag_hukum", _("Kepala Bagian Hukum")
    ASISTEN = "asisten", _("Asisten Sekretaris Daerah")
    KEPALA_DINAS = "kepala_dinas", _("Kepala Dinas")
    ADMIN = "admin", _("Administrator Badan Publik")
    PEMOHON = "pemohon", _("Pemohon Informasi")


# Roles that belong to a unit rather than to the whole body: their holders are found per unit.
UNIT_ROLES = frozenset({Role.PPID_PEMBANTU})

# Roles held by officials of the body (everything but the requester, who holds no position).
OFFICIAL_ROLES = frozenset(r for r in Role if r != Role.PEMOHON)


def role_slug(role: str) -> str:
    """``atasan_ppid`` -> ``atasan-ppid``: the form used in demo usernames."""
    return role.replace("_", "-")


def role_label(role: str) -> str:
    """The role's display name ("Atasan PPID"); an unknown name is shown as it is."""
    try:
        return str(Role(role).label)
    except ValueError:
        return role
