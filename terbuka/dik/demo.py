"""Demo: Kota Serang, Kota Kupang and Kota Bontang each hold a decreed DIK made by running their SOP."""

from __future__ import annotations

from typing import IO, Any


def seed_demo_dik(stdout: IO[Any] | None = None) -> None:
    return None
