"""Guichet settings, read from the environment (see the table in README.md).

Two modes: the embedded default (GUICHET_ENV=development: SQLite, tasks run in-process,
e-mails on the console) and production (GUICHET_ENV=production: everything explicit, secure
cookies, HSTS, refuses to start without a real SECRET_KEY).
"""

import ipaddress
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.storage import parse_key as parse_documents_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

GUICHET_ENV = env.str("GUICHET_ENV", default="development")
if GUICHET_ENV not in ("development", "production"):
    raise ImproperlyConfigured("GUICHET_ENV must be 'development' or 'production'.")
PRODUCTION = GUICHET_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on in production.")

SECRET_KEY = env.str("SECRET_KEY", default="")
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("Production needs a real SECRET_KEY (50 random characters or more).")
SECRET_KEY = SECRET_KEY or "django-insecure-guichet-development-only"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Who runs this instance, for the legal notice and the personal-data page (portal/legal.py):
# empty, those pages say the operator has not filled them in yet.
GUICHET_PUBLISHER = env.str("GUICHET_PUBLISHER", default="")  # the administration, its address
GUICHET_PUBLICATION_DIRECTOR = env.str("GUICHET_PUBLICATION_DIRECTOR", default="")
GUICHET_HOSTING = env.str("GUICHET_HOSTING", default="")  # the host: name, address, phone
GUICHET_PRIVACY_CONTACT = env.str("GUICHET_PRIVACY_CONTACT", default="")  # the DPO's address
# The announced delay of an answer to a complaint, in calendar days (quality.complaints).
GUICHET_COMPLAINT_DELAY_DAYS = env.int("GUICHET_COMPLAINT_DELAY_DAYS", default=15)

INSTALLED_APPS = [
    "portal.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",
    "crispy_forms",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "accounts",
    "accounts.oidc",
    "procedures",
    "procedures.civil_status",
    "retention",
    "procedures.tax_filing",
    "procedures.customs",
    "procedures.crisis_aid",
    "django_countries",
    "quality",
]
INSTALLED_APPS += env.list("GUICHET_EXTRA_APPS", default=[])

# Benchmark mode (`make bench` only): the harness's baseline view and its table.
GUICHET_BENCH = env.bool("GUICHET_BENCH", default=False)
if GUICHET_BENCH:
    INSTALLED_APPS += ["bench"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # before anything reads the body; after the locale and the user, for its page
    "portal.middleware.RequestSizeLimitMiddleware",
    "portal.malformed.MalformedInputMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.second_factor.SecondFactorMiddleware",
    "procedures.language.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.sessions.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.headers.SecurityHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.middleware.RateLimitUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "accounts.oidc.context_processors.sign_in_providers",
            ],
            "builtins": ["portal.templatetags.dates"],
        },
    },
]

if not PRODUCTION:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("TEST_DATABASE_NAME", default=f"test_{DATABASES['default']['NAME']}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A frozen Redis must not hang a web worker: one second to connect, one to answer.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=env.float("CACHE_TIMEOUT", default=1.0),
        socket_timeout=env.float("CACHE_TIMEOUT", default=1.0))
# Rate limits and log-in throttles live in the cache: a per-process cache would give each
# gunicorn worker a budget of its own (and forget it on restart).
if PRODUCTION and not CACHES["default"]["BACKEND"].endswith(("RedisCache", "MemcacheCache",
                                                              "PyMemcacheCache")):
    raise ImproperlyConfigured("Production needs a shared cache: set CACHE_URL=rediscache://…")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.oidc.backend.OIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Sessions end after an idle time and an absolute lifetime, shorter for staff (portal/sessions.py).
SESSION_IDLE_CITIZEN = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_IDLE_STAFF = env.int("SESSION_IDLE_MINUTES_STAFF", default=15) * 60
SESSION_LIFETIME_CITIZEN = env.int("SESSION_LIFETIME_HOURS", default=12) * 3600
SESSION_LIFETIME_STAFF = env.int("SESSION_LIFETIME_HOURS_STAFF", default=8) * 3600
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
EMAIL_VERIFICATION_MAX_AGE = 3 * 24 * 3600

# Sign-in through OpenID Connect providers, each off until its issuer and client are set:
# FranceConnect for citizens (a verified identity), ProConnect for agents (into the admin).
OIDC_PROVIDERS = {
    "franceconnect": {
        "issuer": env.str("FRANCECONNECT_ISSUER", default=""),
        "client_id": env.str("FRANCECONNECT_CLIENT_ID", default=""),
        "client_secret": env.str("FRANCECONNECT_CLIENT_SECRET", default=""),
        "scopes": "openid given_name family_name birthdate birthplace birthcountry gender "
                  "email preferred_username",
        "acr_values": env.str("FRANCECONNECT_ACR_VALUES", default="eidas1"),
        "sign_algo": env.str("FRANCECONNECT_SIGN_ALGO", default="RS256"),
    },
    "proconnect": {
        "issuer": env.str("PROCONNECT_ISSUER", default=""),
        "client_id": env.str("PROCONNECT_CLIENT_ID", default=""),
        "client_secret": env.str("PROCONNECT_CLIENT_SECRET", default=""),
        "scopes": "openid email given_name usual_name siret",
        "acr_values": env.str("PROCONNECT_ACR_VALUES", default=""),
        "sign_algo": env.str("PROCONNECT_SIGN_ALGO", default="RS256"),
    },
}
OIDC_TIMEOUT = 10  # seconds, for each call to a provider
OIDC_LINK_MAX_AGE = 24 * 3600  # the e-mail that links an existing account to an identity

