"""Production: every secret from the environment, HTTPS only, no debug."""

from config.env import env_bool, env_choice, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 40:
    from config.env import EnvError

    raise EnvError("SECRET_KEY must be at least 40 characters in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# One JSON object a line for the log shipper, unless LOG_FORMAT=plain.
LOG_FORMAT = env_choice("LOG_FORMAT", "json", ("plain", "json"))
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
