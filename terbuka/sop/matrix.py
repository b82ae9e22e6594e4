"""The official Permenpan-RB 35/2012 picture of a SOP (DOMAIN.md §7): identity block and flowchart matrix.

The table is No | Kegiatan | one column per lane | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan. Each
row carries one symbol in its step's lane: a capsule (terminator) for the first and the last step, a diamond
for a decision, a box otherwise (a stacked box for a fan-out). Connectors between symbols are drawn with the
lane cells' backgrounds (a 1.5 px line from the cell's centre to an edge), so they stretch with rows of any
height in a browser and in WeasyPrint alike; the symbols are small inline SVGs with an opaque fill on top.

An edge from row r (lane a) to a later row r2 (lane b) is routed in row r towards lane b, then down lane b to
the target's top, where an arrowhead enters. When that path is blocked (a symbol in lane b on the way), when
the edge goes back (a decision's loop) or when it crosses a PDF page break, both ends get an off-page
connector (pentagon) with the same letter instead, and a note under the table spells the letters out.
Nothing here runs JavaScript or loads anything: the output is self-contained HTML with inline SVG.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.core.workdays import format_date_ui

from .schema import END, SopDefinition, Step
from .steps import kind_of

W = 64  # width of a lane cell's SVG (px); a lane column is 18 mm (68 px) wide
H = 40  # height of a symbol's SVG; 64 when a connector sits above or below the symbol
LINE = "#222"

# progress colours: fills light enough for black text in print, strokes dark enough to tell apart
STYLES = {
    None: {"fill": "#ffffff", "stroke": LINE, "width": 1.2},
    "done": {"fill": "#c8e6c9", "stroke": "#2e7d32", "width": 1.6},
    "current": {"fill": "#ffffff", "stroke": "#1565c0", "width": 3.0},
    "late": {"fill": "#ffcdd2", "stroke": "#c62828", "width": 2.0},
}
PROGRESS_LABELS = {
    "done": gettext_lazy("selesai"),
    "current": gettext_lazy("sedang berjalan"),
    "late": gettext_lazy("terlambat"),
}

_PIXEL = (
    "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1' "
    "viewBox='0 0 1 1' preserveAspectRatio='none'%3E"
    "%3Crect width='1' height='1' fill='%23222222'/%3E%3C/svg%3E\")"
)
_SEG = {  # side -> (background-position, background-size)
    "top": ("center top", "1.5px 50%"),
    "bottom": ("center bottom", "1.5px 50%"),
    "left": ("left center", "50% 1.5px"),
    "right": ("right center", "50% 1.5px"),
}


@dataclass
class Connector:
    letter: str
    outgoing: bool
    label: str | None = None  # "Ya"/"Tidak" on a decision's outgoing connector
    end: bool = False  # a way to `selesai` from a step that is not the last one
    slot: str = ""


@dataclass
class RowPlan:
    step: Step
    lane: int
    segs: list[set[str]]
    exits: list[tuple[str, str]] = field(default_factory=list)  # (side, "Ya"/"Tidak")
    arrow_in: bool = False
    connectors: list[Connector] = field(default_factory=list)
    badges: dict[int, list[str]] = field(default_factory=dict)  # lane -> ["paraf 1", "ttd"]
    page_break: bool = False


@dataclass
class Plan:
    rows: list[RowPlan]
    notes: list[str]


def _letters() -> Iterator[str]:
    for a in ["", *string.ascii_uppercase]:
        for b in string.ascii_uppercase:
            yield a + b


def plan(defn: SopDefinition, breaks: frozenset[int] = frozenset()) -> Plan:
    """Where every line, arrowhead and connector goes. ``breaks``: row indexes that start a PDF page."""
    cols = {lane.kode: i for i, lane in enumerate(defn.columns())}
    steps = defn.langkah
    index = {s.no: i for i, s in enumerate(steps)}
    rows = [
        RowPlan(step=s, lane=cols[s.pelaksana], segs=[set() for _ in cols], page_break=i in breaks)
        for i, s in enumerate(steps)
    ]
    letters = _letters()
    notes: list[str] = []
    for r, row in enumerate(rows):
        step, a = row.step, row.lane
        for kode, what in kind_of(step).badges(defn, step):
            if kode in cols and cols[kode] != a:
                row.badges.setdefault(cols[kode], []).append(what)
        for target, label in defn.exits(step):
            if isinstance(target, str):  # END
                if r == len(rows) - 1:
                    continue  # the end capsule
                row.connectors.append(Connector(letter="", outgoing=True, label=label, end=True))
                continue
            r2 = index[target]
            b = rows[r2].lane
            crosses = any(k in breaks for k in range(r + 1, r2 + 1))
            free = all(rows[k].lane != b for k in range(r + 1, r2))
            if r2 > r and free and not crosses:
                _route(rows, r, r2, label)
                continue
            letter = next(letters)
            row.connectors.append(Connector(letter=letter, outgoing=True, label=label))
            if r2 != r:
                rows[r2].connectors.append(Connector(letter=letter, outgoing=False))
            why = f" ({label})" if label else ""
            notes.append(f"{letter}: dari langkah {step.no}{why} ke langkah {target}")
    for row in rows:
        _place_connectors(row)
    return Plan(rows=rows, notes=notes)


def _route(rows: list[RowPlan], r: int, r2: int, label: str | None) -> None:
    a, b = rows[r].lane, rows[r2].lane
    segs = rows[r].segs
    if a == b:
        segs[a].add("bottom")
        side = "bottom"
    else:
        side = "right" if b > a else "left"
        back = "left" if b > a else "right"
        segs[a].add(side)
        for c in range(min(a, b) + 1, max(a, b)):
            segs[c] |= {"left", "right"}
        segs[b] |= {back, "bottom"}
    for k in range(r + 1, r2):
        rows[k].segs[b] |= {"top", "bottom"}
    rows[r2].segs[b].add("top")
    rows[r2].arrow_in = True
    rows[r].exits.append((side, label or ""))


def _place_connectors(row: RowPlan) -> None:
    used = {side for side, _ in row.exits}
    if row.arrow_in:
        used.add("top")
    for conn in row.connectors:
        prefs = ["bottom", "right", "left", "top"] if conn.outgoing else ["top", "left", "right", "bottom"]
        conn.slot = next((s for s in prefs if s not in used), prefs[0])
        used.add(conn.slot)


# -- SVG -----------------------------------------------------------------------------------------------


def _shape(kind: str, cy: float, style: dict[str, Any]) -> tuple[str, float, float]:
    """The symbol's SVG and its half-width and half-height."""
    paint = f'fill="{style["fill"]}" stroke="{style["stroke"]}" stroke-width="{style["width"]}"'
    cx = W / 2
    if kind == "keputusan":
        hw, hh = 15.0, 13.0
        pts = f"{cx},{cy - hh} {cx + hw},{cy} {cx},{cy + hh} {cx - hw},{cy}"
        return f'<polygon points="{pts}" {paint}/>', hw, hh
    if kind == "terminator":
        hw, hh = 19.0, 10.0
        return (
            f'<rect x="{cx - hw}" y="{cy - hh}" width="{2 * hw}" height="{2 * hh}" rx="{hh}" {paint}/>',
            hw,
            hh,
        )
    hw, hh = 18.0, 10.0
    box = f'<rect x="{cx - hw}" y="{cy - hh}" width="{2 * hw}" height="{2 * hh}" {paint}/>'
    if kind == "sebar":  # a stack of boxes: one task per unit
        back = f'<rect x="{cx - hw + 3}" y="{cy - hh - 3}" width="{2 * hw}" height="{2 * hh}" {paint}/>'
        return back + box, hw, hh
    return box, hw, hh


