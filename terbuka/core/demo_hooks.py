"""Other apps add their demo data here (e.g. adopting the seed SOPs) without core importing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

HOOKS: list[Callable[[IO[Any]], None]] = []


def register(fn: Callable[[IO[Any]], None]) -> Callable[[IO[Any]], None]:
    HOOKS.append(fn)
    return fn