# The client's address (portal/network.py): X-Forwarded-For (or Forwarded) is read only from
# these proxies — addresses or networks, e.g. "127.0.0.1,10.0.0.0/8". Empty: no proxy believed.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy.strip(), strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None
PROXY_CLIENT_HEADER = env.str("PROXY_CLIENT_HEADER", default="x-forwarded-for").lower()
if PROXY_CLIENT_HEADER not in ("x-forwarded-for", "forwarded"):
    raise ImproperlyConfigured("PROXY_CLIENT_HEADER must be 'x-forwarded-for' or 'forwarded'.")

# Log-in throttling (accounts/lockout.py): after LOGIN_FREE_FAILURES wrong passwords an
# (account, address) pair waits 1, 2, 4… minutes (at most an hour) between tries; past the
# per-address or per-account counts below, only a browser the account already logged in from
# (or a one-time link sent by e-mail) gets in. Nothing a stranger does locks the owner out.
LOGIN_FREE_FAILURES = env.int("LOGIN_FREE_FAILURES", default=5)
LOGIN_ALERT_FAILURES = 5  # failures on an agent's or administrator's account → an e-mail
# Limits (portal/ratelimit.py): name → (count, seconds), counted in the shared cache.
RATE_LIMITS = {
    "login-address": (env.int("LOGIN_FAILURES_PER_ADDRESS", default=20), 900),
    "login-account": (env.int("LOGIN_FAILURES_PER_ACCOUNT", default=20), 3600),
    "login-pair": (10_000, 86_400),  # counts the pair's failures for the progressive delay
    "account-email-address": (env.int("ACCOUNT_EMAILS_PER_ADDRESS", default=10), 3600),
    "account-email-target": (env.int("ACCOUNT_EMAILS_PER_TARGET", default=3), 3600),
    "signup-address": (env.int("SIGNUPS_PER_ADDRESS", default=10), 3600),
    "verify-address": (20, 600),
    "message-account-case": (20, 3600),
    "upload-account-case": (20, 3600),
    "claim-account": (10, 86_400),  # requests to act for a company, each with its proof
    "second-factor-account": (env.int("SECOND_FACTOR_FAILURES", default=5), 900),
}
# The admin's second factor (accounts/second_factor.py): the issuer an authenticator app shows,
# the keys hidden in the admin's device pages. Wrong codes are limited per account by
# RATE_LIMITS["second-factor-account"]; django-otp's own per-device delay is off (it refused
# a right code typed within a second of a wrong one, as if it were wrong).
OTP_TOTP_ISSUER = "Guichet"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_THROTTLE_FACTOR = OTP_STATIC_THROTTLE_FACTOR = 0
UPLOADS_PER_CASE = 60  # attachments a case may hold, wizard and messages together
UPLOAD_BYTES_PER_CASE = 200 * 1024 * 1024
LOGIN_LINK_MAX_AGE = 15 * 60

# Retention (retention/purge.py): drafts untouched this long are deleted; finished cases'
# documents and personal data are purged after their procedure's `retention_days` (this
# default otherwise); the applicant is warned RETENTION_WARNING_DAYS before either.
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=180)
CASE_RETENTION_DAYS = env.int("CASE_RETENTION_DAYS", default=5 * 365)
RETENTION_WARNING_DAYS = env.int("RETENTION_WARNING_DAYS", default=30)

# django-axes keeps the audit of log-ins (successes and failures, with the client's address from
# portal/network.py, in the admin); the throttling itself is accounts/lockout.py.
AXES_LOCK_OUT_AT_FAILURE = False
AXES_CLIENT_IP_CALLABLE = "portal.network.client_ip"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
FORMAT_MODULE_PATH = ["portal.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:  # served from the apps' folders; an empty one spares a warning per start
    Path(STATIC_ROOT).mkdir(exist_ok=True)

# Documents (receipts, decisions, uploads) are private: no MEDIA_URL serves them; only views
# that check the reader may see the case do. S3-compatible storage when a bucket is named.
# Either way they are encrypted (portal/storage.py) under DOCUMENTS_KEYS: master keys, newest
# first (docs/storage.md says how to make one and how to rotate them).
DOCUMENTS_ROOT = env.path("DOCUMENTS_ROOT", default=VAR_DIR / "documents")
DEVELOPMENT_DOCUMENTS_KEY = "uccdx_Rg1-XrHeisBjhqpnLLbGpAgKvBhlQCmMtD83Q="
DOCUMENTS_KEYS = env.list("DOCUMENTS_KEYS", default=[])
if PRODUCTION and (not DOCUMENTS_KEYS or DEVELOPMENT_DOCUMENTS_KEY in DOCUMENTS_KEYS):
    raise ImproperlyConfigured("Production needs DOCUMENTS_KEYS, the master key of the documents "
                               "(see docs/storage.md).")
DOCUMENTS_KEYS = DOCUMENTS_KEYS or [DEVELOPMENT_DOCUMENTS_KEY]
for _key in DOCUMENTS_KEYS:
    try:
        parse_documents_key(_key)
    except ValueError as error:
        raise ImproperlyConfigured(f"DOCUMENTS_KEYS: {error}.") from None
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = "private"
    AWS_QUERYSTRING_AUTH = True
    stored_documents = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    stored_documents = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DOCUMENTS_ROOT, "base_url": None},
    }
