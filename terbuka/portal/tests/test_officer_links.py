"""Small things (issue 9 item 8): every link an official is shown in the workspace opens (no 404 for a PPID
Pembantu's "Tugas terlambat"), and no page shows them the SOP's YAML file names."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

HREF = re.compile(r'href="([^"#]+)"')
SKIP = ("/keluar/", "/admin/", "/api/", "/i18n/", "/jsi18n/", "/static/", "/media/")
ROLES = [
    "ppid.kota-kupang",
    "petugas.kota-kupang",
    "ppid-pembantu.dinkes.kota-kupang",
    "atasan-ppid.kota-kupang",
    "kepala-daerah.kota-kupang",
]


def _crawl(client, start: str, limit: int = 120) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = [start]
    yaml_pages = []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if re.search(r"[\w-]+\.ya?ml\b", html):
            yaml_pages.append(path)
        for href in HREF.findall(html):
            url = urlparse(urljoin(path, href.replace("&amp;", "&")))
            if url.netloc or not url.path.startswith("/kerja/") or url.path.startswith(SKIP):
                continue
            if url.path.endswith((".pdf", ".docx", ".xlsx", ".csv")) or "unduh=" in url.query:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen:
                queue.append(target)
    seen["__yaml__"] = len(yaml_pages)
    seen.update({f"__yaml__ {p}": 0 for p in yaml_pages})
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_workspace_links_open_and_show_no_yaml_file_names(client, users, username):
    from terbuka.sop import services as sop_services
    from terbuka.sop.demo import adopt_all
    from terbuka.sop.models import Sop

    adopt_all()
    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK 2026")
    client.force_login(users[username])
    seen = _crawl(client, "/kerja/")
    broken = {p: s for p, s in seen.items() if not p.startswith("__") and s >= 400}
    assert not broken, f"{username} diberi tautan yang gagal: {broken}"
    assert seen["__yaml__"] == 0, [p for p in seen if p.startswith("__yaml__ ")]
    assert len(seen) > 8
