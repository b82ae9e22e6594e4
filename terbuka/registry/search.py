"""Indonesian full-text search over information items.

Words are folded to lower case and stemmed with PySastrawi (Nazief-Adriani with a root-word dictionary), so
"mengecualikan" and "dikecualikan" both index as ``kecuali`` and "permohonan"/"memohonkan" as ``mohon``. The
stems are stored in ``InformationItem.search_text`` when an item is written; the database indexes them
(migration 0003): SQLite FTS5 ranked by bm25, PostgreSQL a GIN tsvector ('simple' configuration, since the
words are stemmed already) ranked by ts_rank. Each query stem is matched as a prefix (cheap typo and
truncation tolerance: "laporn" still finds nothing, but "lapor" finds "pelaporan"); on PostgreSQL, when no
item matches, titles are tried by trigram similarity ("anggran" finds "anggaran").

Highlighting is done in Python on the shown text: a word is marked when its stem is one of the query's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+")
MAX_QUERY_WORDS = 8
MAX_QUERY_CHARS = 200


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    word = word.lower()
    if len(word) < 4 or word.isdigit():
        return word
    return str(_stemmer().stem(word)) or word


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def index_text(item: Any) -> str:
    """What an item is found by: its title, summary, holders, unit and year, stemmed."""
    parts = [
        item.title,
        item.summary,
        item.official,
        item.responsible,
        item.made_where,
        str(item.year or ""),
        item.unit.name if getattr(item, "unit_id", None) and item.unit is not None else "",
    ]
    return " ".join(stems(" ".join(p for p in parts if p)))


def query_stems(q: str) -> list[str]:
    seen: list[str] = []
    for s in stems((q or "")[:MAX_QUERY_CHARS]):
        if s not in seen:
            seen.append(s)
    return seen[:MAX_QUERY_WORDS]


@dataclass
class Hit:
    pk: int
    rank: float


def search_ids(
    q: str, *, item_filter_sql: str = "", params: list[Any] | None = None, limit: int = 50
) -> list[Hit]:
    """Ids of matching items, best first. ``item_filter_sql`` is a trusted SQL condition on the item table
    aliased ``i`` (built by the selectors, never from user text); user text goes only into parameters."""
    terms = query_stems(q)
    if not terms:
        return []
    params = list(params or [])
    where = f" AND {item_filter_sql}" if item_filter_sql else ""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            tsq = " & ".join(f"{re.sub(r'[^0-9a-zà-ÿ]', '', t)}:*" for t in terms if t)
            cur.execute(
                "SELECT i.id, ts_rank(to_tsvector('simple', i.search_text), to_tsquery('simple', %s)) AS r "
                "FROM registry_informationitem i "
                f"WHERE to_tsvector('simple', i.search_text) @@ to_tsquery('simple', %s){where} "
                "ORDER BY r DESC, i.id LIMIT %s",
                [tsq, tsq, *params, limit],
            )
            rows = cur.fetchall()
            if not rows and _has_trgm(cur):
                cur.execute(
                    "SELECT i.id, similarity(lower(i.title), %s) AS r FROM registry_informationitem i "
                    f"WHERE lower(i.title) %% %s{where} ORDER BY r DESC, i.id LIMIT %s",
                    [q.lower()[:MAX_QUERY_CHARS], q.lower()[:MAX_QUERY_CHARS], *params, limit],
                )
                rows = cur.fetchall()
            return [Hit(pk=r[0], rank=float(r[1])) for r in rows]
        match = " AND ".join('"' + t.replace('"', "") + '"*' for t in terms if t)
        cur.execute(
            "SELECT i.id, bm25(registry_item_fts) AS r FROM registry_item_fts "
            "JOIN registry_informationitem i ON i.id = registry_item_fts.rowid "
            f"WHERE registry_item_fts MATCH %s{where} ORDER BY r, i.id LIMIT %s",
            [match, *params, limit],
        )
        return [Hit(pk=r[0], rank=-float(r[1])) for r in cur.fetchall()]


_TRGM: dict[str, bool] = {}


def _has_trgm(cur: Any) -> bool:
    key = connection.settings_dict.get("NAME") or ""
    if key not in _TRGM:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        _TRGM[key] = cur.fetchone() is not None
    return _TRGM[key]


def highlight(text: str, q: str) -> SafeString:
    """``text`` escaped, with the words whose stem matches (or starts with) a query stem in <mark>."""
    terms = query_stems(q)
    if not text:
        return mark_safe("")
    out: list[str] = []
    pos = 0
    for m in WORD.finditer(text):
        out.append(escape(text[pos : m.start()]))
        w = m.group(0)
        s = stem(w)
        if terms and any(s.startswith(t) or w.lower().startswith(t) for t in terms):
            out.append(f"<mark>{escape(w)}</mark>")
        else:
            out.append(escape(w))
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
