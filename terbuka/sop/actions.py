"""Domain actions: what a SOP step does to the product's data, chosen in the SOP file with ``aksi``.

In a SOP file ``aksi`` is a name (``aksi: setujui``) or a mapping with parameters
(``aksi: {nama: terbitkan, daftar: dip}``). The name and the parameters are checked when the file loads
(``file:line`` errors), so a step never runs code chosen at run time by a user-supplied name: the registry
holds only classes that apps registered in their own ``ready()``.

An action declares:

* ``Params``: its parameters in the SOP file (a pydantic model; unknown keys are refused);
* ``Input``: what the person completing the step gives (a pydantic model: the API takes it as JSON, the
  task page shows a form derived from it, or the action's own ``form``); ``None`` when there is nothing;
* hooks, each given an ``ActionContext``:
  ``opened`` (the step's task opened), ``check`` (problems blocking completion, in Indonesian), ``perform``
  (inside the completing transaction; its return value is audited with the completion), ``undo`` (the task
  was returned or the process cancelled: withdraw what ``perform``/``opened`` did, keeping history);
* presentation: ``label``, ``description``, ``work_url`` (a domain page where the work is done), ``state``
  (lines telling where the work stands), ``owns_outputs`` (the action records the step's outputs itself, so
  no upload is asked for them) and ``document`` (for a ``paraf`` step: the letter's kind and data).

A renamed action keeps its old name in ``aliases`` so that pinned SOP versions of running processes load.
See docs/sop-format.md ("Writing an action").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticError

if TYPE_CHECKING:
    from django import forms

    from terbuka.core.models import Clock, PublicBody, Unit, User
    from terbuka.core.people import Grant

    from .engine import Engine
    from .models import Case, StepOutput, Task
    from .schema import SopDefinition, StepBase


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class DocumentSpec:
    """The letter a ``paraf`` step's action wants drafted: its kind and the data it fills in."""

    kind: str
    context: dict[str, Any] = field(default_factory=dict)
    classification: str = "internal"
    title: str = ""


@dataclass
class ActionContext:
    """What a hook sees: the task, its case and step, who acts (if anyone), and helpers to act on them."""

    engine: Engine
    task: Task
    actor: User | None = None
    grant: Grant | None = None
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    decision: bool | None = None
    note: str = ""
    attached: list[str] = field(default_factory=list)  # names of the files given with the completion

    @property
    def case(self) -> Case:
        return self.task.case

    @property
    def body(self) -> PublicBody:
        return self.task.case.body

    @property
    def definition(self) -> SopDefinition:
        return self.task.case.definition

    @property
    def step(self) -> StepBase:
        return self.definition.step(self.task.step_no)

    @property
    def subject(self) -> Any:
        return self.task.case.subject

    def set_subject(self, obj: models.Model) -> None:
        self.engine.set_subject(self.task.case, obj)

    def route_to(self, unit: Unit) -> None:
        """Send the process to a unit: later unit-bound steps open for that unit only."""
        self.engine.route(self.task.case, unit, actor=self.actor, now=self.now, task=self.task)

    def record_output(
        self,
        name: str,
        *,
        document: Any = None,
        stored_file: Any = None,
        item: models.Model | None = None,
        summary: str = "",
    ) -> StepOutput:
        return self.engine.record_output(
            self.task,
            name,
            actor=self.actor,
            now=self.now,
            document=document,
            stored_file=stored_file,
            item=item,
            summary=summary,
        )

    def record_outputs(
        self,
        *,
        document: Any = None,
        stored_file: Any = None,
        item: models.Model | None = None,
        summary: str = "",
    ) -> list[StepOutput]:
        """Record every output this step makes (not those that pass through from an earlier step) with the
        same document, file, item and summary — the common case of an action that ``owns_outputs``."""
        return [
            self.record_output(name, document=document, stored_file=stored_file, item=item, summary=summary)
            for name in self.engine.outputs_to_make(self.definition, self.step)
        ]

    def start_clock(self, code: str, *, at: dt.datetime | None = None, on: dt.date | None = None) -> Clock:
        from terbuka.core import clocks

        owner = self.subject or self.task.case
        return clocks.clock_start(actor=self.actor, body=self.body, owner=owner, code=code, at=at, on=on)

    def clock(self, code: str) -> Clock | None:
        from terbuka.core import clocks

        for owner in (self.subject, self.task.case):
            if owner is not None:
                found = clocks.get(owner, code)
                if found is not None:
                    return found
        return None


