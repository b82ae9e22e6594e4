"""Templates are data, never code: the Jinja rules every DOCX template is held to (issue #7 item 1).

A body's PPID may upload their own DOCX template for a kind (services.template_upload). Jinja is a small
programming language: a plain ``jinja2.Environment`` lets ``{{ badan.__class__.__mro__ }}`` walk from any
string to every Python class and on to ``os.popen``. Two independent defences close that class of attack:

1. **The upload gate** (``check_source``), run before anything is rendered. It parses every Jinja source
   docxtpl would render (document body, headers, footers, footnotes, the core properties) and walks the
   syntax tree. Only a small language is accepted: the kind's declared fields (the keys of ``Kind.sample``,
   followed along the sample's own structure: ``ttd.nama``, ``paraf[].jabatan``), loop variables of the
   template's own ``{% for %}`` (nested at most ``MAX_LOOP_DEPTH`` deep), ``loop.index`` and friends,
   constants, ``{% if %}``, comparisons, ``and/or/not``, ``~`` and ``+``/``-``, and the filters and tests
   in ``FILTERS``/``TESTS`` with positional arguments. No calls, no names or attributes starting with ``_``,
   no ``{% set %}``/``{% macro %}``/``{% include %}``/..., no globals (``range``, ``lipsum``, ``cycler``,
   ``joiner``, ``namespace``, ``dict``). The refusal names the offending expression. Unknown fields are
   collected and reported together (``UnknownFields``).
2. **The sandbox** (``DocumentEnvironment``), used for every render: upload check, previews, every letter.
   It is an ``ImmutableSandboxedEnvironment`` with no globals, only the allowed filters and tests, no
   callable at all, attribute access limited to dictionary keys (and a for-loop's counters), and the
   amplifying operators (``*`` beyond small integers, ``**``, ``%``, ``/``, ``//``) refused. A template
   that slipped past the gate (one stored before the gate existed) raises ``SecurityError`` instead of
   running. ``plain_context`` makes sure a context holds plain data only (dict/list/str/int/date...), never
   a model instance whose methods a template could reach.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from django.utils.translation import gettext as _
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Filters that print or pick from plain values and cannot amplify their input (no ``center``/``indent``/
# ``wordwrap``/``replace``/``format``, no ``attr``/``map``/``sort``/``selectattr`` which take attribute names,
# no ``safe`` which would let a value break out of the XML).
FILTERS = frozenset(
    {
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "int",
        "join",
        "last",
        "length",
        "lower",
        "round",
        "string",
        "title",
        "trim",
        "truncate",
        "upper",
    }
)
TESTS = frozenset({"defined", "divisibleby", "even", "none", "number", "odd", "string", "undefined"})
LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length"})
NUMERIC_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "length"})
MAX_LOOP_DEPTH = 2
MAX_FACTOR = 1000  # ``{% hm %}`` of docxtpl multiplies a column span by loop.length

_ALLOWED_BINOPS = (nodes.Add, nodes.Sub, nodes.And, nodes.Or)
_REFUSED_BINOPS = frozenset({"/", "//", "%", "**"})
PLAIN_TYPES = (str, int, float, bool, type(None), dt.date, dt.time, decimal.Decimal)


# -- the render-time sandbox --------------------------------------------------------------------------


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for document templates: data in, text out, nothing else reachable."""

    intercepted_binops = frozenset({"*", *_REFUSED_BINOPS})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.globals.clear()
        self.filters = {name: f for name, f in self.filters.items() if name in FILTERS}
        self.tests = {name: t for name, t in self.tests.items() if name in TESTS}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Dictionary keys are looked up in getattr below; the only real attributes a template may read
        # are a for-loop's counters.
        return isinstance(obj, LoopContext) and attr in LOOP_ATTRIBUTES

    def is_safe_callable(self, obj: Any) -> bool:
        return False  # a document template calls nothing (filters are applied, not called)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Mapping) and not attribute.startswith("_"):
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and _small_int(left) and _small_int(right):
            return left * right
        raise SecurityError(f"operator {operator!r} is not allowed in a document template")


