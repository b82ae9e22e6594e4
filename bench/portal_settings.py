"""The product's settings with the benchmark's URLs (a trivial view beside the real ones)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.portal_urls"
