"""The apps form layers (docs/architecture.md): an app imports only from the apps below it, so the domain
apps can be read, tested and replaced from the bottom up and no import cycle can form between them.

An app's ``api.py`` is its part of the HTTP API layer and may use the API's shared pieces (``terbuka.api``);
tests, migrations and the test-only apps under ``terbuka/testing`` may import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = ["core", "documents", "sop", "registry", "dik", "requests", "notifications", "portal", "api"]
EXEMPT_PACKAGES = {"testing"}
ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module))
    return out


def _app_modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or parts[0] in EXEMPT_PACKAGES:
            continue
        if "tests" in parts or "migrations" in parts:
            continue
        found.append((parts[0], path))
    return found


def test_every_app_has_a_place_in_the_layers():
    apps = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps - EXEMPT_PACKAGES <= set(ORDER), "add the new app to ORDER (and docs/architecture.md)"


def test_no_app_imports_from_a_layer_above_it():
    wrong = []
    for app, path in _app_modules():
        mine = ORDER.index(app)
        for lineno, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "terbuka" or len(parts) < 2 or parts[1] not in ORDER:
                continue
            if ORDER.index(parts[1]) <= mine:
                continue
            if path.name == "api.py" and parts[1] == "api":
                continue  # the app's own endpoints use the API layer's auth and errors
            wrong.append(f"{path.relative_to(ROOT.parent)}:{lineno} imports {module}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_the_probe_reads_every_existing_app():
    """The check above cannot pass vacuously: every app that exists has modules it reads."""
    existing = [app for app in ORDER if (ROOT / app).is_dir()]
    read = {app for app, _path in _app_modules()}
    assert existing and set(existing) <= read
