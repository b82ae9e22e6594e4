"""English is available for every Indonesian UI string, and the compiled catalogue matches its source."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[3] / "locale" / "en" / "LC_MESSAGES" / "django.po"


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(chunks: list[str]) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), "".join(chunks))


def entries() -> list[tuple[str, str, bool, str | None]]:
    """(msgid, msgstr, fuzzy, msgctxt) for every entry but the header."""
    out = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?|msgstr\[\d\]) "(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = [m.group(2)]
            elif line.startswith('"') and current:
                fields[current].append(line[1:-1])
            else:
                current = None
        if "msgid" not in fields:
            continue
        msgid = _unquote(fields["msgid"])
        if not msgid:
            continue
        msgstr = _unquote(fields.get("msgstr", fields.get("msgstr[0]", [""])))
        context = _unquote(fields["msgctxt"]) if "msgctxt" in fields else None
        out.append((msgid, msgstr, fuzzy, context))
    return out


def test_every_string_has_an_english_translation():
    rows = entries()
    assert len(rows) > 500
    assert [m for m, s, _f, _c in rows if not s] == []
    assert [m for m, _s, f, _c in rows if f] == []


def test_placeholders_survive_translation():
    for msgid, msgstr, _f, _c in entries():
        assert sorted(re.findall(r"%\(\w+\)[sd]", msgid)) == sorted(re.findall(r"%\(\w+\)[sd]", msgstr)), (
            msgid
        )


def test_compiled_catalogue_is_up_to_date():
    with translation.override("en"):
        stale = [
            m
            for m, s, _f, c in entries()
            if "\n" not in m and (translation.pgettext(c, m) if c else translation.gettext(m)) != s
        ]
    assert stale == [], "run `make messages` (compilemessages) after editing locale/en/LC_MESSAGES/django.po"
