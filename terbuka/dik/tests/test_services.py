"""The register's services with the demo users of Kota Serang: proposals, a test with the three outcomes,
the decree, the public list, the lookup for a refusal, and Pasal 18(1) warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.dik import selectors, services
from terbuka.dik.models import Decision, Entry, EntryEvent, Status, UnitProposal
from terbuka.dik.periods import Period, PeriodKind
from terbuka.documents.signoff import Signer
from terbuka.registry.models import InformationItem, Source

from .kit import D, rows_medical, sign_all

pytestmark = pytest.mark.django_db


def _unit(body, slug):
    return body.units.get(slug=slug)


def test_a_unit_officer_proposes_only_for_its_own_unit(bodies, users):
    body = bodies["kota-serang"]
    rnd = services.round_open(
        actor=users["petugas.kota-serang"], body=body, year=2026, deadline=D(2026, 3, 20)
    )
    assert rnd.proposals.count() == 6  # every unit with a PPID Pembantu
    dinkes = rnd.proposals.get(unit__slug="dinkes")
    bpkad = rnd.proposals.get(unit__slug="bpkad")
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            actor=users["ppid-pembantu.dinkes.kota-serang"], proposal=bpkad, rows=rows_medical()
        )
    made = services.proposal_submit(
        actor=users["ppid-pembantu.dinkes.kota-serang"],
        proposal=dinkes,
        rows=rows_medical(),
        now=dt.datetime(2026, 3, 18, 3, 0, tzinfo=dt.UTC),
    )
    assert [e.status for e in made] == [Status.DIUSULKAN] * 3
    dinkes.refresh_from_db()
    assert dinkes.state == UnitProposal.State.DIAJUKAN and not dinkes.late
    assert made[0].legal_basis == "Pasal 17 huruf h angka 2 UU 14/2008"


def test_a_bad_row_saves_nothing_and_names_the_row(bodies, users):
    body = bodies["kota-serang"]
    rnd = services.round_open(actor=None, body=body, year=2026)
    prop = rnd.proposals.get(unit__slug="dinkes")
    rows = rows_medical()
    rows[1]["ground_letter"] = "k"
    rows[2]["period"] = Period(PeriodKind.TAHUN, years=0, start=D(2026, 1, 1))
    with pytest.raises(ValidationError) as err:
        services.proposal_submit(actor=users["ppid-pembantu.dinkes.kota-serang"], proposal=prop, rows=rows)
    text = " ".join(err.value.messages)
    assert "Baris 2: Huruf Pasal 17 harus salah satu dari a sampai j." in text
    assert "Baris 3: Jumlah tahun" in text
    assert not Entry.objects.filter(proposal=prop).exists()


def test_nothing_to_propose_and_late(bodies, users):
    body = bodies["kota-serang"]
    rnd = services.round_open(actor=None, body=body, year=2026, deadline=D(2026, 3, 20))
    prop = rnd.proposals.get(unit__slug="dpupr")
    with pytest.raises(ValidationError):
        services.proposal_nothing(actor=users["ppid-pembantu.dpupr.kota-serang"], proposal=prop, note=" ")
    services.proposal_nothing(
        actor=users["ppid-pembantu.dpupr.kota-serang"],
        proposal=prop,
        note="Tidak ada informasi yang perlu dikecualikan.",
        now=dt.datetime(2026, 3, 23, 3, 0, tzinfo=dt.UTC),
    )
    prop.refresh_from_db()
    assert prop.state == UnitProposal.State.NIHIL and prop.late


def _tested(bodies, users):
    body = bodies["kota-serang"]
    rnd = services.round_open(actor=None, body=body, year=2026)
    entries = services.proposal_submit(
        actor=users["ppid-pembantu.dinkes.kota-serang"],
        proposal=rnd.proposals.get(unit__slug="dinkes"),
        rows=rows_medical(),
    )
    team = [
        {"user": users["tim-uji.kota-serang"], "role": "Ketua"},
        {"user": users["kabag-hukum.kota-serang"], "role": "Anggota"},
        {"name": "Dr. Rina Akademisi, S.H., M.H.", "role": "Pakar hukum"},
    ]
    test = services.consequence_test_open(
        actor=users["petugas.kota-serang"],
        body=body,
        held_on=D(2026, 4, 6),
        place="Ruang Rapat Diskominfo",
        team=team,
        entries=entries,
        round=rnd,
    )
    return body, rnd, entries, test


def test_the_three_outcomes(bodies, users):
    body, rnd, entries, test = _tested(bodies, users)
    tim = users["tim-uji.kota-serang"]
    items = list(test.items.order_by("pk"))
    assert {e.status for e in Entry.objects.filter(pk__in=[e.pk for e in entries])} == {Status.DIUJI}
    with pytest.raises(ValidationError):  # exempting needs harm, interest and a period
        services.test_item_decide(
            actor=tim,
            item=items[0],
            decision=Decision.DIKECUALIKAN,
            basis_ok=True,
            harm="",
            public_interest="",
            period=None,
        )
    with pytest.raises(PermissionDenied):
        services.test_item_decide(
            actor=users["ppid-pembantu.dinkes.kota-serang"],
            item=items[0],
            decision=Decision.TIDAK_DIKECUALIKAN,
            basis_ok=True,
            harm="",
            public_interest="",
        )
    services.test_item_decide(
        actor=tim,
        item=items[0],
        decision=Decision.DIKECUALIKAN,
        basis_ok=True,
        harm="Mengungkap riwayat pasien",
        public_interest="Privasi pasien",
        period=Period(PeriodKind.SELAMA_DIPERLUKAN, review_on=D(2031, 4, 6)),
    )
    with pytest.raises(ValidationError):  # partial needs the parts
        services.test_item_decide(
            actor=tim,
            item=items[1],
            decision=Decision.DIKECUALIKAN_SEBAGIAN,
            basis_ok=True,
            harm="x",
            public_interest="y",
            period=Period(PeriodKind.SAMPAI_PERISTIWA, event="pengumuman pemenang"),
        )
    services.test_item_decide(
        actor=tim,
        item=items[1],
        decision=Decision.DIKECUALIKAN_SEBAGIAN,
        basis_ok=True,
        harm="Mengganggu persaingan",
        public_interest="Persaingan sehat",
        period=Period(PeriodKind.SAMPAI_PERISTIWA, event="pengumuman pemenang"),
        exempt_parts="harga penawaran tiap peserta",
        open_parts="nama peserta dan pagu",
    )
    services.test_item_decide(
        actor=tim,
        item=items[2],
        decision=Decision.TIDAK_DIKECUALIKAN,
        basis_ok=False,
        harm="",
        public_interest="Penerima bantuan dari APBD wajib diumumkan",
    )
    assert Entry.objects.get(pk=entries[2].pk).watch_on is not None  # the proposal's period, until decided
    services.consequence_test_close(actor=tim, test=test)
    e0, e1, e2 = (Entry.objects.get(pk=e.pk) for e in entries)
    assert (e0.status, e1.status, e2.status) == (
        Status.DIKECUALIKAN,
        Status.DIKECUALIKAN,
        Status.TIDAK_DIKECUALIKAN,
    )
    assert e0.watch_on == D(2031, 4, 6) and e0.ends_on is None
    assert e2.watch_on is None and e2.ends_on is None  # public now: no end date, nothing to monitor
    # not exempt → a public item made by the registry's services, source "uji"
    assert e2.item.is_public and e2.item.source == Source.UJI
    # partly exempt → the open parts are public, the entry's own item closed
    assert not e1.item.is_public
    assert InformationItem.objects.filter(
        body=body, is_public=True, title__contains="nama peserta dan pagu"
    ).exists()
    assert [ev.new for ev in EntryEvent.objects.filter(entry=e2)] == [
        "diusulkan",
        "diuji",
        "tidak_dikecualikan",
    ]

    # the decree (the regional head signs after the parafs) fixes the exempted entries
    decree = services.decree_prepare(actor=None, body=body, year=2026, rnd=rnd)
    doc = services.decree_draft(
        actor=users["petugas.kota-serang"],
        decree=decree,
        signers=[
            Signer(None, "kabag_hukum", kind="paraf"),
            Signer(None, "asisten", kind="paraf"),
            Signer(None, "kepala_daerah"),
        ],
    )
    assert Entry.objects.get(pk=e0.pk).status == Status.DIKECUALIKAN
    sign_all(doc, body, day=D(2026, 4, 10))
    decree.refresh_from_db()
    assert decree.register_number and decree.signed_on == D(2026, 4, 10)
    assert [Entry.objects.get(pk=e.pk).status for e in (e0, e1, e2)] == [
        Status.DITETAPKAN,
        Status.DITETAPKAN,
        Status.TIDAK_DIKECUALIKAN,
    ]
    public = list(selectors.public_entries(body))
    assert [e.pk for e in public] == [e1.pk, e0.pk] or [e.pk for e in public] == [e0.pk, e1.pk]
    assert {e.pk for e in public} == {e0.pk, e1.pk}
    # the requests app finds the entry for a refusal
    found = selectors.entry_lookup(body, "minta rekam medis pasien")
    assert found and found[0].pk == e0.pk
    assert selectors.entry_lookup(body, "penerima bantuan kesehatan") == [] or all(
        f.pk != e2.pk for f in selectors.entry_lookup(body, "penerima bantuan kesehatan")
    )
    # distribution: every PPID Pembantu and the DPRD, once
    sent = services.decree_distribute(actor=users["petugas.kota-serang"], decree=decree)
    assert len(sent) == 7 and sent[-1].recipient.startswith("DPRD")
    assert services.decree_distribute(actor=users["petugas.kota-serang"], decree=decree) == []


def test_a_never_exempt_lookalike_needs_a_written_answer(bodies, users):
    body = bodies["kota-serang"]
    entry = services.entry_propose(
        actor=users["petugas.kota-serang"],
        body=body,
        unit=_unit(body, "bagian-hukum"),
        title="Salinan putusan pengadilan sengketa aset daerah",
        ground_letter="a",
        ground_point=1,
        consequence="Menghambat proses hukum",
        consideration="Proses banding berjalan",
        period=Period(
            PeriodKind.SAMPAI_PERISTIWA, event="putusan berkekuatan hukum tetap", start=D(2026, 4, 1)
        ),
    )
    assert [w["code"] for w in entry.warnings] == ["18.1.a"]
    tim = users["tim-uji.kota-serang"]
    test = services.consequence_test_open(
        actor=tim, body=body, held_on=D(2026, 4, 6), place="Ruang rapat", team=[tim], entries=[entry]
    )
    item = test.items.get()
    kwargs = dict(
        actor=tim,
        item=item,
        decision=Decision.DIKECUALIKAN,
        basis_ok=True,
        harm="Menghambat",
        public_interest="x",
        period=Period(
            PeriodKind.SAMPAI_PERISTIWA, event="putusan berkekuatan hukum tetap", start=D(2026, 4, 1)
        ),
    )
    with pytest.raises(ValidationError) as err:
        services.test_item_decide(**kwargs)
    assert "Pasal 18 ayat (1)" in " ".join(err.value.messages)
    services.test_item_decide(
        **kwargs, warning_answer="Yang dikecualikan hanya berkas perkara, bukan putusannya."
    )
    services.consequence_test_close(actor=tim, test=test)
    entry.refresh_from_db()
    assert entry.warning_answer.startswith("Yang dikecualikan") and entry.ends_on == D(2056, 4, 1)


def test_reclassification_runs_a_new_test(bodies, users):
    body = bodies["kota-serang"]
    old = services.entry_propose(
        actor=None,
        body=body,
        unit=None,
        title="Kajian lokasi investasi asing",
        ground_letter="e",
        ground_point=5,
        consequence="x",
        consideration="y",
        status=Status.DITETAPKAN,
        period=Period(PeriodKind.SAMPAI_TANGGAL, until=D(2026, 6, 1)),
    )
    with pytest.raises(PermissionDenied):
        services.entry_reclassify(actor=users["petugas.kota-serang"], entry=old, note="Masih dinegosiasikan")
    with pytest.raises(ValidationError):
        services.entry_reclassify(actor=users["ppid.kota-serang"], entry=old, note=" ")
    new = services.entry_reclassify(actor=users["ppid.kota-serang"], entry=old, note="Masih dinegosiasikan")
    assert new.status == Status.DIUSULKAN and new.replaces_id == old.pk
    with pytest.raises(ValidationError):  # one at a time
        services.entry_reclassify(actor=users["ppid.kota-serang"], entry=old, note="lagi")
    tim = users["tim-uji.kota-serang"]
    test = services.consequence_test_open(
        actor=tim, body=body, held_on=D(2026, 5, 4), place="Ruang rapat", team=[tim], entries=[new]
    )
    services.test_item_decide(
        actor=tim,
        item=test.items.get(),
        decision=Decision.DIKECUALIKAN,
        basis_ok=True,
        harm="x",
        public_interest="y",
        period=Period(PeriodKind.SAMPAI_TANGGAL, until=D(2027, 6, 1)),
    )
    services.consequence_test_close(actor=tim, test=test)
    decree = services.decree_prepare(actor=None, body=body, year=2026)
    doc = services.decree_draft(
        actor=users["petugas.kota-serang"], decree=decree, signers=[Signer(None, "kepala_daerah")]
    )
    sign_all(doc, body, day=D(2026, 5, 8))
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (Status.DIGANTI, Status.DITETAPKAN)
    assert new.ends_on == D(2027, 6, 1)
