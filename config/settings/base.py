"""Settings shared by every environment. Everything that varies comes from config.env."""

import datetime
import importlib.util
import os
import string
from pathlib import Path

from config.env import (
    EnvError,
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_str,
    private_directory,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Whatever this process creates (the SQLite database and its journal files, the outboxes,
# uploads, the local secret key) is readable by its owner only: they hold personal data.
os.umask(0o077)
VAR_DIR = private_directory(Path(env_str("PAKN_VAR_DIR", str(BASE_DIR / "var"))))

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "pakn.core.views.csrf_failure"
# The address people reach the site at (e.g. https://pakn.khanhhoa.gov.vn): e-mails link to it.
# Empty: e-mails tell the reader to log in and open "Thông báo" instead of linking.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "").rstrip("/")
if PUBLIC_BASE_URL and not PUBLIC_BASE_URL.startswith(("http://", "https://")):
    raise EnvError("PUBLIC_BASE_URL must start with http:// or https://")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "django_tasks",
    "django_tasks_db",
    "treebeard",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "pakn.core",
    "pakn.accounts",
    "pakn.organisations",
    "pakn.reports",
    "pakn.notifications",
    "pakn.statistics",
    "pakn.campaigns",
    "pakn.portal",
    "pakn.backoffice",
    "pakn.backoffice.hotline",
    "pakn.api",
    "pakn.support",
    "pakn.open311",
    "pakn.triage",
    "pakn.demo",
]

MIDDLEWARE = [
    # First: every log line of a request, its errors included, carries the request id.
    "pakn.core.request_ids.RequestIdMiddleware",
    "pakn.core.request_metrics.RequestMetricsMiddleware",
    # What a request reads once (an officer's memberships), forgotten when it ends.
    "pakn.core.request_memo.RequestMemoMiddleware",
    # Before the session: the agencies' widget reads and sets no cookie (core/embedding.py).
    "pakn.core.embedding.EmbeddablePagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pakn.core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before SessionMiddleware: it follows the session cookie that one sets (core/offline.py).
    "pakn.core.middleware.SessionHintMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pakn.core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pakn.core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After OTPMiddleware: officers' second factor, session age and temporary password,
    # checked on every request whichever door made the session.
    "pakn.backoffice.middleware.BackofficeSessionMiddleware",
    # Last, as django-axes requires: turns a locked-out login into our own answer.
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pakn.core.context_processors.site_settings",
                "pakn.notifications.context_processors.notifications_unread_count",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "db.sqlite3")}
# A read replica of the same database (PostgreSQL streaming replication): statistics and their
# exports read from it (pakn.core.db_routing), everything else from DATABASE_URL.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = env_database("DATABASE_REPLICA_URL", VAR_DIR / "db.sqlite3")
    # Tests run on one database; the replica alias then points at it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["pakn.core.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Citizens 8 characters, officers and administrators 10.
        "NAME": "pakn.accounts.password_policy.AccountMinimumLengthValidator",
        "OPTIONS": {"citizen_min_length": 8, "officer_min_length": 10},
    },
    {"NAME": "pakn.accounts.password_policy.DemoPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The longest a query of an anonymous request (public search, report pages, map, public API)
# may run before it is cancelled and the visitor gets a 503 "busy" page (pakn.core.query_time).
PUBLIC_STATEMENT_TIMEOUT_MS = env_int("PUBLIC_STATEMENT_TIMEOUT_MS", 3000, minimum=1)
# `make bench` only (config/settings/bench.py turns it on): serves /bench/floor/insert and
# /bench/floor/read (config/bench_floor.py), the bare views every figure is compared with.
BENCH_FLOOR_VIEWS = False
# Citizens keep Django's two-week session; officers and administrators get a shorter one that
# also ends after a spell without activity (pakn.backoffice.middleware).
OFFICER_SESSION_IDLE_MINUTES = env_int("OFFICER_SESSION_IDLE_MINUTES", 30, minimum=1)
OFFICER_SESSION_MAX_HOURS = env_int("OFFICER_SESSION_MAX_HOURS", 10, minimum=1)
# The shared password of the demo accounts (seed_demo); refused as a new password when DEBUG
# is false (pakn.accounts.password_policy).
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "") or "Pakn@2026"
# What the site is: one province's portal of reports (phản ánh, kiến nghị), or the national
# programme of proposals and initiatives (seed 004) whose root has the provinces and the
# ministries under it. Read here once; pakn.core.modes answers every question about it.
PAKN_MODE = env_choice("PAKN_MODE", "province", ("province", "national"))
LOGIN_URL = "accounts:login"
# A citizen signed in without a page to go back to lands on their reports.
LOGIN_REDIRECT_URL = "reports:mine"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (django-axes): 5 failures for the same (username, IP) lock it for 15 minutes.
# Usernames are ID numbers, so axes stores and logs only a keyed hash of them.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "pakn.accounts.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "pakn.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "pakn.core.http.client_ip"
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "login", "password", "phone"]

