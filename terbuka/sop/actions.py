"""The registry of domain actions a SOP step may name with ``aksi``.

A SOP file chooses an action by name; the name is checked against this registry when the file is
validated (``loader.load_definition(..., actions=names())``), so an unknown ``aksi`` is a validation
error, never a runtime lookup of user-supplied code. Later issues register domain actions (collect DIK
proposals, consequence test, decree number, ...) from their own apps' ``ready()``.

An action may add a completion rule: ``check(task, actor, decision, note, files) -> list[str]`` returns the
problems (Indonesian) that block completion; ``after(task, actor)`` runs inside the completing
transaction once the task is done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Task

Check = Callable[["Task", Any, "bool | None", str, Sequence[Any]], list[str]]
After = Callable[["Task", Any], None]


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    description: str = ""
    check: Check | None = None
    after: After | None = None
    form_fields: tuple[str, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, Action] = {}


def register(
    name: str, *, label: str = "", description: str = "", after: After | None = None
) -> Callable[[Check | None], Action]:
    """Register an action; use as a decorator on its check function (or call with None)."""

    def deco(check: Check | None) -> Action:
        if name in _REGISTRY:
            raise ValueError(f"aksi {name!r} sudah terdaftar")
        action = Action(name=name, label=label or name, description=description, check=check, after=after)
        _REGISTRY[name] = action
        return action

    return deco


def get(name: str) -> Action:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"aksi tidak dikenal: {name!r}") from None


def names() -> list[str]:
    return sorted(_REGISTRY)


# -- generic actions ---------------------------------------------------------------------------------------


@register("unggah_dokumen", label="Unggah dokumen", description="Lampirkan semua output langkah ini.")
def _unggah_dokumen(
    task: Task, actor: Any, decision: bool | None, note: str, files: Sequence[Any]
) -> list[str]:
    # The generic output rule already requires every named output; this action also requires at least one
    # file when the step names no output (e.g. "unggah bukti").
    if not task.step.output and not files:
        return ["Lampirkan sekurang-kurangnya satu dokumen."]
    return []


@register("setujui", label="Setujui", description="Persetujuan pejabat: catatan wajib bila tidak disetujui.")
def _setujui(task: Task, actor: Any, decision: bool | None, note: str, files: Sequence[Any]) -> list[str]:
    if decision is False and not note.strip():
        return ["Tuliskan alasan bila tidak menyetujui."]
    return []
