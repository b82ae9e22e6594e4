"""The ``terbuka`` command: Django's management commands, usable from anywhere in the checkout."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "terbuka"
    execute_from_command_line(argv)
    return 0