def _pentagon(x: float, y: float, letter: str, color: str = LINE) -> str:
    """Off-page connector: 12 x 12 with its point down, top-left at (x, y)."""
    pts = f"{x},{y} {x + 12},{y} {x + 12},{y + 7} {x + 6},{y + 12} {x},{y + 7}"
    return (
        f'<polygon points="{pts}" fill="#fff" stroke="{color}" stroke-width="1"/>'
        f'<text x="{x + 6}" y="{y + 7.5}" font-size="6.5" text-anchor="middle">{escape(letter)}</text>'
    )


def _mini_end(x: float, y: float) -> str:
    return f'<rect x="{x}" y="{y + 2}" width="12" height="8" rx="4" fill="#fff" stroke="{LINE}"/>'


def _arrow_down(x: float, tip: float) -> str:
    return f'<polygon points="{x - 3},{tip - 5} {x + 3},{tip - 5} {x},{tip}" fill="{LINE}"/>'


def _arrow_side(tip_x: float, y: float, rightward: bool) -> str:
    d = -5 if rightward else 5
    return f'<polygon points="{tip_x + d},{y - 3} {tip_x + d},{y + 3} {tip_x},{y}" fill="{LINE}"/>'


def _label(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="6.5" font-style="italic" text-anchor="{anchor}" '
        f'fill="#111">{escape(text)}</text>'
    )


