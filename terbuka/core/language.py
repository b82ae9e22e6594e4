"""Letters and the records they come from are written in Indonesian whatever language the officer's screen
is in (UU 24/2009 Pasal 33: official documents in Bahasa Indonesia; DOMAIN.md §5 letters). Code that builds
a letter's text with gettext runs inside ``official_language()``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils import translation

OFFICIAL_LANGUAGE = "id"

P = ParamSpec("P")
R = TypeVar("R")


def official_language() -> translation.override:
    """A fresh ``translation.override`` to Indonesian (one per use: the object keeps the previous language,
    so sharing one between threads would mix them up)."""
    return translation.override(OFFICIAL_LANGUAGE)


def in_official_language(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of ``official_language()``."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with official_language():
            return func(*args, **kwargs)

    return wrapper
