"""The site's parts: apps, middleware, templates, sign-in, languages and
background tasks. DEBUG is on for a laptop; production turns it off
(DJANGO_DEBUG=false) and must then give DJANGO_SECRET_KEY."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from . import environment as env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env.flag("DJANGO_DEBUG", True)

SECRET_KEY = env.text("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off (production) "
            "the site refuses to start without a secret key: set "
            "DJANGO_SECRET_KEY to a long random string, for example the output "
            'of: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env.items("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "captcha",
    # django-axes and django-tasks-db, named for the admin (newsroom/apps.py).
    "newsroom.apps.LoginProtectionConfig",
    "corsheaders",
    "newsroom.apps.BackgroundTasksConfig",
    # Shared services: they import no feature app.
    "protection",
    "webhooks",
    # Features: comments may import articles, never the reverse.
    "articles",
    "comments",
    # Replies by e-mail: it plugs into comments through comments.extensions.
    "following",
    # Risk scores: a scorer plugged into comments through comments.extensions.
    "triage",
    "tips",
    "newsletter",
    "privacy",
    "portability",
    "api",
    "demo",
    # Last: its roles name the permissions of the apps above.
    "staff",
]

MIDDLEWARE = [
    # Outermost: it checks the language of every answer, cached ones too.
    "newsroom.middleware.EdgeLanguageMiddleware",
    # A null character in an address is a 400, before anything reads it.
    "protection.middleware.NullCharacterMiddleware",
    # Then: a cached article page is answered here, with the headers the
    # rest of the stack gave it when it was rendered.
    "articles.middleware.ArticlePageCacheMiddleware",
    # Answers the API's cross-origin requests, for the origins configured.
    "corsheaders.middleware.CorsMiddleware",
    "protection.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "comments.middleware.ModeratorHintMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.ServiceUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]
if not DEBUG:
    # Production serves collected static files itself; in development the
    # staticfiles app serves them from the source folders.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

# Widgets render with the project's templates, so the captcha widget can be ours.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "newsroom.wsgi.application"


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Simplified Chinese. The reader's choice is a cookie set by
# the language links in every page's footer; until they choose, the
# browser's Accept-Language decides. Stories stay in the language they
# were written in; the site around them follows the reader.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = env.text("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Background work (alerts to moderators, cleaning stale rows) is stored in
# the database and run by a worker, `manage.py db_worker`, so that no
# reader waits on it; `make run` and `make serve` start one beside the site.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