def symbol_svg(row: RowPlan, kind: str, status: str | None) -> str:
    tall = any(c.slot in ("top", "bottom") for c in row.connectors)
    h = 64 if tall else H
    cy = h / 2
    cx = W / 2
    shape, hw, hh = _shape(kind, cy, STYLES.get(status, STYLES[None]))
    parts = [shape]
    if row.arrow_in:
        parts.append(_arrow_down(cx, cy - hh))
    for side, text in row.exits:
        if not text:
            continue
        if side == "bottom":
            parts.append(_label(cx + 3, min(h - 1, cy + hh + 7), text))
        elif side == "right":
            parts.append(_label(W - 1, cy - 3, text, "end"))
        else:
            parts.append(_label(1, cy - 3, text))
    for conn in row.connectors:

        def draw(x: float, y: float, conn: Connector = conn) -> str:
            return _mini_end(x, y) if conn.end else _pentagon(x, y, conn.letter)

        if conn.slot == "bottom":
            parts.append(
                f'<line x1="{cx}" y1="{cy + hh}" x2="{cx}" y2="{h - 14}" stroke="{LINE}" stroke-width="1.2"/>'
            )
            parts.append(draw(cx - 6, h - 13))
            if conn.label:
                parts.append(_label(cx + 8, h - 4, conn.label))
        elif conn.slot == "top":
            parts.append(
                f'<line x1="{cx}" y1="13" x2="{cx}" y2="{cy - hh}" stroke="{LINE}" stroke-width="1.2"/>'
            )
            parts.append(draw(cx - 6, 1))
            if not conn.outgoing:
                parts.append(_arrow_down(cx, cy - hh))
            if conn.label:
                parts.append(_label(cx + 8, 9, conn.label))
        else:
            right = conn.slot == "right"
            x = W - 12 if right else 0
            edge = cx + hw if right else cx - hw
            far = x if right else x + 12
            parts.append(
                f'<line x1="{edge}" y1="{cy}" x2="{far}" y2="{cy}" stroke="{LINE}" stroke-width="1.2"/>'
            )
            parts.append(draw(x, cy - 6))
            if not conn.outgoing:
                parts.append(_arrow_side(edge, cy, not right))
            if conn.label:
                parts.append(_label(W - 1 if right else 1, cy - 8, conn.label, "end" if right else "start"))
    title = escape(_("Langkah %(no)s") % {"no": row.step.no})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" '
        f'role="img" aria-label="{title}"><title>{title}</title>{"".join(parts)}</svg>'
    )


def badge_svg(labels: list[str]) -> str:
    text = ", ".join(labels)
    width = min(W - 2, 6 + 3.6 * len(text))
    x = (W - width) / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="14" viewBox="0 0 {W} 14">'
        f'<rect x="{x}" y="1" width="{width}" height="12" rx="3" fill="#fff" stroke="#777" '
        f'stroke-width="0.8" stroke-dasharray="2 1"/>'
        f'<text x="{W / 2}" y="9.6" font-size="6.5" text-anchor="middle">{escape(text)}</text></svg>'
    )


def _cell_style(segs: set[str]) -> str:
    if not segs:
        return ""
    # a stretched one-pixel SVG, not a gradient: WeasyPrint 70 ignores background-size on gradients
    sides = sorted(segs)
    return (
        f"background-image: {', '.join(_PIXEL for _ in sides)}; "
        f"background-position: {', '.join(_SEG[s][0] for s in sides)}; "
        f"background-size: {', '.join(_SEG[s][1] for s in sides)}; "
        "background-repeat: no-repeat;"
    )


# -- rows for the templates ----------------------------------------------------------------------------


def _kind(defn: SopDefinition, step: Step) -> str:
    symbol = kind_of(step).symbol
    if symbol == "keputusan":
        return "keputusan"
    if step is defn.first or step is defn.last:
        return "terminator"
    return symbol


def _note(defn: SopDefinition, step: Step) -> str:
    return kind_of(step).describe(defn, step)


def _target_text(target: int | str | None) -> str:
    return "selesai" if target == END else f"langkah {target}"


def _rows(defn: SopDefinition, the_plan: Plan, progress: dict[int, str] | None) -> list[dict[str, Any]]:
    progress = progress or {}
    out = []
    for row in the_plan.rows:
        step = row.step
        status = progress.get(step.no)
        cells = []
        for c, segs in enumerate(row.segs):
            if c == row.lane:
                svg = symbol_svg(row, _kind(defn, step), status)
            elif c in row.badges:
                svg = badge_svg(row.badges[c])
            else:
                svg = ""
            cells.append({"style": _cell_style(segs), "svg": mark_safe(svg)})  # built and escaped here
        out.append(
            {
                "step": step,
                "paragraphs": [p for p in step.kegiatan.split("\n") if p.strip()],
                "note": _note(defn, step),
                "cells": cells,
                "status": status or "",
                "status_label": PROGRESS_LABELS.get(status or "", ""),
                "page_break": row.page_break,
            }
        )
    return out


