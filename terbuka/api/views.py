"""What the API answers outside its operations: JSON, never the site's HTML pages."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from terbuka.core.policies import PUBLIC, policy


@csrf_exempt
@policy(PUBLIC)
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any method on an unknown path under /api/v1/ (the operations are matched first)."""
    return JsonResponse({"message": f"Alamat API tidak dikenal: /api/v1/{rest[:200]}"}, status=404)