def _small_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_FACTOR


def environment(undefined: type[jinja2.Undefined] = jinja2.StrictUndefined) -> DocumentEnvironment:
    return DocumentEnvironment(undefined=undefined, autoescape=True)


def plain_context(value: Any, path: str = "") -> Any:
    """A copy of ``value`` made of plain data only; TypeError naming the first value that is not.

    Templates see dicts, lists and printable scalars, never model instances, querysets or callables whose
    attributes and methods a template could reach (a second wall behind the sandbox).
    """
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"template context key {key!r} at {path or '<root>'} is not a string")
            out[key] = plain_context(item, f"{path}.{key}" if path else key)
        return out
    if isinstance(value, list | tuple):
        return [plain_context(item, f"{path}[]") for item in value]
    if isinstance(value, PLAIN_TYPES):
        return value
    raise TypeError(f"template context value {path or '<root>'} is a {type(value).__name__}, not plain data")


# -- the upload gate ----------------------------------------------------------------------------------


class Refused(Exception):
    """An expression or tag outside the template language; ``expression`` is what the user wrote."""

    def __init__(self, expression: str, reason: str, lineno: int | None = None) -> None:
        super().__init__(f"{expression}: {reason}")
        self.expression = expression
        self.reason = reason  # one of the codes below
        self.lineno = lineno


# Why an expression is refused (codes; ``reason_text`` gives the Indonesian sentence).
UNDERSCORE = "underscore"
CALL = "call"
STATEMENT = "statement"
OPERATOR = "operator"
DYNAMIC = "dynamic"
LOOP_OUTSIDE = "loop_outside"
LOOP_ATTRIBUTE = "loop_attribute"
LOOP_DEPTH = "loop_depth"
LOOP_TARGET = "loop_target"
LOOP_RECURSIVE = "loop_recursive"
FILTER = "filter"
TEST = "test"
KEYWORD = "keyword"
LITERAL = "literal"


def reason_text(code: str) -> str:
    """The reason of a refusal, for the PPID who uploaded the template."""
    texts = {
        UNDERSCORE: _("nama yang diawali garis bawah (_) tidak tersedia"),
        CALL: _("templat tidak boleh memanggil fungsi atau metode"),
        STATEMENT: _("yang tersedia hanya tag if dan for"),
        OPERATOR: _("operator ini tidak tersedia; yang ada hanya + - ~ dan perbandingan"),
        DYNAMIC: _("isian hanya boleh ditunjuk dengan namanya yang tetap"),
        LOOP_OUTSIDE: _("loop hanya tersedia di dalam perulangan for"),
        LOOP_ATTRIBUTE: _("yang tersedia: %(names)s")
        % {"names": ", ".join("loop." + n for n in sorted(LOOP_ATTRIBUTES))},
        LOOP_DEPTH: _("perulangan for bersarang lebih dari %(n)s tingkat") % {"n": MAX_LOOP_DEPTH},
        LOOP_TARGET: _("perulangan for hanya untuk satu nama, mis. for baris in daftar"),
        LOOP_RECURSIVE: _("perulangan for ... recursive tidak tersedia"),
        FILTER: _("saringan (filter) yang tersedia: %(names)s") % {"names": ", ".join(sorted(FILTERS))},
        TEST: _("uji (is ...) yang tersedia: %(names)s") % {"names": ", ".join(sorted(TESTS))},
        KEYWORD: _("saringan hanya menerima argumen berurutan, tanpa nama=nilai"),
        LITERAL: _("kamus {…} tidak tersedia di templat"),
    }
    return texts[code]


