"""One settings module, read from environment variables.

Every variable goes through a small typed helper that refuses a value it
cannot understand, so a typo in a deployment fails at start-up instead of
quietly falling back to a default.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value; use 1 or 0.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# A branch name as git takes it, and never an option ("-…").
_BRANCH = re.compile(r"(?!-)(?!.*\.\.)(?!.*//)(?!.*@\{)[\w./-]+(?<![./])")


def env_branch(name, default):
    value = env_str(name, default)
    if value and not _BRANCH.fullmatch(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not a branch name git accepts.")
    return value


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Django's own widget templates, for the form renderer below.
    "django.forms",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "os2org.audit",
    "os2org.attachments",
    "os2org.access",
    "os2org.handbook",
    "os2org.roles",
    "os2org.organisation",
    "os2org.governance",
    "os2org.members",
    "os2org.budgets",
    "os2org.portfolio",
    "os2org.standards",
    "os2org.onboarding",
    "os2org.communication",
    "os2org.inquiries",
    "os2org.sync",
    "os2org.overview",
    "os2org.reminders",
    "os2org.search",
    "os2org.api",
    "os2org.backup",
    "os2org.demo",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but for security: it sees the user the API's token signed in.
    "os2org.access.middleware.PrivateMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: every view is let through only by its rule.
    "os2org.access.middleware.RuleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of a log-in and can answer a locked-out one.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "os2org.urls"
WSGI_APPLICATION = "os2org.wsgi.application"

# Every form in Det Fælles Designsystem's markup (os2org.common.form_renderer).
FORM_RENDERER = "os2org.common.form_renderer.DesignSystemRenderer"

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
                "os2org.handbook.context_processors.navigation",
                "os2org.handbook.context_processors.languages",
                "os2org.access.context_processors.viewer",
                "os2org.sync.context_processors.footer",
                "os2org.sync.context_processors.conflicts",
            ],
        },
    },
]

# Without DATABASE_URL the app runs on an embedded SQLite file, so a
# newcomer needs nothing but Python; CI points it at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'os2org.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
# On SQLite, Django's backend with the Danish stemmer that full-text search needs (os2org.common.sqlite).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "os2org.common.sqlite"
    # Tests run in memory, as on Django's own SQLite backend: named so, because
    # pytest-xdist would otherwise make each worker's test database a file
    # named after the engine's NAME ("test_/path/os2org.sqlite3_gw0").
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No server-side cursors (QuerySet.iterator(), and Django's own uses of it,
    # as in a form's list of choices): one abandoned by an error is closed by
    # the garbage collector, maybe inside another query on the same
    # connection, and psycopg then waits for ever for the connection's lock.
    # Large tables are read with os2org.common.rows.each_row instead.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"



def env_cache(name):
    """The default cache: each process's own, or with a redis:// or rediss:// address one that instances share."""
    url = env_str(name, "")
    if not url:
        return {
            "BACKEND": "os2org.caching.BoundedMemoryCache",
            "OPTIONS": {
                "MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000),
                # Bounded in bytes too: a page can weigh a megabyte.
                "MAX_BYTES": env_int("CACHE_MAX_BYTES", 64 * 1024 * 1024),
            },
        }
    if urlsplit(url).scheme not in ("redis", "rediss"):
        # The value is not repeated: it may hold a password.
        raise ImproperlyConfigured(
            f"{name} must be a Redis address, redis://host:6379/0 or rediss://…; "
            "leave it unset for each process's own cache."
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "os2org"}


# Rendered pages are cached: per process, or with CACHE_URL in Redis, shared
# by every instance. Their keys carry the data's version (see
# audit.selectors.data_version), read from the shared database, so no
# instance serves a page older than the data.
CACHES = {"default": env_cache("CACHE_URL")}

