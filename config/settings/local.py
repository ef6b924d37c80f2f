"""One developer's machine: `make run`. Debug pages on, secret key kept under var/."""

from config.env import env_bool, local_kept_secret, local_secret_key
from pakn.notifications.vapid import vapid_private_key_new  # noqa: E402

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")
# Web push works on a developer's machine too: a VAPID key made once and kept under var/.
WEBPUSH_VAPID_PRIVATE_KEY = local_kept_secret(
    "WEBPUSH_VAPID_PRIVATE_KEY", VAR_DIR / "vapid_private_key", vapid_private_key_new
)