@dataclass
class _Shape:
    """What the kind's sample says a value is: a mapping of known keys, a list of items, or a leaf."""

    keys: dict[str, _Shape] | None = None
    item: _Shape | None = None

    @classmethod
    def of(cls, value: Any) -> _Shape:
        if isinstance(value, Mapping):
            return cls(keys={str(k): cls.of(v) for k, v in value.items()})
        if isinstance(value, list | tuple):
            return cls(item=cls.merge([cls.of(v) for v in value]))
        return cls()

    @classmethod
    def merge(cls, shapes: list[_Shape]) -> _Shape:
        """One shape for every item of a list: keys of all items, items of all lists."""
        keyed = [s for s in shapes if s.keys is not None]
        listed = [s for s in shapes if s.item is not None]
        out = cls()
        if keyed:
            names: dict[str, list[_Shape]] = {}
            for s in keyed:
                for k, v in (s.keys or {}).items():
                    names.setdefault(k, []).append(v)
            out.keys = {k: cls.merge(v) for k, v in names.items()}
        if listed:
            out.item = cls.merge([s.item for s in listed if s.item is not None])
        return out

    def element(self) -> _Shape:
        """What iterating (or indexing) this value gives: list items; characters or keys are leaves."""
        return self.item if self.item is not None else _Shape()


@dataclass
class _Value:
    """An expression's value as far as the gate knows: its field path and sample shape (None: not a field)."""

    path: str = ""
    shape: _Shape | None = None
    numeric_loop: bool = False