AUTHENTICATION_BACKENDS = [
    # Refuses a log-in while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user with one plain statement.
    "os2org.access.sessions.UserBackend",
]
# Django's database sessions, read with one plain statement (os2org.access.sessions).
SESSION_ENGINE = "os2org.access.sessions"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The API reads a token ("Authorization: Token …") or the browser's session;
# what a caller may see and change is decided by the same rules as the pages.
# It reads JSON only, and answers 400 to a body nesting deeper than
# os2org.common.limits.MAX_DEPTH before Python's own parser recurses into it.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "os2org.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": ["os2org.api.parsers.JSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["os2org.api.permissions.ByRule"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
# API tokens (django-rest-knox) are stored as digests only, shown once when
# made, and end after API_TOKEN_DAYS, or sooner with the owner's password
# (os2org.access.tokens). A token that renewed itself with every use
# (AUTO_REFRESH) would never end for a script that runs daily.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS={API_TOKEN_DAYS} must be 1 or more.")
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    # As DRF's tokens were sent, so that existing clients keep working.
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "os2org API",
    "DESCRIPTION": "The organisation's handbook, people, bodies, annual cycle, meetings and decisions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name get names of their own (else drf-spectacular makes up a hashed one).
    "ENUM_NAME_OVERRIDES": {"MilestoneStatusEnum": "os2org.portfolio.models.Milestone.Status"},
}

# A deviation a product review finds is due this many days after the review is completed,
# unless the reviewer gives another day (os2org.standards.services.complete_review).
REVIEW_DEVIATION_DAYS = env_int("REVIEW_DEVIATION_DAYS", 90)
if REVIEW_DEVIATION_DAYS < 1:
    raise ImproperlyConfigured(f"REVIEW_DEVIATION_DAYS={REVIEW_DEVIATION_DAYS} must be 1 or more.")

LOGIN_URL = "login"
# After log-in, what waits for the person who logged in (a safe ?next= wins).
LOGIN_REDIRECT_URL = "overview:mine"
LOGOUT_REDIRECT_URL = "handbook:home"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The project's own assets live beside the apps, not inside one of them.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))


def env_attachment_storage():
    """Where attachments' files are kept: a folder, or with ATTACHMENTS_S3_BUCKET an S3-compatible bucket.

    The folder is outside the source tree and is never served as it is:
    only the download view, which asks who may read, hands a file out.
    """
    bucket = env_str("ATTACHMENTS_S3_BUCKET", "")
    if not bucket:
        folder = env_str("ATTACHMENTS_DIR", str(_data_home() / "os2org" / "attachments"))
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}}
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            "ATTACHMENTS_S3_BUCKET is set, but django-storages with boto3 is not installed: "
            "pip install 'os2org[s3]', or leave ATTACHMENTS_S3_BUCKET unset to keep attachments in ATTACHMENTS_DIR."
        ) from None
    # Keys left unset are found by boto3 as usual (its environment variables, an instance role).
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("ATTACHMENTS_S3_ENDPOINT_URL", "") or None,
        "region_name": env_str("ATTACHMENTS_S3_REGION", "") or None,
        "access_key": env_str("ATTACHMENTS_S3_ACCESS_KEY_ID", "") or None,
        "secret_key": env_str("ATTACHMENTS_S3_SECRET_ACCESS_KEY", "") or None,
        # Private objects, and a file is never replaced under its name.
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def _data_home():
    return Path(env_str("XDG_DATA_HOME", str(Path.home() / ".local" / "share")))


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": env_attachment_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In production a reverse proxy ends TLS and tells the app so in
# X-Forwarded-Proto; the proxy must set that header itself, never pass on a
# client's. The redirect to https is off unless asked for, so that plain
# http on 127.0.0.1 (the tests, `make bench`) keeps working.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Strict-Transport-Security; browsers only heed it over https.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: every form carries the token itself.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Scripts only from the app's own files (there is no inline script). Mermaid
# draws its diagrams in the browser and puts both <style> elements and style
# attributes into the SVG it makes (style-src-elem and style-src-attr), so
# inline styles are allowed; nothing else inline is.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Log-in attempts are counted in the database that every app instance shares.
# After AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that username is locked out from that address for an hour; a right
# password before then starts the count again.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many reverse proxies stand in front of the app, each appending the
# address it was reached from to X-Forwarded-For. With 0 the address the
# request came from counts, so a client cannot make one up.
PROXY_COUNT = env_int("PROXY_COUNT", 0)


