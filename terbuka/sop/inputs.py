"""A Django form derived from an action's ``Input`` schema (pydantic), so the API (JSON) and the task page
(form) take the same input with the same rules.

Supported field types: ``str`` (a text box; ``json_schema_extra={"widget": "textarea"}`` for a text area),
``int``, ``bool``, ``datetime.date``, ``Literal[...]`` and ``Enum`` (a choice), ``list[str]`` (one item per
line), and any of these optional (``X | None``). Labels come from ``Field(title=...)`` and help texts from
``Field(description=...)``; both are Indonesian, marked with ``gettext_noop`` so that makemessages
finds them, and translated when the form is built (English mode). An action needing more (rows, files)
supplies its own form or a domain page (``Action.form`` / ``Action.work_url``).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

from django import forms
from django.utils.translation import gettext
from pydantic import BaseModel


class LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _field(
    annotation: Any, *, required: bool, label: str, help_text: str, extra: dict[str, Any]
) -> forms.Field:
    base, optional = _unwrap_optional(annotation)
    required = required and not optional
    common: dict[str, Any] = {"label": label, "help_text": help_text, "required": required}
    origin = typing.get_origin(base)
    if origin is typing.Literal:
        choices = [(str(v), str(v)) for v in typing.get_args(base)]
        labels = extra.get("choices") or {}
        return forms.ChoiceField(choices=[(v, labels.get(v, t)) for v, t in choices], **common)
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return forms.ChoiceField(
            choices=[(str(m.value), str(getattr(m, "label", m.value))) for m in base], **common
        )
    if origin is list:
        return LinesField(**common)
    if base is bool:
        return forms.BooleanField(label=label, help_text=help_text, required=False)
    if base is int:
        return forms.IntegerField(**common)
    if base is dt.date:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    if extra.get("widget") == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    return forms.CharField(**common)


def form_class_for(model: type[BaseModel]) -> type[forms.Form]:
    fields: dict[str, forms.Field] = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        fields[name] = _field(
            info.annotation,
            required=info.is_required(),
            # Titles and descriptions are Indonesian, marked with gettext_noop where the action is written;
            # translated here, when the form is built, into the language of the request.
            label=gettext(str(info.title)) if info.title else name,
            help_text=gettext(str(info.description)) if info.description else "",
            extra=extra,
        )
    return type(f"{model.__name__}Form", (forms.Form,), fields)


def form_for(
    model: type[BaseModel], *, data: Any = None, initial: dict[str, Any] | None = None
) -> forms.Form:
    return form_class_for(model)(data=data, initial=initial or {}, prefix="aksi")


def cleaned_input(form: forms.Form) -> dict[str, Any]:
    """The form's values as the JSON the API would take (empty optional values left out)."""
    out: dict[str, Any] = {}
    for name, value in form.cleaned_data.items():
        if value in (None, "") and not form.fields[name].required:
            continue
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out
