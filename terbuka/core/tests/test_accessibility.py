"""Accessible markup on the main pages: one <main>, a language, labelled controls, headings, alt texts."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.label_depth = 0
        self.mains = 0
        self.h1 = 0
        self.images_without_alt: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "main":
            self.mains += 1
        elif tag == "h1":
            self.h1 += 1
        elif tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src", "?"))
        elif tag == "label":
            self.label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in {"input", "select", "textarea"}:
            if a.get("type") in {"hidden", "submit", "button"}:
                return
            self.controls.append({**a, "_wrapped": "1" if self.label_depth else ""})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.label_depth:
            self.label_depth -= 1

    def unlabelled(self) -> list[str]:
        return [
            c.get("name") or c.get("id") or "?"
            for c in self.controls
            if not (c["_wrapped"] or c.get("id") in self.label_for or c.get("aria-label") or c.get("title"))
        ]


def audit(html: str) -> Audit:
    parser = Audit()
    parser.feed(html)
    return parser


@pytest.fixture
def pages(client, users, bodies):
    from terbuka.sop import demo as sop_demo
    from terbuka.sop import services as sop_services
    from terbuka.sop.models import Sop

    sop_demo.adopt_all()
    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    case = sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK")
    task = case.tasks.get()
    officer = [
        "/kerja/",
        "/kerja/kota-kupang/audit/",
        "/kerja/kota-kupang/hari-libur/",
        "/kerja/kota-kupang/pelaksana/",
        "/kerja/sop/tugas/",
        f"/kerja/sop/tugas/{task.pk}/",
        f"/kerja/sop/proses/{case.pk}/",
        "/kerja/dokumen/kota-kupang/",
        "/kerja/dokumen/kota-kupang/jenis/surat_dinas/buat/",
    ]
    public = [
        "/",
        "/masuk/",
        "/badan/kota-kupang/",
        "/badan/kota-kupang/kalender/",
        "/badan/kota-kupang/sop/",
    ]
    return officer, public


def test_main_pages_are_accessible(client, users, pages):
    officer, public = pages
    problems = {}
    for url in public:
        problems[url] = check(client.get(url))
    client.force_login(users["admin.kota-kupang"])  # sees the edit forms too
    for url in officer[:4]:
        problems[url] = check(client.get(url))
    client.force_login(users["petugas.kota-kupang"])
    for url in officer[4:]:
        problems[url] = check(client.get(url))
    assert {url: p for url, p in problems.items() if p} == {}


def check(response) -> list[str]:
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    a = audit(response.content.decode())
    out = []
    if a.lang != "id":
        out.append(f"lang={a.lang!r}")
    if a.mains != 1:
        out.append(f"{a.mains} <main>")
    if a.h1 != 1:
        out.append(f"{a.h1} <h1>")
    if a.images_without_alt:
        out.append(f"img without alt: {a.images_without_alt}")
    if a.unlabelled():
        out.append(f"unlabelled: {a.unlabelled()}")
    return out


def test_the_checker_finds_what_it_should():
    bad = audit('<html lang="en"><main><h1>a</h1><h1>b</h1><input name="x"><img src="y.png"></main></html>')
    assert bad.unlabelled() == ["x"] and bad.h1 == 2 and bad.images_without_alt == ["y.png"]
    good = audit('<label for="i">N</label><input id="i" name="n"><label>M <select name="m"></select></label>')
    assert good.unlabelled() == [] and len(good.controls) == 2


def test_form_pages_were_really_examined(client, users, pages):
    officer, _public = pages
    client.force_login(users["petugas.kota-kupang"])
    task_page = audit(client.get(officer[5]).content.decode())
    generate = audit(client.get(officer[8]).content.decode())
    assert len(task_page.controls) >= 3 and len(generate.controls) >= 5