@dataclass
class _Walker:
    fields: dict[str, _Shape]
    unknown: set[str] = field(default_factory=set)
    lineno: int | None = None

    # statements

    def body(self, body: list[nodes.Node], scope: dict[str, _Value], depth: int) -> None:
        for node in body:
            self.statement(node, scope, depth)

    def statement(self, node: nodes.Node, scope: dict[str, _Value], depth: int) -> None:
        self.lineno = getattr(node, "lineno", self.lineno)
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.body(node.body, scope, depth)
            for branch in node.elif_:
                self.statement(branch, scope, depth)
            self.body(node.else_, scope, depth)
        elif isinstance(node, nodes.For):
            self.loop(node, scope, depth)
        else:
            raise Refused(_tag(node), STATEMENT, self.lineno)

    def loop(self, node: nodes.For, scope: dict[str, _Value], depth: int) -> None:
        if node.recursive:
            raise Refused("{% for ... recursive %}", LOOP_RECURSIVE, self.lineno)
        if depth >= MAX_LOOP_DEPTH:
            raise Refused(f"{{% for {_text(node.target)} in {_text(node.iter)} %}}", LOOP_DEPTH, self.lineno)
        if not isinstance(node.target, nodes.Name):
            raise Refused(f"{{% for {_text(node.target)} in … %}}", LOOP_TARGET, self.lineno)
        self._check_name(node.target.name, node.target)
        source = self.expr(node.iter, scope)
        element = source.shape.element() if source.shape is not None else None
        inner = {
            **scope,
            node.target.name: _Value(f"{source.path}[]" if source.path else node.target.name, element),
        }
        if node.test is not None:
            self.expr(node.test, inner)
        inner["loop"] = _Value("loop", None)
        self.body(node.body, inner, depth + 1)
        self.body(node.else_, scope, depth)

    # expressions

    def expr(self, node: nodes.Node, scope: dict[str, _Value]) -> _Value:
        if isinstance(node, nodes.Const):
            if isinstance(node.value, str) and node.value.startswith("_"):
                raise Refused(_text(node), UNDERSCORE, self.lineno)
            return _Value()
        if isinstance(node, nodes.Name):
            return self.name(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.member(node, self.expr(node.node, scope), node.attr, scope)
        if isinstance(node, nodes.Getitem):
            return self.item(node, scope)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            if node.name not in TESTS:
                raise Refused(_text(node), TEST, self.lineno)
            self._arguments(node, scope)
            self.expr(node.node, scope)
            return _Value()
        if isinstance(node, nodes.Mul):
            left, right = self.expr(node.left, scope), self.expr(node.right, scope)
            if not (_factor(node.left, left) and _factor(node.right, right)):
                raise Refused(_text(node), OPERATOR, self.lineno)
            return _Value()
        if isinstance(node, _ALLOWED_BINOPS):
            self.expr(node.left, scope)
            self.expr(node.right, scope)
            return _Value()
        if isinstance(node, nodes.BinExpr):
            raise Refused(_text(node), OPERATOR, self.lineno)
        if isinstance(node, nodes.Not | nodes.Neg | nodes.Pos):
            self.expr(node.node, scope)
            return _Value()
        if isinstance(node, nodes.Compare):
            self.expr(node.expr, scope)
            for operand in node.ops:
                self.expr(operand.expr, scope)
            return _Value()
        if isinstance(node, nodes.Concat):
            for child in node.nodes:
                self.expr(child, scope)
            return _Value()
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, scope)
            self.expr(node.expr1, scope)
            if node.expr2 is not None:
                self.expr(node.expr2, scope)
            return _Value()
        if isinstance(node, nodes.List | nodes.Tuple):
            for child in node.items:
                self.expr(child, scope)
            return _Value()
        if isinstance(node, nodes.Call):
            self.expr(node.node, scope)  # name the innermost offence first: `badan.__class__`
            raise Refused(_text(node), CALL, self.lineno)
        if isinstance(node, nodes.Dict):
            raise Refused(_text(node), LITERAL, self.lineno)
        raise Refused(_text(node), OPERATOR, self.lineno)

    def name(self, node: nodes.Name, scope: dict[str, _Value]) -> _Value:
        self._check_name(node.name, node)
        if node.name in scope:
            return scope[node.name]
        if node.name == "loop":
            raise Refused("loop", LOOP_OUTSIDE, self.lineno)
        if node.name not in self.fields:
            self.unknown.add(node.name)
            return _Value(node.name, None)
        return _Value(node.name, self.fields[node.name])

    def member(self, node: nodes.Node, base: _Value, key: str, scope: dict[str, _Value]) -> _Value:
        if key.startswith("_"):
            raise Refused(_text(node), UNDERSCORE, self.lineno)
        if base.path == "loop" and base.shape is None:
            if key not in LOOP_ATTRIBUTES:
                raise Refused(_text(node), LOOP_ATTRIBUTE, self.lineno)
            return _Value(numeric_loop=key in NUMERIC_LOOP_ATTRIBUTES)
        path = f"{base.path}.{key}" if base.path else key
        if not base.path:
            raise Refused(_text(node), DYNAMIC, self.lineno)
        if base.shape is None:  # already reported as unknown (its root)
            return _Value(path, None)
        if base.shape.keys is None or key not in base.shape.keys:
            self.unknown.add(path)
            return _Value(path, None)
        return _Value(path, base.shape.keys[key])

    def item(self, node: nodes.Getitem, scope: dict[str, _Value]) -> _Value:
        base = self.expr(node.node, scope)
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return self.member(node, base, arg.value, scope)
        if isinstance(arg, nodes.Const) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
            if not base.path or base.path == "loop":
                raise Refused(_text(node), DYNAMIC, self.lineno)
            shape = base.shape.element() if base.shape is not None else None
            return _Value(f"{base.path}[]", shape)
        if isinstance(arg, nodes.Slice) and all(
            part is None or (isinstance(part, nodes.Const) and isinstance(part.value, int))
            for part in (arg.start, arg.stop, arg.step)
        ):
            return base
        raise Refused(_text(node), DYNAMIC, self.lineno)

    def filter(self, node: nodes.Filter, scope: dict[str, _Value]) -> _Value:
        if node.name not in FILTERS:
            raise Refused(_text(node), FILTER, self.lineno)
        self._arguments(node, scope)
        if node.node is None:  # {% filter %} block
            raise Refused(_text(node), STATEMENT, self.lineno)
        base = self.expr(node.node, scope)
        if node.name in {"first", "last"} and base.shape is not None:
            return _Value(f"{base.path}[]", base.shape.element())
        return _Value()

    def _arguments(self, node: nodes.Filter | nodes.Test, scope: dict[str, _Value]) -> None:
        if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise Refused(_text(node), KEYWORD, self.lineno)
        for arg in node.args:
            self.expr(arg, scope)

    def _check_name(self, name: str, node: nodes.Node) -> None:
        if name.startswith("_"):
            raise Refused(_text(node), UNDERSCORE, self.lineno)