# Files and folders of documents (and uploads on their way) readable by this user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "portal.storage.EncryptedStorage",
                "OPTIONS": {"inner": stored_documents}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Any request whose body is larger is refused with 413 before it is read (portal.middleware):
# the largest form, the customs declaration's documents step, holds four files of 5 MiB at
# most, and 1 MiB is left for the rest. deploy/nginx.conf has the same limit.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=21 * 1024 * 1024)

# Antivirus (procedures/antivirus.py): uploads are kept "being checked" until clamd, reached
# at unix:///path/to/clamd.ctl or tcp://host:3310, finds them clean. Empty: no scanner, uploads
# are clean at once — the embedded default only; production refuses to start without one.
CLAMD_URL = env.str("CLAMD_URL", default="")
CLAMD_TIMEOUT = env.float("CLAMD_TIMEOUT", default=30.0)
if PRODUCTION and not CLAMD_URL:
    raise ImproperlyConfigured("Production needs an antivirus: set CLAMD_URL=unix:///… or tcp://…")

if "EMAIL_URL" in env or PRODUCTION:
    vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
else:  # the embedded default: .eml files, and a line each on the console (portal/mailbox.py)
    EMAIL_BACKEND = "portal.mailbox.FolderBackend"
    EMAIL_FOLDER = VAR_DIR / "emails"
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Guichet <ne-pas-repondre@guichet.example>"
)

# Celery: with no broker the tasks run in-process (the embedded default); otherwise Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=1000)
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_TASK_IGNORE_RESULT = True
# Celery's Django fixup closes the database connection around every task unless this is set:
# it now closes them every 100 tasks, and portal/celery.py closes them as CONN_MAX_AGE says.
CELERY_DB_REUSE_MAX = 100
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A killed worker's unacknowledged tasks are delivered again after the visibility timeout: it
# must outlast the longest task (150 s) and the longest retry countdown (180 s, tasks.RETRY);
# the sweep (every minute, 120 s of grace) is quicker still (docs/architecture.md).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 240, "socket_connect_timeout": 2}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Receipts, decisions, e-mails and antivirus checks still missing after two minutes are
    # enqueued again.
    "sweep-missing-documents-and-notifications": {
        "task": "procedures.tasks.sweep", "schedule": 60.0,
    },
    # The public indicators (quality.indicators): the current month every hour, and every
    # night the twelve months shown, which late decisions and answers still change.
    "indicators-current-month": {
        "task": "quality.tasks.refresh_indicators", "schedule": crontab(minute=5),
    },
    "indicators-past-months": {
        "task": "quality.tasks.refresh_indicators", "schedule": crontab(hour=2, minute=30),
        "kwargs": {"past_months": 12},
    },
    # Retention (retention/purge.py): warnings, old drafts deleted, finished cases purged.
    "retention-nightly": {"task": "retention.tasks.apply_retention",
                          "schedule": crontab(hour=3, minute=15)},
    # The day's history and agents' reads sealed by a digest chained to the day before's
    # (procedures/audit_chain.py), once the day is over.
    "audit-digest-nightly": {"task": "procedures.tasks.seal_audit_days",
                             "schedule": crontab(hour=0, minute=20)},
    # Account e-mails (confirmation, reset, log-in link) still unsent, likewise.
    "sweep-account-emails": {"task": "accounts.tasks.sweep_account_emails", "schedule": 120.0},
    # Decisions by silence (quality.silence): at the end of the due date, Paris time.
    "decisions-by-silence": {
        "task": "quality.tasks.decide_by_silence", "schedule": crontab(hour=23, minute=50),
    },
}

CRISPY_TEMPLATE_PACK = "dsfr_crispy"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["dsfr_crispy"]
DSFR_USE_INTEGRITY_CHECKSUMS = False

# Content-Security-Policy (django-csp): the site has no inline script nor inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],  # and the sign-in providers' (portal.headers)
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # its progress steps, for every PDF
        "fontTools": {"level": "WARNING"},
    },
}
