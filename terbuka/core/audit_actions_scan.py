"""Find every audit action name the code can record (used by the label registry's test).

Reads the product's Python sources (tests excluded) and collects the ``action`` of every ``audit.record``
call: a literal, an f-string whose variable part is a choice of literals, or a local variable assigned
literals in the same function.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOTTED = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def _literals(node: ast.AST) -> list[str]:
    """The strings an expression can evaluate to, when made of literals, conditionals and f-strings."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            options = _literals(part.value if isinstance(part, ast.FormattedValue) else part)
            if not options:
                return []
            out = [prefix + option for prefix in out for option in options]
        return out
    return []


def _functions(tree: ast.AST) -> Iterator[ast.AST]:
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def recorded_actions() -> dict[str, str]:
    """action name -> "file:line" of one place that records it.

    Collected: the ``action=`` argument of every call (``audit.record`` and the helpers that pass it on,
    e.g. ``store_bytes(action=…)``), literal or a local variable assigned literals, and the defaults of
    parameters named ``action``; only dotted names (``sop.task.complete``) count."""
    found: dict[str, str] = {}

    def add(values: list[str], rel: Path, line: int) -> None:
        for v in values:
            if DOTTED.match(v):
                found.setdefault(v, f"{rel}:{line}")

    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent)
        if "tests" in path.parts or "migrations" in path.parts or path.name.startswith("test_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in _functions(tree):
            assigned: dict[str, list[str]] = {}
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            assigned.setdefault(target.id, []).extend(_literals(node.value))
            if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
                args = scope.args
                positional = args.posonlyargs + args.args
                pairs = list(
                    zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
                )
                pairs += [
                    (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
                ]
                for arg, default in pairs:
                    if arg.arg == "action":
                        add(_literals(default), rel, scope.lineno)
            for node in ast.walk(scope):
                if not isinstance(node, ast.Call):
                    continue
                for kw in node.keywords:
                    if kw.arg != "action":
                        continue
                    values = _literals(kw.value)
                    if not values and isinstance(kw.value, ast.Name):
                        values = assigned.get(kw.value.id, [])
                    add(values, rel, node.lineno)
    return found
