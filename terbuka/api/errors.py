"""Errors of the API as the schema documents them, and in Indonesian (issue #7 item 11).

Every operation answers bad input with 400, an unknown object with 404 and (when authenticated) a missing or
refused credential with 401/403, always as ``{"message": "…"}``. ``document_errors`` writes exactly that into
the published OpenAPI schema, so clients (and the fuzz's status-code check) know it. ``problem`` turns a
pydantic validation error into an Indonesian phrase ("days: harus bilangan bulat").
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"message": {"type": "string", "description": "pesan untuk pengguna (bahasa Indonesia)"}},
    "required": ["message"],
}
ERRORS = {
    400: "Masukan tidak sah",
    401: "Perlu otentikasi (Authorization: Bearer <token>)",
    403: "Tidak berwenang",
    404: "Tidak ditemukan",
}
PUBLIC_KEY = "x-terbuka-policy"

# pydantic error type -> Indonesian phrase (pydantic's own English message is the fallback)
PHRASES = {
    "missing": "wajib diisi",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "bool_parsing": "harus true atau false",
    "string_type": "harus teks",
    "string_too_long": "terlalu panjang",
    "string_too_short": "terlalu pendek",
    "date_parsing": "tanggal tidak sah (format YYYY-MM-DD)",
    "date_from_datetime_parsing": "tanggal tidak sah (format YYYY-MM-DD)",
    "datetime_parsing": "waktu tidak sah (format ISO 8601)",
    "datetime_from_date_parsing": "waktu tidak sah (format ISO 8601)",
    "json_invalid": "JSON tidak sah",
    "model_attributes_type": "harus objek JSON",
    "dict_type": "harus objek JSON",
    "list_type": "harus daftar",
    "greater_than_equal": "terlalu kecil",
    "less_than_equal": "terlalu besar",
}


def problem(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err.get("loc", []) if p not in ("query", "body", "path", "form", "file"))
    text = PHRASES.get(str(err.get("type")), str(err.get("msg")))
    return f"{loc}: {text}" if loc else text


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers every operation can give to the published schema (in place; returned)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            codes = [400, 404] if operation.get(PUBLIC_KEY) == "public" else [400, 401, 403, 404]
            responses = operation.setdefault("responses", {})
            for code in codes:
                if code not in responses and str(code) not in responses:
                    responses[code] = {"description": ERRORS[code], "content": ref}
    return schema
