"""Hostile YAML in SOP files: alias bombs, recursion, deep nesting and huge texts are `file:line` problems,
found before anything is expanded (issue #7 item 3): in the loader, `terbuka sop validate`, uploads."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from terbuka.sop.loader import MAX_DEPTH, MAX_TEXT, SopFileError, load_definition

# Like the reported 407-byte upload: nine levels of nine aliases, ~387 million strings once expanded.
BILLION_LAUGHS = """format: terbuka-sop/1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _problems(text: str, name: str = "x.yaml") -> list[str]:
    with pytest.raises(SopFileError) as exc:
        load_definition(text, name)
    return [str(p) for p in exc.value.problems]


def test_alias_bomb_refused_at_its_first_anchor():
    assert _problems(BILLION_LAUGHS) == [
        "x.yaml:2: yaml: YAML tidak sah: anchor &a tidak diizinkan (tulis nilainya langsung)"
    ]


def test_recursive_alias_is_a_problem_not_a_crash():
    assert _problems("format: terbuka-sop/1\nx: &x [*x]\n") == [
        "x.yaml:2: yaml: YAML tidak sah: anchor &x tidak diizinkan (tulis nilainya langsung)"
    ]


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("format: terbuka-sop/1\ndasar: &d UU 14/2008\nlagi: *d\n", 2, "anchor &d"),
        ("format: terbuka-sop/1\nlagi: *d\n", 2, "alias *d"),
        ("format: terbuka-sop/1\nbase: &b {a: 1}\nx:\n  <<: *b\n", 2, "anchor &b"),
    ],
)
def test_every_anchor_and_alias_is_refused_with_its_line(text, line, what):
    (problem,) = _problems(text)
    assert problem.startswith(f"x.yaml:{line}: yaml: YAML tidak sah: {what} tidak diizinkan")


@pytest.mark.parametrize(
    "text",
    [
        "format: terbuka-sop/1\nx: " + "[" * 5000 + "]" * 5000 + "\n",
        "format: terbuka-sop/1\nx: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
        "format: terbuka-sop/1\n" + "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "\n",
    ],
    ids=["flow-lists", "flow-maps", "block"],
)
def test_deep_nesting_is_a_problem_with_its_line(text):
    (problem,) = _problems(text)
    assert problem.startswith("x.yaml:")
    assert problem.endswith(f"yaml: YAML tidak sah: bersarang lebih dari {MAX_DEPTH} tingkat")


def test_shipped_depth_is_well_inside_the_limit():
    text = "format: terbuka-sop/1\n" + "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH - 1)) + "\n"
    assert "bersarang" not in " ".join(_problems(text))  # other problems (missing keys), not the depth


def test_huge_text_refused_before_parsing():
    text = "format: terbuka-sop/1\n" + "# komentar\n" * (MAX_TEXT // 11)
    assert _problems(text) == ["x.yaml:1: yaml: berkas terlalu besar (512 KB; batas 512 KB)"]


def test_validate_command_reports_the_bomb_as_file_line(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_text(BILLION_LAUGHS)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("sop", "validate", str(path), stdout=out)
    assert out.getvalue().splitlines() == [
        f"{path}:2: yaml: YAML tidak sah: anchor &a tidak diizinkan (tulis nilainya langsung)"
    ]


@pytest.mark.django_db
def test_upload_page_shows_the_problem_instead_of_a_500(client, users):
    from terbuka.sop.models import Sop

    client.force_login(users["ppid.kota-serang"])
    url = "/kerja/sop/badan/kota-serang/unggah/"
    for name, text in [("bom.yaml", BILLION_LAUGHS), ("dalam.yaml", "x: " + "[" * 5000 + "]" * 5000)]:
        r = client.post(url, {"slug": "bom", "file": SimpleUploadedFile(name, text.encode())})
        assert r.status_code in (200, 400)
        html = r.content.decode()
        assert f"{name}:" in html and "yaml: YAML tidak sah:" in html
    assert not Sop.objects.filter(slug="bom").exists()
