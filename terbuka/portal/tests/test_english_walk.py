"""English mode (issue 9 item 6): the main pages, read with the language set to English, show no Indonesian
in what the product itself writes: labels, buttons, headings, table and list headers, hints, placeholders,
dates and weekday names. What people and bodies wrote (names, SOP titles and steps, letters) stays as written;
letters themselves stay Indonesian (the law requires it), so they are not walked here.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

# Indonesian words the product's own texts use and English never does (whole words, any case).
INDONESIAN = {
    "dan", "yang", "untuk", "dengan", "tidak", "belum", "sudah", "atau", "dari", "pada", "oleh", "ke",
    "tanggal", "hari", "bulan", "tahun", "jam", "pukul", "kepada", "sifat", "isi", "lampiran", "tembusan",
    "berkas", "unggah", "simpan", "kembali", "semua", "saring", "halaman", "tugas", "proses", "langkah",
    "naskah", "pemberitahuan", "masuk", "keluar", "buat", "lihat", "unduh", "periksa", "kirim", "batal",
    "selesai", "terlambat", "menunggu", "konsep", "nomor", "jenis", "catatan", "pelaku", "peristiwa",
    "waktu", "keterangan", "kegiatan", "kelengkapan", "sebelum", "sesudah", "perubahan", "rantai", "utuh",
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    "januari", "februari", "maret", "mei", "juni", "juli", "agustus", "oktober", "desember",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")

# Elements whose text the product writes (not the officers' or citizens' content).
UI_TAGS = {"label", "button", "th", "dt", "legend", "summary", "h2", "h3", "caption", "title"}
UI_ATTRS = {"placeholder", "aria-label", "title"}


class _UiText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []
        self.data_depth = 0  # inside an element marked as content (data-content)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name in UI_ATTRS & set(names):
            value = names[name] or ""
            if name == "placeholder" and value.startswith("Example: "):
                continue  # a letter's example wording: letters stay Indonesian, the prefix is translated
            self.texts.append((f"{tag}[{name}]", value))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        ui = next((t for t in reversed(self.stack) if t in UI_TAGS), None)
        if ui is not None and data.strip() and "script" not in self.stack and "style" not in self.stack:
            self.texts.append((ui, data.strip()))


# A date the product writes in Indonesian ("14 Februari 2022", "Senin, 16 Maret 2026"), anywhere on the page.
# (April, September and November are spelled alike in both languages: only with an Indonesian weekday.)
ID_DATE = re.compile(
    r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4}\b"
    r"|\b\d{1,2} (?:Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember) \d{4}\b"
)


def indonesian_in_ui(html: str, allowed: set[str]) -> list[str]:
    parser = _UiText()
    parser.feed(html)
    out = []
    visible = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    for phrase in allowed:
        visible = visible.replace(phrase, " ")
    out += [f"date: {m.group(0)!r}" for m in ID_DATE.finditer(visible)]
    for where, text in parser.texts:
        clean = text
        for phrase in allowed:
            clean = clean.replace(phrase, " ")
        words = {w.lower() for w in WORD.findall(clean)} & INDONESIAN
        if words:
            out.append(f"{where}: {text!r} ({', '.join(sorted(words))})")
    return out


def _content_phrases() -> set[str]:
    """What bodies and officers wrote: body and unit names, positions, SOP titles, lanes and steps,
    letter kind titles (Indonesian names of official document types), holiday names."""
    from terbuka.core.models import Holiday, Position, PublicBody, Unit, User
    from terbuka.documents import kinds
    from terbuka.sop.models import Sop

    phrases: set[str] = set()
    for b in PublicBody.objects.all():
        phrases |= {b.name, b.region, b.address, b.head_title, *b.letterhead_lines()}
    phrases |= set(Unit.objects.values_list("name", flat=True))
    phrases |= set(Position.objects.values_list("title", flat=True))
    phrases |= {u.display_name() for u in User.objects.all()}
    phrases |= set(Holiday.objects.values_list("name", flat=True))
    for sop in Sop.objects.select_related("current_version"):
        phrases.add(sop.title)
        if sop.current_version is not None:
            defn = sop.current_version.definition
            phrases |= _strings(defn.model_dump())
    phrases |= {k.title for k in kinds.REGISTRY.values()}
    return {p for p in phrases if p and len(p) > 2}


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


@pytest.mark.django_db
def test_main_pages_in_english_show_no_indonesian_ui_text(client, users):
    from terbuka.documents import services
    from terbuka.documents.signoff import Signer
    from terbuka.documents.tests.helpers import required_only
    from terbuka.sop import services as sop_services
    from terbuka.sop.demo import adopt_all
    from terbuka.sop.models import Sop

    adopt_all()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    stored = services.generate_document(
        actor=users["kepala-daerah.kota-kupang"],
        body=users["kepala-daerah.kota-kupang"].positions.first().body,
        kind="surat_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("surat_dinas") | {"hal": "Usulan DIK 2026"},
        signers=[Signer(None, "kepala_daerah")],
        sign_now=True,
    )
    document = stored.document
    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    case = sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK 2026")
    task = case.tasks.filter(status="open").first()
    assert document is not None and task is not None
    allowed = _content_phrases() | {"Usulan DIK 2026", document.subject}

    public = [
        "/",
        "/masuk/",
        "/badan/kota-kupang/",
        "/badan/kota-kupang/kalender/?tahun=2026&mulai=2026-03-16&hari=10",
        "/badan/kota-kupang/sop/",
        "/badan/kota-kupang/sop/usulan-dik/",
        "/verifikasi/",
        f"/verifikasi/{document.verify_token}/",
    ]
    officer = [
        "/kerja/",
        "/kerja/sop/tugas/",
        f"/kerja/sop/tugas/{task.pk}/",
        f"/kerja/sop/proses/{case.pk}/",
        "/kerja/sop/badan/kota-kupang/usulan-dik/",
        "/kerja/notifikasi/",
        "/kerja/kota-kupang/audit/",
        "/kerja/dokumen/kota-kupang/",
        f"/kerja/dokumen/kota-kupang/naskah/{document.pk}/",
        "/kerja/dokumen/kota-kupang/jenis/surat_dinas/buat/",
    ]
    found: dict[str, list[str]] = {}

    def walk(paths: list[str]) -> None:
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            assert response.headers.get("Content-Language", "en") == "en", path
            problems = indonesian_in_ui(response.content.decode(), allowed)
            if problems:
                found[path] = problems

    walk(public)
    client.force_login(users["ppid.kota-kupang"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    walk(officer)
    assert not found, "Teks Indonesia dalam mode Inggris:\n" + "\n".join(
        f"{path}\n  " + "\n  ".join(p) for path, p in found.items()
    )


def test_detector_finds_indonesian_ui_and_ignores_content():
    html = (
        "<label>Kepada (Yth.)</label><th>Creation Date</th><td>Senin</td>"
        "<button>Tandatangani</button><h2>Pemerintah Kota Kupang dan sekitarnya</h2>"
        '<input placeholder="Contoh: Surat">'
    )
    problems = indonesian_in_ui(html, {"Pemerintah Kota Kupang"})
    assert any("Kepada" in p for p in problems)
    assert any("sekitarnya" in p for p in problems)  # "dan" outside the allowed phrase
    assert not any("Senin" in p for p in problems)  # a td is content
    assert not any("Creation Date" in p for p in problems)
    dated = indonesian_in_ui(
        "<th>Creation Date</th><td>14 Februari 2022</td><td>14 February 2022</td>", set()
    )
    assert dated == ["date: '14 Februari 2022'"]