# Language and time: Vietnamese first, English available; Vietnam's time zone.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")

# Files: local disk by default, S3-compatible object storage when S3_BUCKET is set.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# django-leaflet is used only for the Leaflet files it ships (static/leaflet/) on the report
# form and the map pages. It is not an installed app: its admin needs GDAL, which we do not.
LEAFLET_STATIC_DIR = (
    Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static"
)
STATICFILES_DIRS = [BASE_DIR / "static", LEAFLET_STATIC_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
S3_BUCKET = env_str("S3_BUCKET", "")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", required=True),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", required=True),
            "region_name": env_str("S3_REGION", "") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN", "") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": MEDIA_URL},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Files on local disk, in production behind a reverse proxy: the app checks permissions and the
# proxy sends the bytes (pakn.core.file_responses). "x-accel-redirect" (nginx: an internal
# location MEDIA_SENDFILE_PREFIX aliased to MEDIA_ROOT, see deploy/nginx.conf), "x-sendfile"
# (Apache mod_xsendfile, Caddy), or "off": the app streams the file itself.
MEDIA_SENDFILE = env_choice("MEDIA_SENDFILE", "off", ("off", "x-accel-redirect", "x-sendfile"))
MEDIA_SENDFILE_PREFIX = (
    "/" + env_str("MEDIA_SENDFILE_PREFIX", "/_protected_media/").strip("/") + "/"
)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Files sent with the report form wait for their report under the form's upload token. Per
# account at most this many files and megabytes may wait; the scheduler removes those not
# attached after this many hours (pakn.reports.services.attachments.attachments_pending_purge).
UPLOADS_PENDING_MAX_FILES = env_int("UPLOADS_PENDING_MAX_FILES", 20, minimum=1)
UPLOADS_PENDING_MAX_MB = env_int("UPLOADS_PENDING_MAX_MB", 200, minimum=1)
UPLOADS_PENDING_MAX_AGE_HOURS = env_int("UPLOADS_PENDING_MAX_AGE_HOURS", 24, minimum=1)
# Large uploads are written here while the request is read (pakn.core.upload_handlers); a
# request killed half-way leaves its file behind, which the same scheduler job removes. A
# folder of its own, so that job touches nothing else.
UPLOAD_TEMP_DIR = Path(env_str("UPLOAD_TEMP_DIR", str(VAR_DIR / "tmp" / "uploads")))
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "pakn.core.upload_handlers.OwnFolderTemporaryFileUploadHandler",
]

# Cache: this process's memory by default, Redis when REDIS_URL is set (then shared by all
# application servers, which is what rate limits and sessions need).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise EnvError("REDIS_URL must start with redis://, rediss:// or unix://")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "pakn"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pakn",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Requests a minute from one address to the public API, counted in the cache (so across all
# app servers when REDIS_URL is set).
PUBLIC_API_REQUESTS_PER_MINUTE = env_int("PUBLIC_API_REQUESTS_PER_MINUTE", 300, minimum=1)

