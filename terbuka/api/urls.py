"""The API at /api/v1/: django-ninja, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from terbuka.dik.api import router as dik_router
from terbuka.documents.api import router as documents_router
from terbuka.registry.api import router as registry_router
from terbuka.requests.api import router as requests_router
from terbuka.sop.api import router as sop_router

from .auth import AUTH
from .core import router as core_router
from .errors import document_errors, problem


class TerbukaAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = TerbukaAPI(
    title="Terbuka API",
    version="1",
    description="API sistem kerja PPID Terbuka. Otentikasi: `Authorization: Bearer <token>`.",
    auth=AUTH,
    urls_namespace="api",
)


def _error(request: HttpRequest, message: str, status: int, **extra: object) -> HttpResponse:
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(NinjaValidationError)
def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = [problem(err) for err in exc.errors]
    return _error(request, "Masukan tidak sah: " + "; ".join(problems), 400, errors=exc.errors)


@api.exception_handler(ValidationError)
def on_django_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, "; ".join(exc.messages), 400)


@api.exception_handler(AuthenticationError)
def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Perlu otentikasi: kirim header Authorization: Bearer <token>.", 401)


@api.exception_handler(PermissionDenied)
def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "Anda tidak berwenang melakukan ini.", 403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or "Tidak ditemukan.", 404)


@api.exception_handler(BadRequest)
def on_bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
    return _error(request, str(exc) or "Permintaan tidak sah.", 400)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


api.add_router("/", core_router)
api.add_router("/", sop_router)
api.add_router("/", documents_router)
api.add_router("/", registry_router)
api.add_router("/", dik_router)
api.add_router("/", requests_router)