def _factor(node: nodes.Node, value: _Value) -> bool:
    """An operand ``*`` may take: a small integer constant or a numeric loop counter."""
    if isinstance(node, nodes.Const):
        return _small_int(node.value)
    return value.numeric_loop


def check_source(template: nodes.Template, sample: Mapping[str, Any]) -> set[str]:
    """Walk one parsed template: raise ``Refused`` at the first construct outside the template language;
    return the unknown field paths (``penerima``, ``ttd.gelar``, ``paraf[].gelar``)."""
    walker = _Walker({str(k): _Shape.of(v) for k, v in sample.items()})
    walker.body(template.body, {}, 0)
    return walker.unknown


# -- how an expression is shown in the refusal --------------------------------------------------------

_OPERATORS = {"eq": "==", "ne": "!=", "gt": ">", "gteq": ">=", "lt": "<", "lteq": "<=", "in": "in"}
_OPERATORS["notin"] = "not in"


def _text(node: nodes.Node | None) -> str:
    """The expression as the user wrote it, near enough to find it in the template."""
    if node is None:
        return ""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_text(node.node)}[{_text(node.arg)}]"
    if isinstance(node, nodes.Slice):
        parts = [_text(node.start), _text(node.stop)] + ([_text(node.step)] if node.step else [])
        return ":".join(parts)
    if isinstance(node, nodes.Call):
        return f"{_text(node.node)}({_arguments_text(node)})"
    if isinstance(node, nodes.Filter):
        args = _arguments_text(node)
        head = f"{_text(node.node)}|" if node.node is not None else "{% filter "
        return f"{head}{node.name}" + (f"({args})" if args else "")
    if isinstance(node, nodes.Test):
        args = _arguments_text(node)
        return f"{_text(node.node)} is {node.name}" + (f"({args})" if args else "")
    if isinstance(node, nodes.BinExpr):
        return f"{_text(node.left)} {node.operator} {_text(node.right)}"
    if isinstance(node, nodes.UnaryExpr):
        return f"{node.operator} {_text(node.node)}"
    if isinstance(node, nodes.Compare):
        rest = " ".join(f"{_OPERATORS.get(op.op, op.op)} {_text(op.expr)}" for op in node.ops)
        return f"{_text(node.expr)} {rest}"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(_text(n) for n in node.nodes)
    if isinstance(node, nodes.CondExpr):
        return f"{_text(node.expr1)} if {_text(node.test)} else {_text(node.expr2)}"
    if isinstance(node, nodes.List):
        return "[" + ", ".join(_text(n) for n in node.items) + "]"
    if isinstance(node, nodes.Tuple):
        return "(" + ", ".join(_text(n) for n in node.items) + ")"
    if isinstance(node, nodes.Dict):
        return "{" + ", ".join(f"{_text(p.key)}: {_text(p.value)}" for p in node.items) + "}"
    return type(node).__name__


def _arguments_text(node: nodes.Call | nodes.Filter | nodes.Test) -> str:
    parts = [_text(a) for a in node.args] + [f"{k.key}={_text(k.value)}" for k in node.kwargs]
    if node.dyn_args is not None:
        parts.append("*" + _text(node.dyn_args))
    if node.dyn_kwargs is not None:
        parts.append("**" + _text(node.dyn_kwargs))
    return ", ".join(parts)


_TAGS: dict[type[nodes.Node], str] = {
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.With: "with",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from ... import",
    nodes.Extends: "extends",
    nodes.Block: "block",
    nodes.ScopedEvalContextModifier: "autoescape",
    nodes.EvalContextModifier: "autoescape",
    nodes.ExprStmt: "do",
}


def _tag(node: nodes.Node) -> str:
    """``{% set x = … %}`` for a statement the template language does not have."""
    name = _TAGS.get(type(node), type(node).__name__.lower())
    if isinstance(node, nodes.Scope) and any(isinstance(n, nodes.EvalContextModifier) for n in node.body):
        name = "autoescape"
    if isinstance(node, nodes.Assign):
        return f"{{% set {_text(node.target)} = {_text(node.node)} %}}"
    return f"{{% {name} %}}"