# Duplicates (pakn.reports.duplicates): reports of the last DUPLICATES_MONTHS months are
# compared, and two positions further apart than DUPLICATES_RADIUS_METERS are not the same place.
DUPLICATES_MONTHS = env_int("DUPLICATES_MONTHS", 6, minimum=1)
DUPLICATES_RADIUS_METERS = env_int("DUPLICATES_RADIUS_METERS", 500, minimum=10)

# Background tasks: stored in the database and run by `manage.py pakn_worker` (db_worker with
# a heartbeat: the tasks of a worker that died are queued again). Three queues, one worker each
# in `make run`, so a slow SMS gateway or a long export never holds up a thumbnail:
# "notifications" (SMS and e-mail leaving the site), "exports" (statistics files, low
# priority) and "default" (everything else).
TASK_QUEUES = ["default", "notifications", "exports"]
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": TASK_QUEUES,
    }
}
# A worker renews its heartbeat every third of this; one silent for this long is dead
# (`pakn_worker --lease` sets another).
TASKS_WORKER_LEASE_SECONDS = 30

# Triage suggestions (pakn.triage): the sector, unit and kind suggested to the coordinator are
# learnt from this deployment's own forwarding history once it holds PAKN_TRIAGE_MIN_SAMPLES
# forwarded reports (before that the routing rules suggest, and the desk says so); the
# scheduler retrains every PAKN_TRIAGE_RETRAIN_HOURS on the newest PAKN_TRIAGE_MAX_SAMPLES.
PAKN_TRIAGE_MIN_SAMPLES = env_int("PAKN_TRIAGE_MIN_SAMPLES", 200, minimum=2)
PAKN_TRIAGE_RETRAIN_HOURS = env_int("PAKN_TRIAGE_RETRAIN_HOURS", 24, minimum=1)
PAKN_TRIAGE_MAX_SAMPLES = env_int("PAKN_TRIAGE_MAX_SAMPLES", 20000, minimum=10)

