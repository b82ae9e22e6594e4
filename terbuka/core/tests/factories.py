"""Small worlds for tests that need a body or a person of their own next to the demo.

Plain functions over the ORM (no audit events, no chain head): quick, and only what a test asks for. A test
about the services' own audit trail creates through the services instead. Every name is unique within a
test, so these never collide with the demo loaded for the session (see the root conftest.py).
"""

from __future__ import annotations

import itertools
from typing import Any

from terbuka.core.models import Position, PositionRole, PublicBody, Unit, User

_seq = itertools.count(1)


def body(*, slug: str = "", name: str = "", kind: str = PublicBody.Kind.KOTA, **fields: Any) -> PublicBody:
    """A public body; `fields` as on the model (e.g. ``time_zone="Asia/Jayapura"``)."""
    n = next(_seq)
    return PublicBody.objects.create(
        slug=slug or f"badan-uji-{n}", name=name or f"Badan Uji {n}", kind=kind, **fields
    )


def user(*, username: str = "", full_name: str = "", password: str = "x", **fields: Any) -> User:
    n = next(_seq)
    return User.objects.create_user(
        username or f"pengguna-uji-{n}",
        password=password,
        full_name=full_name or f"Pengguna Uji {n}",
        **fields,
    )


def official(
    body: PublicBody, role: str, *, unit: Unit | None = None, title: str = "", holder: User | None = None
) -> User:
    """A person holding a new position with ``role`` in ``body`` (optionally in ``unit``)."""
    holder = holder or user()
    position = Position.objects.create(
        body=body, unit=unit, title=title or f"Pejabat uji ({role})", holder=holder
    )
    PositionRole.objects.create(position=position, role=role)
    return holder
