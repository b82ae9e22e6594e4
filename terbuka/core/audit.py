"""The append-only, hash-chained audit trail.

Every service writes one event per business action (STYLE.md habit 2). Events form one chain per public
body (plus a ``site`` chain for changes that belong to no body): each event stores the hash of the
previous event of its chain and a hash of its own content, so editing or deleting any row breaks the
chain at that point, and ``terbuka audit verify`` names the first broken link.

Appending locks the chain's head row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises writers
anyway), so two concurrent writers can never fork a chain.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from . import fastsql
from .models import ChainHead, Event

if TYPE_CHECKING:
    from .models import Position, PublicBody, User

GENESIS = "0" * 64


def chain_of(body: PublicBody | None) -> str:
    return f"body:{body.pk}" if body is not None else "site"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, JSON-ready (foreign keys as their ids)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if getattr(f, "auto_now", False):  # bookkeeping, not a change anyone made
            continue
        out[f.name] = _jsonable(getattr(obj, f.attname))
    return out


def diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values changed, as (old, new)."""
    keys = [k for k in new if old.get(k) != new.get(k)] + [k for k in old if k not in new]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def event_payload(event: Event) -> dict[str, Any]:
    """What the hash covers: every column but the hash itself."""
    return {
        "chain": event.chain,
        "seq": event.seq,
        "body": event.body_id,
        "actor": event.actor_id,
        "acting_for": event.acting_for_id,
        "acting_kind": event.acting_kind,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "old": event.old,
        "new": event.new,
        "note": event.note,
        "created_at": event.created_at.astimezone(dt.UTC).isoformat(),
        "prev_hash": event.prev_hash,
    }


def compute_hash(event: Event) -> str:
    return _digest(event_payload(event))


def _roundtrip(value: dict[str, Any] | None) -> Any:
    """JSON-ready and exactly what the database will give back, so the hash can be recomputed later."""
    return None if value is None else json.loads(json.dumps(_jsonable(value)))


def _head_row(chain: str) -> ChainHead | None:
    """The head row locked until the transaction ends, in SQL built once per process (issue #13)."""
    table = ChainHead._meta.db_table
    sql = f"SELECT h.id, h.seq, h.hash FROM {table} h WHERE h.chain = %s{fastsql.for_update('h')}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [chain])
        row = cursor.fetchone()
    if row is None:
        return None
    return ChainHead(id=row[0], chain=chain, seq=row[1], hash=row[2])


def _lock_head(chain: str) -> ChainHead:
    """The chain's head row, locked until the transaction ends (created on the chain's first event)."""
    head = _head_row(chain)
    if head is not None:
        return head
    try:
        with transaction.atomic():  # a savepoint: another writer may create the same head at this moment
            ChainHead.objects.create(chain=chain)
    except IntegrityError:
        pass
    return ChainHead.objects.select_for_update().get(chain=chain)


@dataclass(frozen=True)
class Acting:
    """On whose behalf an actor acts: the position held by someone else, and Plt./Plh."""

    position: Position
    kind: str  # "plt" or "plh"


