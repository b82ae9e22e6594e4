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
from yaml.composer import ComposerError

from .schema import END, SopDefinition
from .steps import KINDS

Path = tuple[str | int, ...]


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


MAX_TEXT = 512 * 1024  # characters; the web form caps uploads at 512 KB too
MAX_DEPTH = 20  # nesting of mappings and lists; the shipped SOPs need 6


class _Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's yes/no/on/off booleans: ``no: 3`` is the key "no", not False.

    Anchors and aliases are refused (the format needs none, and a 400-byte "billion laughs" file of nested
    aliases expands into gigabytes; an alias to itself makes a recursive document), and nesting deeper than
    ``MAX_DEPTH`` is refused before Python's recursion limit is near: each is a ``file:line: yaml: ...``
    problem, found while composing, before anything is expanded.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # types-PyYAML leaves Parser.peek_event unannotated
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise ComposerError(
                None, None, f"alias *{event.anchor} tidak diizinkan (tulis nilainya langsung)", mark
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise ComposerError(
                None, None, f"anchor &{anchor} tidak diizinkan (tulis nilainya langsung)", mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"bersarang lebih dari {MAX_DEPTH} tingkat", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _parse(text: str, filename: str) -> tuple[Any, dict[Path, int], list[Problem]]:
    """The document, the line (1-based) of every path in it, and duplicate-key problems."""
    if len(text) > MAX_TEXT:
        raise SopFileError(
            [
                Problem(
                    filename,
                    1,
                    "yaml",
                    f"berkas terlalu besar ({len(text) // 1024} KB; batas {MAX_TEXT // 1024} KB)",
                )
            ]
        )
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


def _strip_tags(loc: Iterable[str | int]) -> Path:
    """Pydantic puts the step kind into the location of a discriminated union's errors
    (``langkah.2.keputusan.ya``); the file has no such level."""
    out = tuple(loc)
    if len(out) >= 3 and out[0] == "langkah" and isinstance(out[1], int) and out[2] in KINDS:
        return (*out[:2], *out[3:])
    return out


def _step_model(data: Any, loc: Path) -> type[BaseModel] | None:
    if len(loc) >= 2 and loc[0] == "langkah" and isinstance(loc[1], int):
        steps = data.get("langkah") if isinstance(data, dict) else None
        raw = steps[loc[1]] if isinstance(steps, list) and 0 <= loc[1] < len(steps) else None
        jenis = raw.get("jenis", "biasa") if isinstance(raw, dict) else "biasa"
        kind = KINDS.get(jenis) if isinstance(jenis, str) else None
        return kind.model if kind is not None else None
    return None


def _model_at(loc: Path, data: Any = None) -> type[BaseModel] | None:
    """The pydantic model whose field ``loc`` points into (for suggesting known keys)."""
    model: Any = SopDefinition
    for i, el in enumerate(loc):
        if isinstance(el, int):
            continue
        if el == "langkah" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            model = _step_model(data, loc[: i + 2])
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


_BLOCK_HINTS = {
    "sebar": "langkah sebar wajib punya blok 'sebar' (mis. sebar: {peran: ppid_pembantu})",
    "paraf": "langkah paraf wajib punya blok 'paraf' (paraf: [...], tanda_tangan: ...)",
}


def _own_kind(key: str) -> str | None:
    return next((k.jenis for k in KINDS.values() if key in k.own_keys), None)


def _message(err: Any, loc: Path, data: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    step_kind = None
    if len(loc) >= 2 and loc[0] == "langkah" and isinstance(loc[1], int):
        model = _step_model(data, loc)
        step_kind = next((k.jenis for k in KINDS.values() if k.model is model), None)
    if kind == "missing":
        if step_kind == "keputusan" and len(loc) == 3 and loc[2] in ("pertanyaan", "ya", "tidak"):
            return f"langkah keputusan wajib punya '{loc[2]}'"
        if len(loc) == 3 and loc[2] in _BLOCK_HINTS and step_kind == loc[2]:
            return _BLOCK_HINTS[str(loc[2])]
        return "wajib diisi"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        if step_kind is not None and len(loc) == 3:
            if key == "lanjut" and step_kind == "keputusan":
                return "'lanjut' tidak berlaku untuk langkah keputusan; pakai 'ya' dan 'tidak'"
            owner = _own_kind(key)
            if owner is not None and owner != step_kind:
                return f"'{key}' hanya untuk langkah berjenis {owner} (jenis: {step_kind})"
        model = _model_at(loc[:-1], data)
        msg = f"kunci tidak dikenal: {key!r}"
        if model is not None:
            close = difflib.get_close_matches(key, list(model.model_fields), n=1)
            if close:
                msg += f" (maksudnya {close[0]!r}?)"
        return msg
    if kind in ("union_tag_invalid", "jenis"):
        found = value.get("jenis") if isinstance(value, dict) else value
        known = ", ".join(repr(k) for k in KINDS)
        return f"jenis langkah harus salah satu dari {known}, bukan {found!r}"
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
    if kind == "literal_error":
        return f"harus salah satu dari {ctx.get('expected', '').replace(' or ', ' atau ')}, bukan {value!r}"
    if kind == "string_pattern_mismatch":
        return (
            f"kode tidak sah: {value!r}; pakai huruf kecil, angka dan '_', diawali huruf (mis. petugas_plid)"
        )
    if kind == "too_short":
        return "tidak boleh kosong"
    if kind == "string_too_short":
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
        out = []
        for e in exc.errors():
            loc = _strip_tags(e["loc"])
            if e["type"] in ("union_tag_invalid", "jenis"):
                loc = (*loc, "jenis")
            out.append(Problem(filename, _line(lines, loc), field_path(loc, data), _message(e, loc, data)))
        return out
    return []


# -- pass 2: rules across fields -----------------------------------------------------------------------


def _is_no(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


ActionCheck = Callable[[str], bool] | Collection[str] | None


def _rules(
    data: dict[str, Any],
    lines: dict[Path, int],
    filename: str,
    actions: ActionCheck,
    roles: Collection[str] | None,
) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(filename, _line(lines, path), field_path(path, data), message))

    known_roles = list(roles) if roles is not None else None

    # lanes
    raw_lanes = data.get("pelaksana")
    lanes: dict[str, dict[str, Any]] = {}
    lanes_known = isinstance(raw_lanes, list)
    for i, lane in enumerate(raw_lanes if isinstance(raw_lanes, list) else []):
        if not isinstance(lane, dict) or not isinstance(lane.get("kode"), str):
            continue
        peran = lane.get("peran")
        if known_roles is not None and isinstance(peran, str) and peran and peran not in known_roles:
            add(
                ("pelaksana", i, "peran"),
                f"peran tidak dikenal: {peran!r}; pilih salah satu: {', '.join(known_roles)}",
            )
        kode = lane["kode"]
        if kode in lanes:
            first = _line(lines, ("pelaksana", raw_lanes.index(lanes[kode]), "kode"))  # type: ignore[union-attr]
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

    # statutory clocks
    clock_codes = data.get("jam_hukum")
    if isinstance(clock_codes, list):
        from terbuka.core.clocks import KINDS as CLOCKS

        for i, code in enumerate(clock_codes):
            if isinstance(code, str) and code not in CLOCKS:
                add(
                    ("jam_hukum", i),
                    f"tenggat tidak dikenal: {code!r}; yang ada: {', '.join(sorted(CLOCKS))}",
                )

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

    is_known = actions if callable(actions) else (None if actions is None else set(actions).__contains__)
    for i, step in enumerate(steps):
        at: Path = ("langkah", i)
        jenis = step.get("jenis", "biasa")
        kind = KINDS.get(jenis) if isinstance(jenis, str) else None
        for key in ("ya", "tidak", "lanjut"):
            target = step.get(key)
            if _is_no(target) and target not in numbers:
                add((*at, key), f"langkah tujuan {target} tidak ada")
        if kind is None:
            continue  # pass 1 reported it
        for path, kode, column in kind.lanes_used(step):
            check_lane((*at, *path), kode, column=column)
        for path, message in kind.check(step, lanes):
            add((*at, *path), message)
        if is_known is not None and "aksi" in step:
            from . import actions as registry

            raw = step.get("aksi")
            if isinstance(raw, str) and not is_known(raw):
                listed = (
                    sorted(actions) if actions is not None and not callable(actions) else registry.names()
                )
                add((*at, "aksi"), f"aksi tidak dikenal: {raw!r}; yang terdaftar: {', '.join(listed) or '-'}")
            else:
                for ref_path, message in registry.check_ref(raw, kind.jenis):
                    add((*at, "aksi", *ref_path), message)

    _graph(steps, numbers, add)
    return problems


def _graph(steps: list[dict[str, Any]], numbers: dict[int, int], add: Callable[[Path, str], None]) -> None:
    """Report unreachable steps and steps with no way to the end (the kinds' own ``exits``)."""
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
        jenis = step.get("jenis", "biasa")
        kind = KINDS.get(jenis) if isinstance(jenis, str) else None
        pos = order.index(no)
        following: Any = order[pos + 1] if pos + 1 < len(order) else END
        raw = [t for t, _label in (kind or KINDS["biasa"]).exits(step, following)]
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
    text: str,
    filename: str = "<sop>",
    actions: ActionCheck = None,
    roles: Collection[str] | None = None,
) -> SopDefinition:
    """Parse and validate a SOP file; raise ``SopFileError`` listing every problem found.

    ``actions``: the registered action names (or a predicate); ``roles``: the roles lanes may bind to
    (built-in plus the body's own). None skips that check: a pinned version loads as it was validated.
    """
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
    problems += _rules(data, lines, filename, actions, roles)
    if problems:
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda p: p.line)
        raise SopFileError(unique)
    return SopDefinition.model_validate(data)


def load_file(path: str, actions: ActionCheck = None, roles: Collection[str] | None = None) -> SopDefinition:
    with open(path, encoding="utf-8") as fh:
        return load_definition(fh.read(), path, actions, roles)
