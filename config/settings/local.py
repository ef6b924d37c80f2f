"""One developer's machine: `make run`. Debug pages on, secret key kept under var/."""

from config.env import env_bool, local_secret_key

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")
