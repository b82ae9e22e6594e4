"""Hot-path statements without the ORM's per-call compilation (issue #13).

A task completion issues the same handful of statements thousands of times a day; compiling each through the
ORM's query machinery cost several times what the database spends running them. These helpers build the SQL
text once per process from the models' own metadata (so a new column is picked up without touching them) and
convert values with each field's own ``get_db_prep_save`` / ``from_db`` — the same conversions the ORM does.

Use them only where a profile shows the ORM's compilation matters; everywhere else the ORM is clearer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connections, models

M = TypeVar("M", bound=models.Model)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@cache
def _columns(model: type[models.Model], exclude: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(attnames, quoted columns) of the model's concrete fields, minus ``exclude`` (field names)."""
    fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
    return [f.attname for f in fields], [_q(f.column) for f in fields]


def select_list(model: type[models.Model], alias: str, exclude: Iterable[str] = ()) -> str:
    """``alias."col", …`` for the model's concrete fields (for a hand-written SELECT)."""
    _names, cols = _columns(model, frozenset(exclude))
    return ", ".join(f"{alias}.{c}" for c in cols)


def width(model: type[models.Model], exclude: Iterable[str] = ()) -> int:
    return len(_columns(model, frozenset(exclude))[0])


def from_row(
    model: type[M], row: Sequence[Any], offset: int, *, using: str = "default", exclude: Iterable[str] = ()
) -> M:
    """An instance from ``row[offset:offset + width]``, converted as the ORM would (JSON, booleans on SQLite,
    time zones…); fields in ``exclude`` are left deferred."""
    names, _cols = _columns(model, frozenset(exclude))
    values = list(row[offset : offset + len(names)])
    connection = connections[using]
    by_attname = _fields(model)
    for i, name in enumerate(names):
        for convert, expression in _converters(using, by_attname[name]):
            values[i] = convert(values[i], expression, connection)
    return model.from_db(using, names, values)


@cache
def _fields(model: type[models.Model]) -> dict[str, Any]:
    return {f.attname: f for f in model._meta.concrete_fields}


_CONVERTERS: dict[tuple[str, Any], list[tuple[Any, Any]]] = {}


def _converters(using: str, field: Any) -> list[tuple[Any, Any]]:
    """The backend's and the field's converters for reading a column, as the ORM's compiler finds them."""
    key = (using, field)
    found = _CONVERTERS.get(key)
    if found is None:
        connection = connections[using]
        col = field.get_col(field.model._meta.db_table)
        found = [(c, col) for c in connection.ops.get_db_converters(col) + col.get_db_converters(connection)]
        _CONVERTERS[key] = found
    return found


def _prep(instance: models.Model, attnames: list[str], connection: Any, add: bool) -> list[Any]:
    fields = _fields(type(instance))
    out = []
    for name in attnames:
        field = fields[name]
        out.append(field.get_db_prep_save(field.pre_save(instance, add), connection=connection))
    return out


@cache
def _insert_sql(model: type[models.Model], vendor: str, returning: bool) -> tuple[str, list[str]]:
    auto = model._meta.auto_field
    fields = [f for f in model._meta.concrete_fields if f is not auto]
    attnames = [f.attname for f in fields]
    cols = ", ".join(_q(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_q(model._meta.db_table)} ({cols}) VALUES ({marks})"
    if returning:
        sql += f" RETURNING {_q(str(model._meta.pk.column))}"
    return sql, attnames


def insert(instance: M, *, using: str = "default") -> M:
    """INSERT the instance (a new row; no signals, like ``bulk_create``) and set its primary key."""
    connection = connections[using]
    model = type(instance)
    returning = connection.features.can_return_columns_from_insert and model._meta.auto_field is not None
    sql, attnames = _insert_sql(model, connection.vendor, returning)
    params = _prep(instance, attnames, connection, add=True)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk = (
            cursor.fetchone()[0]
            if returning
            else connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column)
        )
    instance.pk = pk
    instance._state.adding = False
    instance._state.db = using
    return instance


def insert_many(instances: Sequence[models.Model], *, using: str = "default") -> None:
    """INSERT several rows of one model in one statement (primary keys are not read back)."""
    if not instances:
        return
    connection = connections[using]
    model = type(instances[0])
    sql, attnames = _insert_sql(model, connection.vendor, False)
    head, _sep, marks = sql.rpartition(" VALUES ")
    params: list[Any] = []
    for obj in instances:
        params += _prep(obj, attnames, connection, add=True)
    with connection.cursor() as cursor:
        cursor.execute(f"{head} VALUES " + ", ".join([marks] * len(instances)), params)


@cache
def _update_sql(model: type[models.Model], fields: tuple[str, ...]) -> tuple[str, list[str]]:
    meta = model._meta
    chosen: list[Any] = [meta.get_field(name) for name in fields]
    sets = ", ".join(f"{_q(f.column)} = %s" for f in chosen)
    sql = f"UPDATE {_q(meta.db_table)} SET {sets} WHERE {_q(str(meta.pk.column))} = %s"
    return sql, [f.attname for f in chosen]


def update(instance: models.Model, fields: Sequence[str], *, using: str = "default") -> None:
    """UPDATE the named fields of an existing row (like ``save(update_fields=…)``, without signals)."""
    connection = connections[using]
    sql, attnames = _update_sql(type(instance), tuple(fields))
    params = _prep(instance, attnames, connection, add=False)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, instance.pk])


def for_update(alias: str, using: str = "default") -> str:
    """`` FOR UPDATE OF alias`` where the database has row locks (SQLite serialises writers instead)."""
    features = connections[using].features
    if not features.has_select_for_update:
        return ""
    return f" FOR UPDATE OF {alias}" if features.has_select_for_update_of else " FOR UPDATE"
