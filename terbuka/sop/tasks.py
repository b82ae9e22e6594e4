"""Background work of the SOP app (django-tasks; run with `terbuka db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def render_sop_matrix(version_id: int) -> list[str]:
    """Render an adopted version's public matrix PDF in every language and store it (matrix_files)."""
    from . import matrix_files
    from .models import SopVersion

    version = SopVersion.objects.filter(pk=version_id).first()
    if version is None:
        return []
    return matrix_files.prerender(version)