class Action:
    """Base class of every domain action (see the module docstring)."""

    name: ClassVar[str]
    label: ClassVar[Any]
    description: ClassVar[Any] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    Params: ClassVar[type[BaseModel]] = NoParams
    Input: ClassVar[type[BaseModel] | None] = None
    kinds: ClassVar[tuple[str, ...] | None] = None  # step kinds it may sit on; None = any
    owns_outputs: ClassVar[bool] = False
    # files may be attached under any name (a step naming no output: "unggah bukti")
    free_uploads: ClassVar[bool] = False
    # False: the product holds this step's data: no file slots on the task page (the action refuses any)
    takes_uploads: ClassVar[bool] = True

    def __init__(self, params: BaseModel) -> None:
        self.params = params

    # -- hooks ---------------------------------------------------------------------------------------------
    def opened(self, ctx: ActionContext) -> None:
        return None

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> Mapping[str, Any] | None:
        return None

    def undo(self, ctx: ActionContext, reason: str) -> None:
        return None

    # -- presentation ----------------------------------------------------------------------------------------
    def form(self, ctx: ActionContext, data: Any = None, files: Any = None) -> forms.Form | None:
        """The web form for ``Input``: derived from the schema unless an action supplies its own."""
        if self.Input is None:
            return None
        from .inputs import form_for

        return form_for(self.Input, data=data, initial=self.initial(ctx))

    def initial(self, ctx: ActionContext) -> dict[str, Any]:
        return {}

    def work_url(self, ctx: ActionContext) -> str | None:
        return None

    def state(self, ctx: ActionContext) -> list[str]:
        return []

    def document(self, ctx: ActionContext) -> DocumentSpec | None:
        return None

    # -- input -----------------------------------------------------------------------------------------------
    def parse_input(self, raw: Mapping[str, Any] | None) -> BaseModel | None:
        """Validate the completion input; ``ValidationError`` with one Indonesian line per problem."""
        if self.Input is None:
            if raw:
                raise ValidationError(_("Langkah ini tidak menerima isian."))
            return None
        try:
            return self.Input.model_validate(dict(raw or {}))
        except PydanticError as exc:
            raise ValidationError(input_problems(self.Input, exc)) from exc


def input_problems(model: type[BaseModel], exc: PydanticError) -> list[str]:
    """Pydantic errors as Indonesian lines naming each field by its title."""
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        key = loc[0] if loc else ""
        info = model.model_fields.get(key)
        title = (_(info.title) if info is not None and info.title else key) or _("isian")
        where = title + ("".join(f"[{x}]" for x in loc[1:]) if len(loc) > 1 else "")
        kind = err["type"]
        if kind == "missing":
            msg = _("%(field)s wajib diisi.") % {"field": where}
        elif kind == "extra_forbidden":
            msg = _("Isian tidak dikenal: %(field)s.") % {"field": where}
        elif kind in ("string_too_short",):
            msg = _("%(field)s tidak boleh kosong.") % {"field": where}
        elif kind in ("string_too_long",):
            msg = _("%(field)s terlalu panjang.") % {"field": where}
        elif kind.startswith("int") or kind.startswith("float"):
            msg = _("%(field)s harus berupa angka.") % {"field": where}
        elif kind.startswith("date"):
            msg = _("%(field)s harus berupa tanggal (TTTT-BB-HH).") % {"field": where}
        elif kind.startswith("bool"):
            msg = _("%(field)s harus ya atau tidak.") % {"field": where}
        elif kind in ("literal_error", "enum"):
            msg = _("%(field)s: pilihan tidak dikenal.") % {"field": where}
        elif kind == "value_error":
            msg = f"{where}: {err.get('ctx', {}).get('error', err['msg'])}"
        else:
            msg = f"{where}: {err['msg']}"
        out.append(msg)
    return out


# -- the registry --------------------------------------------------------------------------------------------

_REGISTRY: dict[str, type[Action]] = {}
_ALIASES: dict[str, str] = {}


