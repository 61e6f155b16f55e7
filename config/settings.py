"""Settings for every environment, read from the environment with django-environ.

With no configuration at all the portal runs for a newcomer: SQLite under var/,
Celery tasks in-process, emails written to var/outbox/, uploads on the local disk.
Each service is switched to its production form by one variable:

    DATABASE_URL        postgres://user:pass@host:5432/auxilios
    REDIS_URL           redis://host:6379/0 (Celery broker and cache)
    CELERY_BROKER_URL   overrides REDIS_URL for the broker only
    EMAIL_URL           smtp://user:pass@host:587 (or smtp+tls://, smtp+ssl://)
    AWS_STORAGE_BUCKET_NAME (+ AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...)  S3 uploads

AUXILIOS_ENV chooses the environment: development (default), test (set by
pytest), production. Production refuses to start without SECRET_KEY and
ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

ENVIRONMENT = env.str("AUXILIOS_ENV", default="development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"AUXILIOS_ENV must be development, test or production, not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

# --- Core -------------------------------------------------------------------
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # no default: ImproperlyConfigured when missing
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS for production.")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
    DEBUG = env.bool("DEBUG", default=not TESTING)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "core",
    "cooperatives",
    "members",
    "benefits",
    "invoices",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "cooperatives.middleware.CooperativeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cooperatives.context_processors.cooperative",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'auxilios.sqlite3'}")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Tests: no persistent connections, so worker and live-server threads never
    # keep the test database open after the run.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if TESTING else 60)
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str(
        "TEST_DATABASE_NAME", default="test_auxilios"
    )
    # Form choices (accounts, beneficiaries) are read with QuerySet.iterator(): as
    # a server-side cursor that is DECLARE WITH HOLD + FETCH + CLOSE, three round
    # trips for a handful of rows on every request page. Nothing here streams
    # large results through iterator().
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "members.backends.AssociateBackend",
    "django.contrib.auth.backends.ModelBackend",
    "members.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Django's own advice: a fast hasher in tests (Argon2 costs ~0.3 s a login here).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The emailed "set your password" link (CEMCOP's portal guide): single use, 24 hours.
PASSWORD_RESET_TIMEOUT = 24 * 3600
LOGIN_URL = "/"

# How many reverse proxies stand in front of the app, each appending the address
# it received from to X-Forwarded-For: the client is the N-th entry from the
# right (core.history.client_ip). 0 (development, tests, direct exposure):
# the header is ignored, since anyone can send it. Behind the deployment's one
# proxy it is 1, and the app's own ports must then be reachable only through it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

# django-axes: lock an account after repeated failures, per account *and* address
# pair so that a known cédula cannot be locked out by a stranger elsewhere
# (../shared/notes/RELIABILITY.md §1.4).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client's address, for axes as for the app's own throttle, consent records
# and history: one function reading TRUSTED_PROXY_COUNT (core.history.client_ip).
AXES_CLIENT_IP_CALLABLE = "core.history.client_ip"
AXES_USERNAME_CALLABLE = "members.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "members.views.lockout"
AXES_VERBOSE = False

# Sessions end after 30 idle minutes (core.middleware pushes the expiry
# forward at most every 5 minutes, not on every page) or when the browser
# closes; a password change ends every other session of the account (Django's
# session auth hash). They live in PostgreSQL only: with Redis as a session
# cache, a stopped Redis turned every logged-in page into an error page
# (docs/benchmarks.md, faults: redis_down).
SESSION_COOKIE_AGE = 30 * 60
SESSION_TOUCH_SECONDS = 5 * 60
# core.reference_cache: how long a process keeps the cooperative, SMMLV,
# parameters, holidays and catalog it read (0 in tests: every test sees its own rows).
REFERENCE_CACHE_SECONDS = 0 if TESTING else env.int("REFERENCE_CACHE_SECONDS", default=60)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", "Español (Colombia)")]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True
# Money is formatted by core.formatting (|pesos); a global thousand separator
# would also print years and ids as "2.026".
USE_THOUSAND_SEPARATOR = False

# --- Static files and uploads -----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION  # serve static files without collectstatic in dev and tests
# Uploads are private: MEDIA_URL is never routed; files are served through views
# that check who asks (see invoices/views.py).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/private-media-is-not-served/"

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": None,  # the bucket stays private
            "querystring_auth": True,
            "querystring_expire": 120,
            "file_overwrite": False,
        },
    }
else:
    default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Cache ------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A hung Redis costs a page one second, not a gunicorn timeout.
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }
    if TESTING:  # parallel test processes share the Redis server, never each other's keys
        CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery (../shared/notes/RELIABILITY.md §2) --------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# No broker configured: tasks run in-process, which is enough to try the portal.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = TESTING
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 400_000  # KiB
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 1800,
    "socket_timeout": 5,  # a hung Redis must not hang the web request
    "socket_connect_timeout": 2,
    "health_check_interval": 30,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # state lives in PostgreSQL rows, not in a result backend
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 20
# Celery's Django fixup closes the database connection before and after every
# task unless this is set: a new PostgreSQL connection per task was half of
# each invoice's time in the worker (docs/benchmarks.md, pipeline). With it,
# config/celery.py treats each task like a web request instead: the
# connection lives CONN_MAX_AGE, is health-checked before each task and
# closed after an error.
CELERY_DB_REUSE_MAX = 10**9
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs: Celery's own static schedule (django-celery-beat does not
# support Django 6.1). Apps add their entries in config/beat.py.
from config.beat import BEAT_SCHEDULE as CELERY_BEAT_SCHEDULE  # noqa: E402, F401  (read by Celery)

# --- Email ------------------------------------------------------------------
# Production sends real email: it refuses to start without a mail server.
EMAIL_URL = env.str("EMAIL_URL") if PRODUCTION else env.str("EMAIL_URL", default="")
if EMAIL_URL:
    _smtp = env.email_url("EMAIL_URL")
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp["EMAIL_HOST"],
                "port": _smtp["EMAIL_PORT"],
                "username": _smtp["EMAIL_HOST_USER"],
                "password": _smtp["EMAIL_HOST_PASSWORD"],
                "use_tls": _smtp.get("EMAIL_USE_TLS", False),
                "use_ssl": _smtp.get("EMAIL_USE_SSL", False),
                "timeout": 10,  # the default (None) may hang forever on a dead server
            },
        }
    }
else:
    # Each email is written as an .eml file to var/outbox/ and announced on the console.
    MAILERS = {
        "default": {
            "BACKEND": "notifications.backends.OutboxFileBackend",
            "OPTIONS": {"directory": str(VAR_DIR / "outbox")},
        }
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Auxilios <no-responder@auxilios.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address of the portal, used in emailed links.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Security headers -------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # the proxy must overwrite it
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = env.list(
        "CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS]
    )

# --- Invoice reader limits (contracts/parse_invoice.md) -----------------------
INVOICE_MAX_UPLOAD_BYTES = env.int("INVOICE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
INVOICE_MAX_UNCOMPRESSED_BYTES = env.int("INVOICE_MAX_UNCOMPRESSED_BYTES", default=20 * 1024 * 1024)
INVOICE_MAX_RATIO = env.int("INVOICE_MAX_RATIO", default=100)
INVOICE_MAX_ENTRIES = env.int("INVOICE_MAX_ENTRIES", default=100)
INVOICE_MAX_DEPTH = env.int("INVOICE_MAX_DEPTH", default=3)
INVOICE_MAX_SECONDS = env.float("INVOICE_MAX_SECONDS", default=5.0)
INVOICE_MAX_XML_ELEMENTS = env.int("INVOICE_MAX_XML_ELEMENTS", default=100_000)
INVOICE_MAX_SIGNED_BYTES = env.int("INVOICE_MAX_SIGNED_BYTES", default=1024 * 1024)

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
SIMPLE_HISTORY_REVERT_DISABLED = True  # changes go through services, never a blind revert
