"""Demo data: the five public bodies whose SOPs Terbuka was specified from (shared/seeds).

Idempotent: existing rows (found by slug or username) are kept as they are; only what is missing is added.
Usernames: ``<role>.<body-slug>`` (``atasan-ppid.kota-serang``), assistant PPIDs
``ppid-pembantu.<unit-slug>.<body-slug>``, one requester ``pemohon`` and one site admin ``admin``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from . import services
from .models import Position, PublicBody, Unit, User
from .roles import Role, role_slug


@dataclass
class UnitSpec:
    slug: str
    name: str
    short: str
    kind: str = Unit.Kind.DINAS
    parent: str | None = None


@dataclass
class BodySpec:
    slug: str
    name: str
    kind: str
    region: str
    address: str
    postal_code: str
    phone: str
    email: str
    website: str
    letterhead: str
    head_title: str
    time_zone: str
    units: list[UnitSpec] = field(default_factory=list)
    kominfo: str = "diskominfo"  # the unit of the PPID office


def _common_units(kominfo_name: str, kominfo_short: str, kominfo_slug: str = "diskominfo") -> list[UnitSpec]:
    return [
        UnitSpec("setda", "Sekretariat Daerah", "Setda", Unit.Kind.SEKRETARIAT),
        UnitSpec("bagian-hukum", "Bagian Hukum", "Bag. Hukum", Unit.Kind.BAGIAN, parent="setda"),
        UnitSpec(kominfo_slug, kominfo_name, kominfo_short),
        UnitSpec("dinkes", "Dinas Kesehatan", "Dinkes"),
        UnitSpec("disdik", "Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
        UnitSpec("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", Unit.Kind.BADAN),
        UnitSpec("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ]


BODIES: list[BodySpec] = [
    BodySpec(
        slug="kota-serang",
        name="Pemerintah Kota Serang",
        kind=PublicBody.Kind.KOTA,
        region="Kota Serang, Banten",
        address="Jl. Jenderal Sudirman No. 5, Kota Serang, Banten",
        postal_code="42111",
        phone="(0254) 200001",
        email="ppid@serangkota.go.id",
        website="https://ppid.serangkota.go.id",
        letterhead="PEMERINTAH KOTA SERANG\nDINAS KOMUNIKASI DAN INFORMATIKA",
        head_title="Wali Kota Serang",
        time_zone=PublicBody.TimeZone.WIB,
        units=_common_units("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ),
    BodySpec(
        slug="kota-kupang",
        name="Pemerintah Kota Kupang",
        kind=PublicBody.Kind.KOTA,
        region="Kota Kupang, Nusa Tenggara Timur",
        address="Jl. S.K. Lerik, Kelapa Lima, Kota Kupang, Nusa Tenggara Timur",
        postal_code="85228",
        phone="(0380) 8800001",
        email="ppid@kupangkota.go.id",
        website="https://ppid.kupangkota.go.id",
        letterhead="PEMERINTAH KOTA KUPANG\nDINAS KOMUNIKASI DAN INFORMATIKA",
        head_title="Wali Kota Kupang",
        time_zone=PublicBody.TimeZone.WITA,
        units=_common_units("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ),
    BodySpec(
        slug="kota-bontang",
        name="Pemerintah Kota Bontang",
        kind=PublicBody.Kind.KOTA,
        region="Kota Bontang, Kalimantan Timur",
        address="Jl. Moh. Roem No. 1, Bontang Lestari, Kota Bontang, Kalimantan Timur",
        postal_code="75325",
        phone="(0548) 3030001",
        email="ppid@bontangkota.go.id",
        website="https://ppid.bontangkota.go.id",
        letterhead="PEMERINTAH KOTA BONTANG\nDINAS KOMUNIKASI DAN INFORMATIKA",
        head_title="Wali Kota Bontang",
        time_zone=PublicBody.TimeZone.WITA,
        units=[
            *_common_units("Dinas Komunikasi dan Informatika", "Diskominfo"),
            UnitSpec("perumda-air-minum", "Perumda Air Minum Tirta Taman", "PDAM", Unit.Kind.BUMD),
        ],
    ),
    BodySpec(
        slug="kabupaten-serang",
        name="Pemerintah Kabupaten Serang",
        kind=PublicBody.Kind.KABUPATEN,
        region="Kabupaten Serang, Banten",
        address="Jl. Veteran No. 1, Kotabaru, Serang, Banten",
        postal_code="42112",
        phone="(0254) 2000002",
        email="ppid@serangkab.go.id",
        website="https://ppid.serangkab.go.id",
        letterhead="PEMERINTAH KABUPATEN SERANG\nDINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK",
        head_title="Bupati Serang",
        time_zone=PublicBody.TimeZone.WIB,
        units=_common_units(
            "Dinas Komunikasi, Informatika, Persandian dan Statistik", "Diskominfosatik", "diskominfosatik"
        ),
        kominfo="diskominfosatik",
    ),
    BodySpec(
        slug="provinsi-kalimantan-barat",
        name="Pemerintah Provinsi Kalimantan Barat",
        kind=PublicBody.Kind.PROVINSI,
        region="Provinsi Kalimantan Barat",
        address="Jl. Ahmad Yani, Gedung Pelayanan Terpadu Lt. 6, Pontianak, Kalimantan Barat",
        postal_code="78124",
        phone="0896 9930 5225",
        email="diskominfo@kalbarprov.go.id",
        website="https://diskominfo.kalbarprov.go.id",
        letterhead="PEMERINTAH PROVINSI KALIMANTAN BARAT\nDINAS KOMUNIKASI DAN INFORMATIKA",
        head_title="Gubernur Kalimantan Barat",
        time_zone=PublicBody.TimeZone.WIB,  # Pontianak keeps WIB
        units=_common_units("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ),
]

# Fictional officials; NIPs are well-formed but invented.
FIRST = ["Ahmad", "Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Maria", "Yohanes", "Nur", "Fajar",
         "Lestari", "Imam", "Theresia", "Rahmat", "Wulan", "Yusuf", "Fransiska", "Dedi", "Ayu"]  # fmt: skip
LAST = ["Saputra", "Rahmawati", "Santoso", "Lestari", "Hidayat", "Manafe", "Siregar", "Wijaya",
        "Nainggolan", "Pratama", "Kurniawan", "Fanggidae", "Setiawan", "Anggraini", "Nugroho", "Tallo",
        "Hasibuan", "Putri"]  # fmt: skip

ROLE_TITLES: dict[str, tuple[str, str | None]] = {
    # role: (position title, unit slug; "{kominfo}" means the PPID office's unit)
    Role.PETUGAS: ("Petugas Layanan Informasi dan Dokumentasi (PLID)", "{kominfo}"),
    Role.PPID: ("Pejabat Pengelola Informasi dan Dokumentasi (PPID) Utama", "{kominfo}"),
    Role.ATASAN_PPID: ("Sekretaris Daerah selaku Atasan PPID", "setda"),
    Role.TIM_UJI: ("Anggota Tim Uji Konsekuensi", "bagian-hukum"),
    Role.KEPALA_DAERAH: ("{head}", None),
    Role.KABAG_HUKUM: ("Kepala Bagian Hukum Sekretariat Daerah", "bagian-hukum"),
    Role.ASISTEN: ("Asisten Pemerintahan dan Kesejahteraan Rakyat (Asda I)", "setda"),
    Role.KEPALA_DINAS: ("Kepala {kominfo_name}", "{kominfo}"),
    Role.ADMIN: ("Administrator Sistem PPID", "{kominfo}"),
}


def _person(i: int) -> tuple[str, str, str]:
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
    born = dt.date(1968, 1, 1) + dt.timedelta(days=(i * 397) % 9000)
    nip = f"{born:%Y%m%d} {1990 + i % 30}{(i % 12) + 1:02d} {1 + i % 2} {i % 1000:03d}"
    rank = ["Penata (III/c)", "Penata Tk. I (III/d)", "Pembina (IV/a)", "Pembina Tk. I (IV/b)"][i % 4]
    return name, nip, rank


@dataclass
class DemoResult:
    users_created: int = 0
    bodies_created: int = 0
    logins: list[str] = field(default_factory=list)


@transaction.atomic
def load_demo() -> DemoResult:
    result = DemoResult()
    password_hash = make_password(settings.TERBUKA_DEMO_PASSWORD)
    counter = 0

    def user(username: str, *, superuser: bool = False, civil_servant: bool = True) -> User:
        nonlocal counter
        counter += 1
        existing = User.objects.filter(username=username).first()
        if existing:
            return existing
        name, nip, rank = _person(counter)
        result.users_created += 1
        return User.objects.create(
            username=username,
            password=password_hash,
            full_name=name,
            nip=nip if civil_servant else "",
            rank=rank if civil_servant else "",
            email=f"{username}@demo.terbuka.localhost",
            is_staff=superuser,
            is_superuser=superuser,
        )

    for spec in BODIES:
        body = PublicBody.objects.filter(slug=spec.slug).first()
        if body is None:
            body = services.body_create(
                actor=None,
                slug=spec.slug,
                name=spec.name,
                kind=spec.kind,
                region=spec.region,
                address=spec.address,
                postal_code=spec.postal_code,
                phone=spec.phone,
                email=spec.email,
                website=spec.website,
                letterhead=spec.letterhead,
                head_title=spec.head_title,
                time_zone=spec.time_zone,
            )
            result.bodies_created += 1
        units: dict[str, Unit] = {u.slug: u for u in body.units.all()}
        for us in spec.units:
            if us.slug not in units:
                units[us.slug] = services.unit_create(
                    actor=None,
                    body=body,
                    name=us.name,
                    slug=us.slug,
                    short_name=us.short,
                    code=us.short.upper().replace(" ", "").replace(".", ""),
                    kind=us.kind,
                    parent=units.get(us.parent) if us.parent else None,
                )
        kominfo = units[spec.kominfo]
        for role, (title, unit_slug) in ROLE_TITLES.items():
            username = f"{role_slug(role)}.{spec.slug}"
            # An elected head of region is not a civil servant: no NIP, no rank on the signature.
            holder = user(username, civil_servant=role != Role.KEPALA_DAERAH)
            if Position.objects.filter(body=body, holder=holder).exists():
                continue
            unit = None
            if unit_slug:
                unit = kominfo if unit_slug == "{kominfo}" else units[unit_slug]
            services.position_create(
                actor=None,
                body=body,
                title=title.format(head=spec.head_title, kominfo_name=kominfo.name),
                roles=[role],
                unit=unit,
                holder=holder,
            )
        for unit in units.values():
            if unit.kind in (Unit.Kind.SEKRETARIAT,):
                continue
            username = f"ppid-pembantu.{unit.slug}.{spec.slug}"
            holder = user(username)
            if not Position.objects.filter(body=body, holder=holder).exists():
                services.position_create(
                    actor=None,
                    body=body,
                    title=f"PPID Pembantu {unit.name}",
                    roles=[Role.PPID_PEMBANTU],
                    unit=unit,
                    holder=holder,
                )
    user("pemohon", civil_servant=False)
    user("admin", superuser=True)
    result.logins = [
        "ppid.kota-serang",
        "petugas.kota-kupang",
        "ppid-pembantu.dinkes.kota-serang",
        "pemohon",
        "admin",
    ]
    return result
