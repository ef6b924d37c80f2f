"""Loads settings before anything else, so a configuration error is one clear line."""

import sys

from config.env import EnvError


def load_settings_or_exit() -> None:
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - touching it imports the settings module
    except EnvError as error:
        sys.stderr.write(f"PAKN configuration error: {error}\n")
        raise SystemExit(2) from None
