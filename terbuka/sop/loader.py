"""Load a SOP file (YAML) into a ``SopDefinition``, reporting every problem with its line.

Two passes over the same parsed document:

1. pydantic validates the structure (unknown and missing keys, types, roles, durations); each error's
   ``loc`` is mapped to the YAML node it came from, so it gets the node's line;
2. the rules pydantic cannot express are checked on the raw data, tolerant of shapes pass 1 already
   rejected: lane codes, step numbers, targets, step kinds, actions, and the graph (every step reachable
   from the first, and every step with a way to ``selesai``).

Problems are printed ``file:line: field: message``. Field paths name list items by their key where they
have one (``langkah[no=3].waktu``, ``pelaksana[kode=petugas].peran``) and otherwise by their 1-based
position (``langkah[ke-4].no``, ``dasar_hukum[ke-2]``). See docs/sop-format.md.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeGuard

import yaml
from pydantic import BaseModel, ValidationError

from terbuka.core.roles import UNIT_ROLES, Role

from .schema import END, SopDefinition

Path = tuple[str | int, ...]

KINDS = ("biasa", "keputusan", "sebar", "paraf")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class SopFileError(ValueError):
    """A SOP file that cannot be used; ``problems`` lists everything found, in line order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# -- YAML with line numbers ----------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's yes/no/on/off booleans: ``no: 3`` is the key "no", not False."""


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _parse(text: str, filename: str) -> tuple[Any, dict[Path, int], list[Problem]]:
    """The document, the line (1-based) of every path in it, and duplicate-key problems."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, problems, filename, data)
    return data, lines, problems


def _walk(
    node: yaml.Node, path: Path, lines: dict[Path, int], problems: list[Problem], filename: str, root: Any
) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        filename,
                        line,
                        field_path((*path, key), root),
                        f"kunci {key!r} ganda (sudah ada di baris {seen[key]})",
                    )
                )
                continue
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, problems, filename, root)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, problems, filename, root)


def _line(lines: dict[Path, int], path: Path) -> int:
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return 1


# -- field paths ---------------------------------------------------------------------------------------


def _item_name(container: str, item: Any, index: int) -> str:
    if isinstance(item, dict):
        if container == "langkah" and isinstance(item.get("no"), int) and not isinstance(item["no"], bool):
            return f"no={item['no']}"
        if container == "pelaksana" and isinstance(item.get("kode"), str) and item["kode"]:
            return f"kode={item['kode']}"
    return f"ke-{index + 1}"


def field_path(loc: Iterable[str | int], root: Any) -> str:
    """``("langkah", 2, "waktu")`` -> ``langkah[no=3].waktu`` (see the module docstring)."""
    out = ""
    cur: Any = root
    last_key = ""
    for el in loc:
        if isinstance(el, int):
            item = cur[el] if isinstance(cur, list) and 0 <= el < len(cur) else None
            out += f"[{_item_name(last_key, item, el)}]"
            cur = item
        else:
            out += f".{el}" if out else str(el)
            last_key = str(el)
            cur = cur.get(el) if isinstance(cur, dict) else None
    return out or "berkas"


# -- pass 1: structure (pydantic) ----------------------------------------------------------------------


def _model_at(loc: Path) -> type[BaseModel] | None:
    """The pydantic model whose field ``loc`` points into (for suggesting known keys)."""
    model: Any = SopDefinition
    for el in loc:
        if isinstance(el, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or el not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[el].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None
            annotation = args[0]
        else:
            return annotation


def _message(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    loc = err["loc"]
    if kind == "missing":
        return "wajib diisi"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        msg = f"kunci tidak dikenal: {loc[-1]!r}"
        if model is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
            if close:
                msg += f" (maksudnya {close[0]!r}?)"
        return msg
    if kind == "string_type":
        return f"harus berupa teks, bukan {value!r}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"harus berupa bilangan bulat, bukan {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"harus true atau false, bukan {value!r}"
    if kind == "list_type":
        return "harus berupa daftar (butir-butir diawali '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "harus berupa pemetaan (kunci: nilai)"
    if kind.startswith("date"):
        return f"tanggal tidak sah: {value!r}; tulis TTTT-BB-HH, mis. 2019-04-30"
    if kind == "enum":
        return f"peran tidak dikenal: {value!r}; pilih salah satu: {', '.join(r.value for r in Role)}"
    if kind == "literal_error":
        return f"harus salah satu dari {ctx.get('expected', '').replace(' or ', ' atau ')}, bukan {value!r}"
    if kind == "string_pattern_mismatch":
        return (
            f"kode tidak sah: {value!r}; pakai huruf kecil, angka dan '_', diawali huruf (mis. petugas_plid)"
        )
    if kind == "too_short":
        return "tidak boleh kosong"
    if kind == "greater_than_equal":
        return f"harus {ctx.get('ge')} atau lebih, bukan {value!r}"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return str(err.get("msg", kind))


def _structure(data: dict[str, Any], lines: dict[Path, int], filename: str) -> list[Problem]:
    try:
        SopDefinition.model_validate(data)
    except ValidationError as exc:
        return [
            Problem(filename, _line(lines, tuple(e["loc"])), field_path(e["loc"], data), _message(e))
            for e in exc.errors()
        ]
    return []


# -- pass 2: rules across fields -----------------------------------------------------------------------


def _is_no(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _rules(
    data: dict[str, Any], lines: dict[Path, int], filename: str, actions: Collection[str] | None
) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: Path, message: str) -> None:
        problems.append(Problem(filename, _line(lines, path), field_path(path, data), message))

    # lanes
    raw_lanes = data.get("pelaksana")
    lanes: dict[str, dict[str, Any]] = {}
    lanes_known = isinstance(raw_lanes, list)
    for i, lane in enumerate(raw_lanes if isinstance(raw_lanes, list) else []):
        if (
            not isinstance(raw_lanes, list)
            or not isinstance(lane, dict)
            or not isinstance(lane.get("kode"), str)
        ):
            continue
        kode = lane["kode"]
        if kode in lanes:
            first = _line(lines, ("pelaksana", raw_lanes.index(lanes[kode]), "kode"))
            add(("pelaksana", i, "kode"), f"kode pelaksana {kode!r} ganda (sudah dipakai di baris {first})")
            continue
        lanes[kode] = lane
    lane_list = ", ".join(lanes) or "-"

    def check_lane(path: Path, kode: Any, *, column: bool) -> dict[str, Any] | None:
        if not isinstance(kode, str) or not lanes_known:
            return None
        if kode not in lanes:
            add(path, f"pelaksana tidak dikenal: {kode!r}; yang ada: {lane_list}")
            return None
        if column and lanes[kode].get("kolom") is False:
            add(path, f"pelaksana {kode!r} tidak tampil sebagai kolom (kolom: false); langkah harus di kolom")
        return lanes[kode]

    # steps: numbers first (targets may point forward)
    raw_steps = data.get("langkah")
    steps = [s if isinstance(s, dict) else {} for s in (raw_steps if isinstance(raw_steps, list) else [])]
    numbers: dict[int, int] = {}  # no -> index of its first occurrence
    for i, step in enumerate(steps):
        no = step.get("no")
        if not _is_no(no):
            continue
        if no in numbers:
            first = _line(lines, ("langkah", numbers[no]))
            add(("langkah", i, "no"), f"nomor langkah {no} ganda (sudah dipakai di baris {first})")
        else:
            numbers[no] = i

    for i, step in enumerate(steps):
        at: Path = ("langkah", i)
        lane = check_lane((*at, "pelaksana"), step.get("pelaksana"), column=True)
        for key in ("ya", "tidak", "lanjut"):
            target = step.get(key)
            if _is_no(target) and target not in numbers:
                add((*at, key), f"langkah tujuan {target} tidak ada")
        aksi = step.get("aksi")
        if actions is not None and isinstance(aksi, str) and aksi not in actions:
            known = ", ".join(sorted(actions)) or "-"
            add((*at, "aksi"), f"aksi tidak dikenal: {aksi!r}; yang terdaftar: {known}")
        kind = step.get("jenis", "biasa")
        if kind not in KINDS:
            continue  # pass 1 reported it
        if kind == "keputusan":
            for key in ("pertanyaan", "ya", "tidak"):
                if step.get(key) is None:
                    add((*at, key), f"langkah keputusan wajib punya '{key}'")
            if "lanjut" in step:
                add((*at, "lanjut"), "'lanjut' tidak berlaku untuk langkah keputusan; pakai 'ya' dan 'tidak'")
        else:
            for key in ("pertanyaan", "ya", "tidak"):
                if key in step:
                    add((*at, key), f"'{key}' hanya untuk langkah berjenis keputusan (jenis: {kind})")
        if kind == "sebar":
            fan = step.get("sebar")
            if fan is None:
                add(
                    (*at, "sebar"),
                    "langkah sebar wajib punya blok 'sebar' (mis. sebar: {peran: ppid_pembantu})",
                )
            elif isinstance(fan, dict):
                role = fan.get("peran", Role.PPID_PEMBANTU.value)
                if role in {r.value for r in Role} and role not in UNIT_ROLES:
                    units = ", ".join(sorted(UNIT_ROLES))
                    add((*at, "sebar", "peran"), f"sebar hanya untuk peran yang terikat unit: {units}")
                elif lane is not None and lane.get("peran") != role:
                    add(
                        (*at, "pelaksana"),
                        f"pelaksana langkah sebar harus berperan {role!r} "
                        f"(pelaksana {step.get('pelaksana')!r} berperan {lane.get('peran')!r})",
                    )
        elif "sebar" in step:
            add((*at, "sebar"), f"'sebar' hanya untuk langkah berjenis sebar (jenis: {kind})")
        if kind == "paraf":
            chain = step.get("paraf")
            if chain is None:
                add(
                    (*at, "paraf"), "langkah paraf wajib punya blok 'paraf' (paraf: [...], tanda_tangan: ...)"
                )
            elif isinstance(chain, dict):
                initials = chain.get("paraf")
                for j, kode in enumerate(initials if isinstance(initials, list) else []):
                    check_lane((*at, "paraf", "paraf", j), kode, column=False)
                check_lane((*at, "paraf", "tanda_tangan"), chain.get("tanda_tangan"), column=False)
        elif "paraf" in step:
            add((*at, "paraf"), f"'paraf' hanya untuk langkah berjenis paraf (jenis: {kind})")

    _graph(steps, numbers, add)
    return problems


def _graph(steps: list[dict[str, Any]], numbers: dict[int, int], add: Callable[[Path, str], None]) -> None:
    """Report unreachable steps and steps with no way to the end."""
    first = steps[0].get("no") if steps else None
    if not _is_no(first):
        return
    order = list(numbers)  # first occurrences, in file order (duplicates are reported elsewhere)
    # edges: targets of each numbered step; a dangling target counts as a way out (already reported)
    edges: dict[int, list[int | str]] = {}
    for i, step in enumerate(steps):
        no = step.get("no")
        if not _is_no(no) or numbers.get(no) != i:
            continue
        raw: list[Any]
        if step.get("jenis") == "keputusan":
            raw = [step.get("ya"), step.get("tidak")]
        elif step.get("lanjut") is not None:
            raw = [step.get("lanjut")]
        else:
            pos = order.index(no)
            raw = [order[pos + 1] if pos + 1 < len(order) else END]
        out: list[int | str] = []
        for t in raw:
            if t == END or (_is_no(t) and t not in numbers):
                out.append(END)
            elif _is_no(t):
                out.append(t)
        edges[no] = out
    reached: set[int | str] = set()
    todo: list[int | str] = [first]
    while todo:
        cur = todo.pop()
        if cur in reached:
            continue
        reached.add(cur)
        todo.extend(edges.get(cur, []) if isinstance(cur, int) else [])
    ends: set[int | str] = {END}
    changed = True
    while changed:
        changed = False
        for no, out in edges.items():
            if no not in ends and any(t in ends for t in out):
                ends.add(no)
                changed = True
    for no, i in numbers.items():
        if no not in edges:
            continue
        if no not in reached:
            add(("langkah", i), f"langkah {no} tidak dapat dicapai dari langkah pertama (no {first})")
        if no not in ends and edges[no]:
            add(("langkah", i), f"tidak ada jalan dari langkah {no} ke '{END}' (putaran tanpa jalan keluar)")


# -- entry point ---------------------------------------------------------------------------------------


def load_definition(
    text: str, filename: str = "<sop>", actions: Collection[str] | None = None
) -> SopDefinition:
    """Parse and validate a SOP file; raise ``SopFileError`` listing every problem found."""
    try:
        data, lines, problems = _parse(text, filename)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = min(mark.line + 1, max(1, len(text.splitlines()))) if mark is not None else 1
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise SopFileError([Problem(filename, line, "yaml", f"YAML tidak sah: {detail}")]) from None
    except yaml.YAMLError as exc:
        raise SopFileError([Problem(filename, 1, "yaml", f"YAML tidak sah: {exc}")]) from None
    if not isinstance(data, dict):
        raise SopFileError(
            [Problem(filename, 1, "berkas", "isi berkas harus berupa pemetaan (kunci: nilai)")]
        )
    problems += _structure(data, lines, filename)
    problems += _rules(data, lines, filename, actions)
    if problems:
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda p: p.line)
        raise SopFileError(unique)
    return SopDefinition.model_validate(data)


def load_file(path: str, actions: Collection[str] | None = None) -> SopDefinition:
    with open(path, encoding="utf-8") as fh:
        return load_definition(fh.read(), path, actions)