def register(cls: type[Action]) -> type[Action]:
    """Register an action class (a decorator). Apps call it from their ``ready()`` (importing the module)."""
    for name in (cls.name, *cls.aliases):
        owner = _REGISTRY.get(name) or (_REGISTRY.get(_ALIASES[name]) if name in _ALIASES else None)
        if owner is not None and owner is not cls and owner.__qualname__ != cls.__qualname__:
            raise ValueError(f"aksi {name!r} sudah terdaftar oleh {owner.__module__}.{owner.__qualname__}")
    _REGISTRY[cls.name] = cls
    for alias in cls.aliases:
        _ALIASES[alias] = cls.name
    return cls


def resolve(name: str) -> type[Action]:
    """The action class for a name or an alias."""
    try:
        return _REGISTRY[_ALIASES.get(name, name)]
    except KeyError:
        raise KeyError(f"aksi tidak dikenal: {name!r}") from None


def get(name: str) -> type[Action]:
    return resolve(name)


def names() -> list[str]:
    """Registered names (not aliases), sorted."""
    return sorted(_REGISTRY)


def known(name: str) -> bool:
    return name in _REGISTRY or name in _ALIASES


def check_ref(raw: Any, jenis: str) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems of an ``aksi`` value in a SOP file, as (path under ``aksi``, message)."""
    if raw is None:
        return []
    name: Any
    if isinstance(raw, str):
        name, params = raw, {}
        name_path: tuple[str | int, ...] = ()
    elif isinstance(raw, dict):
        name = raw.get("nama")
        params = {k: v for k, v in raw.items() if k != "nama"}
        name_path = ("nama",)
        if not isinstance(name, str) or not name:
            return [(("nama",), "aksi dengan parameter wajib punya 'nama'")]
    else:
        return [((), "aksi harus berupa nama atau pemetaan {nama: ..., parameter: ...}")]
    if not known(name):
        listed = ", ".join(names()) or "-"
        return [(name_path, f"aksi tidak dikenal: {name!r}; yang terdaftar: {listed}")]
    cls = resolve(name)
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if cls.kinds is not None and jenis not in cls.kinds:
        problems.append(
            (name_path, f"aksi {name!r} hanya untuk langkah berjenis {', '.join(cls.kinds)} (jenis: {jenis})")
        )
    try:
        cls.Params.model_validate(params)
    except PydanticError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                known_keys = ", ".join(cls.Params.model_fields) or "-"
                msg = f"parameter tidak dikenal untuk aksi {name!r}: {loc[-1]!r}; yang ada: {known_keys}"
            elif err["type"] == "missing":
                msg = f"parameter aksi {name!r} wajib diisi"
            else:
                msg = f"parameter aksi {name!r} tidak sah: {err.get('ctx', {}).get('error', err['msg'])}"
            problems.append((loc, msg))
    return problems


_BOUND: dict[tuple[str, str], Action] = {}


def bind(step: StepBase) -> Action | None:
    """The step's action instance with its parameters (cached per step object)."""
    name = step.action_name
    if name is None:
        return None
    key = (resolve(name).name, json.dumps(step.action_params, sort_keys=True, default=str))
    action = _BOUND.get(key)
    if action is None:
        cls = resolve(name)
        action = cls(cls.Params.model_validate(step.action_params))
        _BOUND[key] = action
    return action


# -- generic actions ---------------------------------------------------------------------------------------


@register
class UnggahDokumen(Action):
    """Attach files: the step's outputs, or at least one file when the step names none ("unggah bukti")."""

    name = "unggah_dokumen"
    label = gettext_lazy("Unggah dokumen")
    description = gettext_lazy("Lampirkan semua output langkah ini.")
    free_uploads = True

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        if not ctx.step.output and not ctx.attached and not ctx.engine.has_outputs(ctx.task):
            return [_("Lampirkan sekurang-kurangnya satu dokumen.")]
        return []


@register
class Setujui(Action):
    """An official's approval: refusing (answer Tidak) needs written reasons."""

    name = "setujui"
    label = gettext_lazy("Setujui")
    description = gettext_lazy("Persetujuan pejabat: catatan wajib bila tidak disetujui.")
    kinds = ("keputusan",)

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        if ctx.decision is False and not ctx.note.strip():
            return [_("Tuliskan alasan bila tidak menyetujui.")]
        return []
