"""Django settings for both profiles; every value that varies comes from `conf.environment`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from broadsheet.conf.environment import (
    cache_settings,
    database_settings,
    email_settings,
    https_settings,
    read_environment,
)
from broadsheet.conf.logs import logging_settings

BASE_DIR = Path.cwd()
ENV = read_environment(os.environ, base_dir=BASE_DIR)

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins
BROADSHEET_PROFILE = ENV.profile

INSTALLED_APPS = [
    "broadsheet.newsroom.apps.NewsroomConfig",
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "broadsheet.core",
    "broadsheet.accounts",
    "broadsheet.media",
    "broadsheet.content",
    "broadsheet.ads",
    "broadsheet.comments",
    "broadsheet.feeds",
    "broadsheet.search",
    "broadsheet.wire",
    "broadsheet.reader",
    "broadsheet.importers",
    "broadsheet.api",
    "broadsheet.cli",
]

MIDDLEWARE = [
    "broadsheet.reader.middleware.RequestScopeMiddleware",
    "broadsheet.reader.security.TrustedProxySchemeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "broadsheet.reader.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "broadsheet.importers.middleware.LegacyRedirectMiddleware",
    "broadsheet.reader.middleware.PageCacheMiddleware",
    # Inside the page cache, so a cached page keeps the CSP header (and nonce) it was rendered with.
    "broadsheet.reader.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "broadsheet.reader.middleware.SiteTimeZoneMiddleware",
]

ROOT_URLCONF = "broadsheet.urls"
WSGI_APPLICATION = "broadsheet.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "broadsheet.reader.context.chrome",
                "broadsheet.reader.security.csp_nonce",
            ],
        },
    }
]
if not DEBUG:
    # Cached templates: parsing once per process keeps uncached renders lean.
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            ["django.template.loaders.app_directories.Loader"],
        )
    ]

DATABASES = {"default": database_settings(ENV)}
globals().update(email_settings(ENV))  # EMAIL_BACKEND and friends: console unless SMTP is configured
CACHES = cache_settings(ENV)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "newsroom:login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"  # storage and server time; the paper's own zone lives in SiteSettings
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.data_dir / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.data_dir / "media"
FRONT_CACHE_DIR = ENV.data_dir / "front"  # `broadsheet serve`'s nginx: its cache and purge markers (core/frontcache.py)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
globals().update(https_settings(ENV))  # HSTS, secure cookies and the HTTPS redirect when served over TLS

# Product settings: see broadsheet.conf.config.Config for every key and its default.
BROADSHEET: dict[str, object] = {
    "trusted_proxies": ENV.trusted_proxies,
    "site_url": ENV.site_url,
    "purge_url": ENV.purge_url or "",
}

LOGGING = logging_settings(ENV.log_format, debug=DEBUG)  # BROADSHEET_LOG_FORMAT=json: one object per line