def _legend_svg(status: str) -> SafeString:
    style = STYLES[status]
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="26" height="14" viewBox="0 0 26 14">'
        f'<rect x="2" y="2" width="22" height="10" fill="{style["fill"]}" stroke="{style["stroke"]}" '
        f'stroke-width="{style["width"]}"/></svg>'
    )


def _colgroup(defn: SopDefinition) -> list[str]:
    """Column widths in % of a 277 mm wide table (A4 landscape less 10 mm margins)."""
    lanes = len(defn.columns())
    lane_mm = max(18.0, min(30.0, 108.0 / max(lanes, 1)))
    rest = 277.0 - 7 - 18 - lanes * lane_mm
    widths = [7.0, rest * 0.43, *([lane_mm] * lanes), rest * 0.20, 18.0, rest * 0.20, rest * 0.17]
    return [f"{w / 277.0 * 100:.2f}%" for w in widths]


def _identity(defn: SopDefinition) -> dict[str, Any]:
    ident = defn.identitas

    def date(d: Any) -> str:
        return format_date_ui(d) if d else "-"

    return {
        "ident": ident,
        "pembuatan": date(ident.tanggal_pembuatan),
        "revisi": date(ident.tanggal_revisi),
        "efektif": date(ident.tanggal_efektif),
        "pairs": [
            (_("Dasar Hukum"), defn.dasar_hukum, _("Kualifikasi Pelaksana"), defn.kualifikasi_pelaksana),
            (_("Keterkaitan"), defn.keterkaitan, _("Peralatan/Perlengkapan"), defn.peralatan),
            (_("Peringatan"), defn.peringatan, _("Pencatatan dan Pendataan"), defn.pencatatan),
        ],
    }


def _context(
    defn: SopDefinition, progress: dict[int, str] | None, breaks: frozenset[int], with_identity: bool
) -> dict[str, Any]:
    the_plan = plan(defn, breaks)
    return {
        "defn": defn,
        "lanes": defn.columns(),
        "cols": _colgroup(defn),
        "rows": _rows(defn, the_plan, progress),
        "notes": the_plan.notes,
        "progress": bool(progress),
        "legend": [(_legend_svg(k), PROGRESS_LABELS[k]) for k in ("done", "current", "late")],
        "with_identity": with_identity,
        **_identity(defn),
    }


def render_html(
    defn: SopDefinition, progress: dict[int, str] | None = None, *, with_identity: bool = True
) -> str:
    """An HTML fragment (with its own scoped <style>) for embedding in a page."""
    return render_to_string("sop/matrix.html", _context(defn, progress, frozenset(), with_identity))


def render_pdf(
    defn: SopDefinition, progress: dict[int, str] | None = None, title: str | None = None
) -> bytes:
    """The printable SOP: A4 landscape, identity block on the first page, the matrix after it.

    Rendered until the page breaks are stable: the first pass finds which rows start a page, the next draws
    off-page connectors across those breaks (which may change a row's height, hence the loop).
    """
    from weasyprint import HTML

    breaks: frozenset[int] = frozenset()
    doc = None
    for _attempt in range(4):
        ctx = _context(defn, progress, breaks, True)
        ctx["title"] = title or defn.identitas.nama
        ctx["footer_css"] = mark_safe(_css_string(defn.identitas.nomor))  # escaped for CSS
        html = render_to_string("sop/matrix_pdf.html", ctx)
        doc = HTML(string=html).render()
        found = frozenset(_row_breaks(doc, defn))
        if found == breaks:
            break
        breaks = found
    assert doc is not None
    pdf: bytes = doc.write_pdf()  # WeasyPrint ships no type hints
    return pdf


def _css_string(text: str) -> str:
    """``text`` as the body of a CSS string inside <style> (where HTML escaping does not apply)."""
    return "".join(c if c.isalnum() or c in " ./-_,()" else f"\\{ord(c):x} " for c in text)


def _row_breaks(doc: Any, defn: SopDefinition) -> set[int]:
    """Indexes of the rows that start a page after the table's first page."""
    page_of: dict[int, int] = {}
    for p, page in enumerate(doc.pages):
        for anchor in page.anchors:
            if anchor.startswith("langkah-"):
                page_of[int(anchor.removeprefix("langkah-"))] = p
    out = set()
    for i in range(1, len(defn.langkah)):
        prev, cur = page_of.get(defn.langkah[i - 1].no), page_of.get(defn.langkah[i].no)
        if prev is not None and cur is not None and cur != prev:
            out.add(i)
    return out
