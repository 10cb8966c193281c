"""Settings, read from the environment with strict parsing.

DATABASE_URL  unset: a SQLite file at db/daihoi.sqlite3 (the embedded demo);
              postgres://user@host:port/name for production (psycopg 3).
SECRET_KEY    required when DEBUG is off.
DEBUG         "1"/"true"/"yes" or "0"/"false"/"no"; anything else is an error.
ALLOWED_HOSTS comma-separated.
CACHE_URL     redis://… (production), db (default: the database table), locmem.
HTTPS, SECURE_*, SESSION_IDLE_SECONDS, CONTENT_SECURITY_POLICY, TRUSTED_PROXIES,
LOGIN_FAILURE_*, DAIHOI_JOB_*, MEDIA_ROOT: see the README's configuration table.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "daihoi.audit",
    "daihoi.organizations",
    "daihoi.people",
    "daihoi.accounts",
    "daihoi.demo",
    "daihoi.congresses",
    "daihoi.elections",
    "daihoi.personnel",
    "daihoi.complaints",
    "daihoi.delegates",
    "daihoi.reports",
    "daihoi.scanning",
    "daihoi.grading",
    "daihoi.preparation",
    "daihoi.jobs",
    "daihoi.approvals",
    "daihoi.hall",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "daihoi.request_guards.RejectNulMiddleware",  # before CSRF and sessions read the values
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "daihoi.errorpages.MethodNotAllowedPage",
    "daihoi.accounts.middleware.IdleSessionMiddleware",
    "daihoi.accounts.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "daihoi.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]
WSGI_APPLICATION = "daihoi.wsgi.application"
ASGI_APPLICATION = "daihoi.asgi.application"

_default_sqlite = BASE_DIR / "db" / "daihoi.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{_default_sqlite}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _default_sqlite.parent.mkdir(exist_ok=True)
    # WAL lets the projector read while counting teams write; a busy timeout
    # makes concurrent saves wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Connections are kept (conn_max_age above) as on PostgreSQL: closing the last
    # connection to a WAL database checkpoints and deletes the WAL file, which cost
    # each ballot save ~10 ms of disk work when every request opened its own.
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django leaves psycopg's prepared statements off (prepare_threshold None), which
    # turns them off even for a cursor that asks. The ORM's cursors bind on the client
    # and never prepare whatever this says; only the ballot save's statements
    # (elections.ballot_save) ask, so the server plans them once per connection.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Day-first dates and Vietnamese number separators in both languages (daihoi/formats/).
FORMAT_MODULE_PATH = ["daihoi.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads and background jobs' files; web and worker processes must share it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "media/"

# Login throttle (accounts.ratelimit): failures allowed per username+address, and per
# address (a hall behind one router shares it), inside a window that doubles after each
# lock-out of the same key, up to LOGIN_FAILURE_MAX_WINDOW_SECONDS.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_ADDRESS_LIMIT = env_int("LOGIN_FAILURE_ADDRESS_LIMIT", 20)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
LOGIN_FAILURE_MAX_WINDOW_SECONDS = env_int("LOGIN_FAILURE_MAX_WINDOW_SECONDS", 86400)
# Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")


def cache_from_url(url: str) -> dict:
    """CACHE_URL: redis://host:port/db (shared by every process and machine), "db" (the
    database's table daihoi_cache, made by migrate: shared by every process), or
    "locmem" (one process only: never behind several workers)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url in ("", "db"):
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "daihoi_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    if url == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"CACHE_URL must be redis://…, db or locmem, got {url!r}")


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "").strip())}

# Background jobs (daihoi.jobs): run inside the request instead of by `daihoi worker`
# (tests; never in production). A worker renews its claim on a job every third of
# the lease; a job whose lease runs out is taken up again.
DAIHOI_INLINE_JOBS = env_bool("DAIHOI_INLINE_JOBS", False)
DAIHOI_JOB_LEASE_SECONDS = env_int("DAIHOI_JOB_LEASE_SECONDS", 120)
# A members export of more members than this runs as a background job.
DAIHOI_EXPORT_INLINE_LIMIT = env_int("DAIHOI_EXPORT_INLINE_LIMIT", 5000)

# Behind HTTPS (HTTPS=1): Secure cookies, HSTS and a redirect to https.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The header a TLS-terminating proxy sets, e.g. "X-Forwarded-Proto"; the proxy must
# overwrite it on every request, or anyone could claim https.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A shared office PC: the session ends when the browser closes, and after
# SESSION_IDLE_SECONDS without a request (accounts.middleware.IdleSessionMiddleware).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 1800)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    # 'unsafe-eval': htmx evaluates trigger filters with Function(); to be removed with the
    # inline handlers (README "Left").
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
).strip()

# Largest surplus on a committee or standing-committee list where 30 % of the seats
# rounds to 0 and no text settles it (1–2 seats; 3 seats under the 2014 rules):
# rules/candidate_list.max_surplus. At least 1, so a lawful list always exists.
DAIHOI_SMALL_LIST_SURPLUS = max(1, int(os.environ.get("DAIHOI_SMALL_LIST_SURPLUS", "1")))

# Sessions cost no query where the cache is shared by every worker (Redis): cached_db
# reads the cache and keeps the database copy, so a logout or a revoked session holds
# in every worker. A per-process cache cannot carry sessions and the database cache
# saves nothing: then the database.
_NO_SESSION_CACHES = ("locmem.LocMemCache", "dummy.DummyCache", "db.DatabaseCache")
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db"
    if CACHES["default"]["BACKEND"].endswith(_NO_SESSION_CACHES)
    else "django.contrib.sessions.backends.cached_db"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The audit chain's HMAC key lives outside the database (README "Audit chain"): a file
# of 64 hex digits, readable only by the service. Created on the first audit entry of
# an empty chain (or by `daihoi audit keygen`); never created again once the chain has
# entries. In production put it on another disk/volume than the database.
AUDIT_KEY_FILE = os.environ.get("DAIHOI_AUDIT_KEY_FILE") or str(BASE_DIR / "db" / "audit.key")
