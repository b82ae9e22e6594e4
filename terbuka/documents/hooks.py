"""Extension points of the documents app for the apps above it (the SOP engine, the registries).

The documents app knows nothing of the apps that use it (no import of them). They subscribe here from their
``ready()``:

* ``subscribe(listener)``: called inside the transaction of every step of a document's sign-off chain
  (``drafted``, ``paraf``, ``signed``, ``returned``, ``revised``) with the document, the official who acted
  and the grant they acted through. The SOP engine moves its sign-off task along and completes its step when
  the document is signed, atomically with the signature.
* ``set_target_resolver(fn)``: the generate form may be opened for a purpose another app owns (e.g. an output
  of a SOP step, ``?proses=&langkah=&label=``); the resolver checks the user may use it and says what to
  propose (case, step, label, the planned officials).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from terbuka.core.models import PublicBody, User
    from terbuka.core.people import Grant

    from .models import Document
    from .signoff import Signer

Listener = Callable[[str, "Document", "User | None", "Grant | None"], None]
_LISTENERS: list[Listener] = []


def subscribe(listener: Listener) -> Listener:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)
    return listener


def emit(event: str, document: Document, actor: User | None, grant: Grant | None = None) -> None:
    for listener in list(_LISTENERS):
        listener(event, document, actor, grant)


@dataclass(frozen=True)
class Target:
    """What a document is written for: archived with that process, at that step, under that name."""

    case: Any
    step_no: int
    label: str
    signers: list[Signer] = field(default_factory=list)
    unit: Any = None

    def query(self) -> str:
        from urllib.parse import urlencode

        return urlencode({"proses": self.case.pk, "langkah": self.step_no, "label": self.label})


Resolver = Callable[["User", "PublicBody", dict[str, str]], Target | None]
_RESOLVER: list[Resolver] = []


def set_target_resolver(resolver: Resolver) -> None:
    _RESOLVER[:] = [resolver]


def resolve_target(user: User, body: PublicBody, params: dict[str, str]) -> Target | None:
    """The purpose named by ``params`` (e.g. ``proses``, ``langkah``, ``label``), or None; raises Http404
    when the user may not use it."""
    if not _RESOLVER or not params.get("proses"):
        return None
    return _RESOLVER[0](user, body, params)