# E-mail: a local outbox folder that a person can read, or a real SMTP server.
EMAIL_BACKEND_NAME = env_choice("EMAIL_BACKEND", "outbox", ("outbox", "console", "smtp"))
EMAIL_BACKEND = {
    "outbox": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[EMAIL_BACKEND_NAME]
EMAIL_FILE_PATH = VAR_DIR / "outbox" / "mail"
if EMAIL_BACKEND_NAME == "smtp":
    EMAIL_HOST = env_str("SMTP_HOST", required=True)
    EMAIL_PORT = env_int("SMTP_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("SMTP_USER", "")
    EMAIL_HOST_PASSWORD = env_str("SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("SMTP_STARTTLS", True)
    EMAIL_USE_SSL = env_bool("SMTP_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise EnvError("SMTP_STARTTLS and SMTP_SSL cannot both be true")
    EMAIL_TIMEOUT = env_int("SMTP_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PAKN <no-reply@pakn.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "pakn.api.v1.schema.ProblemAutoSchema",
    # Apps sign in with a token (pakn/api/v1/authentication.py); the browser keeps its session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pakn.api.v1.authentication.AppTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "EXCEPTION_HANDLER": "pakn.api.v1.problems.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "pakn.api.v1.throttles.UserThrottle",
        "pakn.api.v1.throttles.AddressThrottle",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
# Requests per period of the REST API (pakn/api/v1/throttles.py): per signed-in account, per
# client address (the login lockout's), and for sign-in and code requests per address.
API_THROTTLE_RATES = {
    "user": "600/minute",
    "address": "1200/minute",
    "sign_in": "30/minute",
}
# App tokens (django-rest-knox): stored as a SHA-512 digest, one per device. A citizen's lasts
# as long as a browser session; an officer's follows the officers' session rules.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=14),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PAKN API",
    "DESCRIPTION": (
        "API của hệ thống tiếp nhận, xử lý phản ánh, kiến nghị (PAKN): đăng nhập cho ứng dụng, "
        "gửi và theo dõi phản ánh, thao tác xử lý của cán bộ, tra cứu công khai. Lỗi trả về "
        "theo RFC 9457 (application/problem+json), tiếng Việt; tiếng Anh với "
        "`Accept-Language: en`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from this site's own static files (drf-spectacular-sidecar).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "pakn.reports.models.ReportStatus",
    },
}

# Security headers that hold everywhere; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


def _storage_image_sources() -> list[str]:
    """Where uploaded images (logo, banners) are served from when they live in S3."""
    if not S3_BUCKET:
        return []
    custom_domain = env_str("S3_CUSTOM_DOMAIN", "")
    if custom_domain:
        return [f"https://{custom_domain}"]
    endpoint = env_str("S3_ENDPOINT_URL", "").rstrip("/")
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        host = host.split("/", 1)[0]
        return [f"{scheme}://{host}", f"{scheme}://*.{host}"]
    region = env_str("S3_REGION", "")
    regional = [f"https://{S3_BUCKET}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{S3_BUCKET}.s3.amazonaws.com", *regional]


# Content-Security-Policy (django-csp), in every environment so that the browser tests see
# any violation: scripts and styles only from the site's own files (no inline script, style
# or event handler), images also from data: URLs, the storage's host and the map tile
# server of the site settings (added per page by pakn.core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *_storage_image_sources()],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],  # the agencies' widget alone relaxes it (core/embedding.py)
    }
}

# Permissions-Policy (django-permissions-policy): the report form asks for the position
# (geolocation) and offers speech input (microphone); nothing else is used. The file picker
# takes photos through the system's own picker, which needs no camera permission.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "microphone": ["self"],
    "camera": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "hid": [],
    "midi": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "display-capture": [],
    "browsing-topics": [],
}

# Areas whose every response is `Cache-Control: private, no-store`, by URL namespace: the
# account, the citizen's reports and send form, notifications, officers' pages, the admin.
# Any other response made for a signed-in person is private too (pakn.core.middleware).
PRIVATE_URL_NAMESPACES = ["accounts", "reports", "notifications", "backoffice", "admin", "support"]
# Pages of those areas routed outside their namespace (the admin's login, which sends to the
# officers' login before the admin's own URLs).
PRIVATE_URL_NAMES = ["admin-login"]

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
# "plain" lines for a person reading a terminal (`make run`; no request id), or "json", one
# object a line for a log shipper (the production default): time, level, logger, message,
# request_id, exception.
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ("plain", "json"))
# Every record goes through the one handler, whose filters mask phone and ID numbers
# (pakn.core.log_filters) and add the request id (pakn.core.request_ids); Django's own loggers
# too, instead of Django's default handlers, which have no such filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personal_numbers": {"()": "pakn.core.log_filters.PersonalNumberFilter"},
        "request_id": {"()": "pakn.core.request_ids.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "pakn.core.log_formatters.JsonLogFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["personal_numbers", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Named here so that Django's default handlers are removed; they reach the root's.
        "django": {"level": LOG_LEVEL},
        "django.server": {"level": LOG_LEVEL, "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}

# Errors to Sentry (or GlitchTip) when SENTRY_DSN is set (pakn.core.error_reporting): no
# personal data, phone and ID numbers masked.
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_RELEASE = env_str("SENTRY_RELEASE", "")
SENTRY_TRACES_SAMPLE_RATE = float(env_int("SENTRY_TRACES_PERCENT", 0, minimum=0)) / 100

# Prometheus metrics at /metrics for a scraper that sends `Authorization: Bearer <token>`;
# without METRICS_TOKEN the page does not exist (pakn.statistics.metrics).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")


# SMS: a local outbox folder (default), the log, or an HTTP gateway.
SMS_BACKEND = env_choice("SMS_BACKEND", "outbox", ("outbox", "console", "http"))
SMS_OUTBOX_DIR = VAR_DIR / "outbox" / "sms"
SMS_HTTP_URL = env_str("SMS_HTTP_URL", required=True) if SMS_BACKEND == "http" else ""
SMS_HTTP_USERNAME = env_str("SMS_HTTP_USERNAME", "")
SMS_HTTP_PASSWORD = env_str("SMS_HTTP_PASSWORD", "")
SMS_HTTP_TOKEN = env_str("SMS_HTTP_TOKEN", "")
SMS_HTTP_SENDER = env_str("SMS_HTTP_SENDER", "PAKN")
# JSON body with $phone (+84…), $phone_national (0…), $message, $sender, $reference.
SMS_HTTP_BODY_TEMPLATE = env_str(
    "SMS_HTTP_BODY_TEMPLATE",
    '{"to": "$phone", "from": "$sender", "text": "$message", "reference": "$reference"}',
)
if not set(string.Template(SMS_HTTP_BODY_TEMPLATE).get_identifiers()) <= {
    "phone",
    "phone_national",
    "message",
    "sender",
    "reference",
}:
    raise EnvError(
        "SMS_HTTP_BODY_TEMPLATE may use only $phone, $phone_national, $message, $sender, $reference"
    )
# Seconds to connect, and to wait for the answer (SMS_HTTP_TIMEOUT): a hanging gateway costs a
# message a few seconds, not a minute (an answer that never comes is not retried: it may have gone out).
SMS_HTTP_CONNECT_TIMEOUT = 3
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 5, minimum=1)
SMS_HTTP_RETRIES = env_int("SMS_HTTP_RETRIES", 2, minimum=0)
SMS_HTTP_BACKOFF = float(env_int("SMS_HTTP_BACKOFF_MS", 500, minimum=0)) / 1000
# A message the backend could not take (whatever the backend) is tried again by the
# scheduler after each of these delays, in minutes; then it is listed for a person to resend
# (admin, "Tin nhắn SMS", filter "Cần người gửi lại"). A one-time code is tried only while
# it is valid.
try:
    SMS_RETRY_MINUTES = [int(m) for m in env_list("SMS_RETRY_MINUTES", ["1", "5", "30"])]
except ValueError:
    SMS_RETRY_MINUTES = [0]
if any(minutes < 1 for minutes in SMS_RETRY_MINUTES):
    raise EnvError("SMS_RETRY_MINUTES: whole minutes, 1 or more, separated by commas")

# E-mail intake (pakn.reports.mailbox): the scheduler queues a reading of the mailbox every
# pass. With IMAP_HOST set, the unread messages of IMAP_FOLDER are read and marked read;
# without it, the .eml files dropped in MAIL_INBOX_DIR are read and moved to its done/ or
# failed/ folder. A message larger than MAIL_INTAKE_MAX_MB is kept as a failure, unread.
IMAP_HOST = env_str("IMAP_HOST", "")
IMAP_PORT = env_int("IMAP_PORT", 993, minimum=1)
IMAP_USER = env_str("IMAP_USER", "", required=bool(IMAP_HOST))
IMAP_PASSWORD = env_str("IMAP_PASSWORD", "")
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_SSL = env_bool("IMAP_SSL", True)
IMAP_STARTTLS = env_bool("IMAP_STARTTLS", False)
if IMAP_SSL and IMAP_STARTTLS:
    raise EnvError("IMAP_SSL and IMAP_STARTTLS cannot both be true")
IMAP_TIMEOUT = env_int("IMAP_TIMEOUT", 30, minimum=1)
MAIL_INBOX_DIR = Path(env_str("MAIL_INBOX_DIR", str(VAR_DIR / "mail-inbox")))
MAIL_INTAKE_MAX_MB = env_int("MAIL_INTAKE_MAX_MB", 60, minimum=1)

# Web push (the installed app and the browser): the site's VAPID key, base64url of the raw
# P-256 private key (`manage.py webpush_keys` makes one); empty turns push off. Pushes go only
# to the push services named here (the browsers' own), never to an address a client made up.
WEBPUSH_VAPID_PRIVATE_KEY = env_str("WEBPUSH_VAPID_PRIVATE_KEY", "")
WEBPUSH_SUBJECT = env_str("WEBPUSH_SUBJECT", "mailto:pakn@khanhhoa.gov.vn")
WEBPUSH_ALLOWED_HOSTS = env_list(
    "WEBPUSH_ALLOWED_HOSTS",
    [
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "web.push.apple.com",
        ".notify.windows.com",
    ],
)
WEBPUSH_TIMEOUT = env_int("WEBPUSH_TIMEOUT", 10, minimum=1)