def record(
    *,
    actor: User | None,
    body: PublicBody | None,
    action: str,
    obj: models.Model | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    note: str = "",
    acting: Acting | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> Event:
    """Append one event to the body's chain. Must run inside the caller's transaction."""
    chain = chain_of(body)
    # No savepoint: a failure here must roll back the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        head = _lock_head(chain)
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = object_id or str(obj.pk)
            object_repr = object_repr or str(obj)[:250]
        event = Event(
            chain=chain,
            seq=head.seq + 1,
            body=body,
            actor=actor if actor is not None and actor.pk else None,
            acting_for=acting.position if acting else None,
            acting_kind=acting.kind if acting else "",
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr[:250],
            old=_roundtrip(old),
            new=_roundtrip(new),
            note=note,
            created_at=timezone.now(),
            prev_hash=head.hash,
        )
        event.hash = compute_hash(event)
        fastsql.insert(event)
        head.seq, head.hash = event.seq, event.hash
        fastsql.update(head, ("seq", "hash"))
    return event


@dataclass(frozen=True)
class Break:
    chain: str
    seq: int
    event_id: int | None
    problem: str


def verify(
    chain: str | None = None,
    batch: int = 2000,
    *,
    since: tuple[int, str] = (0, GENESIS),
    limit: int | None = None,
) -> tuple[int, list[Break]]:
    """Walk each chain in order; report the first broken link of each. Returns (events checked, breaks).

    ``since`` starts after a link already verified (its seq and hash); ``limit`` stops after that many events
    (the head is then not compared)."""
    chains = [chain] if chain else list(Event.objects.values_list("chain", flat=True).distinct().order_by())
    checked = 0
    breaks: list[Break] = []
    for name in sorted(set(chains)):
        last_seen, prev_hash = since
        expected_seq = last_seen + 1
        broken = stopped = False
        while not broken and not stopped:
            size = batch if limit is None else min(batch, limit - checked)
            if size <= 0:
                stopped = True
                break
            rows = list(Event.objects.filter(chain=name, seq__gt=last_seen).order_by("seq")[:size])
            if not rows:
                break
            for ev in rows:
                checked += 1
                problem = None
                if ev.seq != expected_seq:
                    problem = (
                        f"urutan terputus: diharapkan #{expected_seq}, ditemukan #{ev.seq} (baris hilang)"
                    )
                elif ev.prev_hash != prev_hash:
                    problem = "tautan ke peristiwa sebelumnya tidak cocok"
                elif compute_hash(ev) != ev.hash:
                    problem = "isi peristiwa berubah setelah dicatat (hash tidak cocok)"
                if problem:
                    breaks.append(Break(name, ev.seq, ev.pk, problem))
                    broken = True
                    break
                prev_hash, expected_seq, last_seen = ev.hash, ev.seq + 1, ev.seq
        if not broken and not stopped:
            head = ChainHead.objects.filter(chain=name).first()
            if head is not None and (head.seq != last_seen or head.hash != prev_hash):
                breaks.append(
                    Break(name, last_seen + 1, None, "peristiwa terakhir hilang (kepala rantai tidak cocok)")
                )
    return checked, breaks


@dataclass(frozen=True)
class ChainStatus:
    """What the audit page says about a chain: verified through which event, when, and any break found."""

    verified_seq: int
    head_seq: int
    checked_at: dt.datetime | None
    full_checked_at: dt.datetime | None
    broken_seq: int | None
    problem: str

    @property
    def pending(self) -> int:
        return max(self.head_seq - self.verified_seq, 0)


def check_chain(chain: str, *, full: bool = False, limit: int = 5000) -> ChainStatus:
    """Verify a chain from its last verified link (or from the start when ``full``), at most ``limit`` events
    unless full, and remember how far it holds. A break is kept until a full check passes again."""
    from .models import ChainCheck

    state, _created = ChainCheck.objects.get_or_create(chain=chain)
    head = ChainHead.objects.filter(chain=chain).values_list("seq", "hash").first() or (0, GENESIS)
    if not full and state.broken_seq is not None:
        # A break stays on record until a full check (the daily job, ``terbuka audit verify``) passes.
        return _status(state, head[0])
    since = (0, GENESIS) if full else (state.verified_seq, state.verified_hash)
    checked, breaks = verify(chain, since=since, limit=None if full else limit)
    now = timezone.now()
    if not full and not breaks and checked == 0 and state.checked_at is not None:
        return _status(state, head[0])  # nothing new since the last check: no write on a page view
    if breaks:
        state.broken_seq, state.problem = breaks[0].seq, breaks[0].problem[:200]
    else:
        reached = since[0] + checked
        last = Event.objects.filter(chain=chain, seq=reached).values_list("hash", flat=True).first()
        state.verified_seq, state.verified_hash = reached, last or since[1]
        state.broken_seq, state.problem = None, ""
    state.checked_at = now
    if full:
        state.full_checked_at = now
    state.save()
    return _status(state, head[0])


def _status(state: Any, head_seq: int) -> ChainStatus:
    return ChainStatus(
        verified_seq=state.verified_seq,
        head_seq=head_seq,
        checked_at=state.checked_at,
        full_checked_at=state.full_checked_at,
        broken_seq=state.broken_seq,
        problem=state.problem,
    )