def client_ip_address(request):
    """The client's address as the outermost trusted proxy saw it."""
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if PROXY_COUNT and len(forwarded) >= PROXY_COUNT:
        return forwarded[-PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


AXES_CLIENT_IP_CALLABLE = client_ip_address

# What one request may bring in: a form's text, and at most one attachment's
# worth of each file (os2org.attachments.uploads keeps no more). The reverse
# proxy's body limit must be at least as large.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
# How many months a coordinator's status report covers (os2org.portfolio.periods): 3, a quarter, by default.
PORTFOLIO_REPORT_MONTHS = env_int("PORTFOLIO_REPORT_MONTHS", 3)
if PORTFOLIO_REPORT_MONTHS not in (1, 2, 3, 4, 6, 12):
    raise ImproperlyConfigured(f"PORTFOLIO_REPORT_MONTHS={PORTFOLIO_REPORT_MONTHS} must cut a year evenly: 1, 2, 3, 4, 6 or 12.")
# The largest attachment (a PDF, Word, Excel or image file), in bytes.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
if ATTACHMENT_MAX_BYTES < 1:
    raise ImproperlyConfigured(f"ATTACHMENT_MAX_BYTES={ATTACHMENT_MAX_BYTES} must be 1 or more.")
FILE_UPLOAD_HANDLERS = [
    "os2org.attachments.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# The largest file `handbook import` and `org load` read.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# The largest backup `os2org restore` reads; it holds the attachments' files too.
BACKUP_MAX_BYTES = env_int("BACKUP_MAX_BYTES", 512 * 1024 * 1024)
# The largest image or other file of a handbook that `handbook import` stores and serves.
HANDBOOK_FILE_MAX_BYTES = env_int("HANDBOOK_FILE_MAX_BYTES", 10 * 1024 * 1024)

# Minutes sent for approval are mailed to the participants, and `os2org remind`
# mails reminders (see the README for both). In development
# the mails are printed on the console instead of sent.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds to wait for the mail server: a scheduled `os2org remind` gives up rather than hangs.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "os2org@localhost")
# Where readers write: the footer and the accessibility statement name it.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# The address of the app as people reach it, for links in mails ("https://os2org.example.org").
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# The language the handbook is written in; content keeps it when the
# interface is switched to another language, so screen readers speak it right.
# Worker processes for long pure computations, such as parsing a handbook
# (os2org.common.processes); never more than the machine's cores. 1: none.
WORK_PROCESSES = env_int("WORK_PROCESSES", 4)
HANDBOOK_LANGUAGE = env_str("HANDBOOK_LANGUAGE", "da")
# Who may read a page that `handbook import` stores for the first time and
# that was not renamed from a stored page: this, or its parent's visibility
# if that is stricter. Public, because Jekyll publishes every page it is given.
HANDBOOK_NEW_PAGE_VISIBILITY = env_str("HANDBOOK_NEW_PAGE_VISIBILITY", "public")
if HANDBOOK_NEW_PAGE_VISIBILITY not in ("public", "members", "internal"):
    raise ImproperlyConfigured(
        f"HANDBOOK_NEW_PAGE_VISIBILITY={HANDBOOK_NEW_PAGE_VISIBILITY!r} is not a visibility; "
        "use public, members or internal."
    )

# The handbook's Git repository (os2org.sync): a local path or a remote
# address, and the branch the handbook lives on. Without an address the
# handbook is kept here only, and the footer says so.
HANDBOOK_GIT_URL = env_str("HANDBOOK_GIT_URL", "")
if urlsplit(HANDBOOK_GIT_URL).password:
    # An address is shown on the status page and written to the clone's
    # settings; a token in it would be too.
    raise ImproperlyConfigured(
        "HANDBOOK_GIT_URL must not hold a password or token; put the token in HANDBOOK_GIT_TOKEN instead."
    )
HANDBOOK_GIT_BRANCH = env_branch("HANDBOOK_GIT_BRANCH", "main")
# Where os2org's edits go instead of the branch, for someone to review and merge in Git.
HANDBOOK_GIT_REVIEW_BRANCH = env_branch("HANDBOOK_GIT_REVIEW_BRANCH", "")
# The name of the environment variable that holds the token for an https
# address. The token itself is read from there only when git asks for it,
# so it is never kept in the settings, a file, a command line or a log.
HANDBOOK_GIT_TOKEN_ENV = env_str("HANDBOOK_GIT_TOKEN_ENV", "HANDBOOK_GIT_TOKEN")
if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", HANDBOOK_GIT_TOKEN_ENV):
    raise ImproperlyConfigured(
        f"HANDBOOK_GIT_TOKEN_ENV={HANDBOOK_GIT_TOKEN_ENV!r} is not the name of an environment variable."
    )
# Push each edit made in the page editor as soon as it is saved.
HANDBOOK_GIT_AUTO_PUSH = env_bool("HANDBOOK_GIT_AUTO_PUSH", False)
# The secret GitHub signs its push events with, or GitLab sends as its token;
# without one the webhook refuses every event.
HANDBOOK_GIT_WEBHOOK_SECRET = env_str("HANDBOOK_GIT_WEBHOOK_SECRET", "")
# os2org's own clone of the repository. A working copy only, made again
# when it is missing: what is imported, pushed or waiting is in the database.
HANDBOOK_GIT_WORKDIR = Path(
    env_str(
        "HANDBOOK_GIT_WORKDIR",
        str(Path(env_str("XDG_DATA_HOME", str(Path.home() / ".local" / "share"))) / "os2org" / "handbook-git"),
    )
)
# Who a commit is written by when the person who made the edit has no name
# or e-mail address in os2org, and who commits: "Name <address>".
HANDBOOK_GIT_AUTHOR = env_str("HANDBOOK_GIT_AUTHOR", "os2org <os2org@localhost>")
if not re.fullmatch(r"[^<>\n]+ <[^<>\s]+@[^<>\s]+>", HANDBOOK_GIT_AUTHOR):
    raise ImproperlyConfigured(f"HANDBOOK_GIT_AUTHOR={HANDBOOK_GIT_AUTHOR!r} is not of the form “Name <address>”.")


# The shared inquiries inbox (os2org.inquiries). A topic whose role nobody
# holds sends its inquiries to this role (by its address, "roller/<slug>"),
# and to whoever holds that.
INQUIRY_FALLBACK_ROLE = env_str("INQUIRY_FALLBACK_ROLE", "sekretariatschef")
# The topic (its address) that an e-mail gets: a mail names no topic.
INQUIRY_MAIL_TOPIC = env_str("INQUIRY_MAIL_TOPIC", "generelt")
# The public form: this many inquiries per address per window of seconds.
INQUIRY_RATE_LIMIT = env_int("INQUIRY_RATE_LIMIT", 5)
INQUIRY_RATE_WINDOW = env_int("INQUIRY_RATE_WINDOW", 60 * 60)
# Closed inquiries are deleted this many days after they were closed (GDPR).
INQUIRY_RETENTION_DAYS = env_int("INQUIRY_RETENTION_DAYS", 365)
# The largest e-mail read, uploaded or fetched, in bytes.
INQUIRY_MAX_EMAIL_BYTES = env_int("INQUIRY_MAX_EMAIL_BYTES", 10 * 1024 * 1024)
# The mailbox `os2org inquiries fetch` reads; IMAP over TLS unless INQUIRY_IMAP_SSL=0.
INQUIRY_IMAP_HOST = env_str("INQUIRY_IMAP_HOST", "")
INQUIRY_IMAP_PORT = env_int("INQUIRY_IMAP_PORT", 993)
INQUIRY_IMAP_SSL = env_bool("INQUIRY_IMAP_SSL", True)
INQUIRY_IMAP_USER = env_str("INQUIRY_IMAP_USER", "")
INQUIRY_IMAP_PASSWORD = env_str("INQUIRY_IMAP_PASSWORD", "")
INQUIRY_IMAP_FOLDER = env_str("INQUIRY_IMAP_FOLDER", "INBOX")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
