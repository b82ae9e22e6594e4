"""Terbuka settings: one module, driven by the environment.

The embedded default (no environment at all) runs on SQLite with files under ``var/`` and a secret key
generated once and kept in ``var/secret_key``. Production sets ``TERBUKA_ENV=production`` plus at least
``DATABASE_URL``, ``SECRET_KEY`` and ``ALLOWED_HOSTS``; see docs/settings.md for every variable.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or env_bool("TERBUKA_TESTING")
PRODUCTION = env("TERBUKA_ENV") == "production"

VAR_DIR = Path(env("TERBUKA_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := env("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY wajib diisi bila TERBUKA_ENV=production.")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The product's public address, printed on letters (QR code, verification link) and in e-mails.
# `terbuka serve` (and `make run PORT=…`) sets it from its host and port when it is not given;
# production must set it (`check --deploy` warns, terbuka/core/checks.py).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
SITE_URL_GIVEN = bool(env("SITE_URL"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its own Swagger UI files for /api/v1/docs, served from here (no CDN)
    "terbuka.core",
    "terbuka.sop",
    "terbuka.documents",
    "terbuka.registry",
    "terbuka.dik",
    "terbuka.requests",
    "terbuka.notifications",
    "terbuka.portal",
    "terbuka.api",
]
if TESTING:
    # Test-only apps that plug into extension points from outside (terbuka/testing/).
    INSTALLED_APPS += ["terbuka.testing.aksi_uji"]

MIDDLEWARE = [
    "terbuka.core.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "terbuka.core.middleware.ChosenLanguageMiddleware",
    "terbuka.core.input_guard.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "terbuka.portal.cache.PageCacheMiddleware",  # cached public pages, before the body time-zone lookup
    "terbuka.core.middleware.BodyTimezoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "portal:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'terbuka.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web process and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every password set through a form (admin, password reset, `changepassword`) is checked; the demo loader
# writes its users' hashes directly, so `make run` keeps the documented demo password (README).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env("TERBUKA_PASSWORD_MIN_LENGTH", "10"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Hashed, compressed static files once `collectstatic` has run (make run and production do); before that
# (tests, a bare `terbuka serve`) whitenoise serves the source folders directly.
_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists() and not (DEBUG or TESTING)
WHITENOISE_USE_FINDERS = not _COLLECTED
_static_backend = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if _COLLECTED or env("TERBUKA_COLLECTSTATIC")
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
if env("S3_BUCKET"):
    _file_storage: dict = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env("S3_REGION") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    _file_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": MEDIA_URL},
    }
STORAGES = {"default": _file_storage, "staticfiles": {"BACKEND": _static_backend}}

# Background work (DESIGN.md: django-tasks with the database backend; no Redis needed).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING or env_bool("TERBUKA_TASKS_IMMEDIATE")
        else "django_tasks_db.DatabaseBackend",
    }
}

# Render a SOP version's public matrix PDF in the background when it is adopted (terbuka/sop/matrix_files.py);
# off in tests, which turn it on where they test it (otherwise each demo load would render dozens of PDFs).
TERBUKA_SOP_PDF_PRERENDER = env_bool("TERBUKA_SOP_PDF_PRERENDER", not TESTING)

# Recovery of background jobs whose worker died (terbuka/core/task_recovery.py; `terbuka tasks recover`,
# run periodically by `terbuka serve`): a job RUNNING longer than STUCK_AFTER seconds is queued again, up to
# MAX_ATTEMPTS runs in all, then marked failed (and its owner, e.g. a document, shows the error).
TERBUKA_TASKS_STUCK_AFTER = int(env("TERBUKA_TASKS_STUCK_AFTER", "900"))
TERBUKA_TASKS_MAX_ATTEMPTS = int(env("TERBUKA_TASKS_MAX_ATTEMPTS", "3"))
TERBUKA_TASKS_RECOVER_EVERY = int(env("TERBUKA_TASKS_RECOVER_EVERY", "60"))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Terbuka <noreply@terbuka.localhost>")

# Upload limit default per body (a body may set its own; see core.PublicBody.max_upload_mb).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
# Office PCs are shared: a session lasts TERBUKA_SESSION_HOURS (default 8, one working day) and, unless
# TERBUKA_SESSION_KEEP=1, ends when the browser closes (docs/settings.md).
TERBUKA_SESSION_HOURS = float(env("TERBUKA_SESSION_HOURS", "8"))
SESSION_COOKIE_AGE = int(TERBUKA_SESSION_HOURS * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = not env_bool("TERBUKA_SESSION_KEEP")
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Terbuka's own knobs.
# Login throttle (terbuka/core/login_guard.py, docs/security.md): after LOGIN_MAX_FAILURES failed logins
# within LOGIN_WINDOW_MINUTES, the account name (or the client address) is refused for LOGIN_LOCK_MINUTES.
TERBUKA_LOGIN_MAX_FAILURES = int(env("TERBUKA_LOGIN_MAX_FAILURES", "10"))
TERBUKA_LOGIN_WINDOW_MINUTES = int(env("TERBUKA_LOGIN_WINDOW_MINUTES", "15"))
TERBUKA_LOGIN_LOCK_MINUTES = int(env("TERBUKA_LOGIN_LOCK_MINUTES", "15"))
# The request header holding the client address when behind a reverse proxy that sets it (e.g.
# "X-Real-IP"); empty = the connection's address (REMOTE_ADDR). Never set it without such a proxy.
TERBUKA_CLIENT_IP_HEADER = env("TERBUKA_CLIENT_IP_HEADER")
# Password reset e-mails per client address per hour.
TERBUKA_PASSWORD_RESET_PER_HOUR = int(env("TERBUKA_PASSWORD_RESET_PER_HOUR", "5"))
# API tokens expire this many days after they are created (expired: 401).
TERBUKA_API_TOKEN_DAYS = int(env("TERBUKA_API_TOKEN_DAYS", "90"))
TERBUKA_DEMO_PASSWORD = "terbuka-demo"
TERBUKA_CALENDAR_YEARS_BACK = 1
TERBUKA_CALENDAR_YEARS_AHEAD = 2
# Years the calendar syncs on demand when a computation needs them (from the holidays package, audited as
# the system); a date in any other year is refused with a message naming the known range.
TERBUKA_CALENDAR_SYNC_FROM = int(env("TERBUKA_CALENDAR_SYNC_FROM", "2000"))
TERBUKA_CALENDAR_SYNC_AHEAD = int(env("TERBUKA_CALENDAR_SYNC_AHEAD", "5"))

# documents -------------------------------------------------------------------------------------------
# Naskah dinas and the archive (terbuka/documents, docs/documents.md).
TERBUKA_SOFFICE = env("TERBUKA_SOFFICE")  # path to soffice; empty = look it up on PATH
TERBUKA_SOFFICE_TIMEOUT = int(env("TERBUKA_SOFFICE_TIMEOUT", "120"))  # s; then its process group is killed
TERBUKA_DOCUMENTS_PDF = env_bool("TERBUKA_DOCUMENTS_PDF", True)  # convert generated DOCX to PDF (LibreOffice)
TERBUKA_DOCUMENTS_RETENTION_YEARS = int(env("TERBUKA_DOCUMENTS_RETENTION_YEARS", "10"))
# Zip/OOXML uploads (terbuka/core/safezip.py, docs/security.md): judged by the central directory first.
TERBUKA_ZIP_MAX_MEMBERS = int(env("TERBUKA_ZIP_MAX_MEMBERS", "1000"))
TERBUKA_ZIP_MAX_TOTAL_MB = int(env("TERBUKA_ZIP_MAX_TOTAL_MB", "100"))  # uncompressed, all members together
TERBUKA_ZIP_MAX_RATIO = int(env("TERBUKA_ZIP_MAX_RATIO", "100"))  # per member and overall, above 1 MB
# Requests (docs/requests.md): the key material of the requesters' NIK/ID scans at rest (default: SECRET_KEY;
# set it once in production and keep it), public submissions per address per hour, proof-of-work bits.
TERBUKA_PII_KEY = env("TERBUKA_PII_KEY", "")
TERBUKA_REQUEST_RATE = int(env("TERBUKA_REQUEST_RATE", "5"))
TERBUKA_REQUEST_POW_BITS = int(env("TERBUKA_REQUEST_POW_BITS", "16"))
# Uploads above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file;
# the per-body limit is PublicBody.max_upload_mb.
