"""`make test`. Same code paths as production; only speed-ups that change no behaviour."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-any-deployment-0123456789"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests must not write into the developer's var/: files and outboxes go to a temp directory.
_TEST_VAR = Path(tempfile.mkdtemp(prefix="pakn-test-"))
MEDIA_ROOT = _TEST_VAR / "media"
EMAIL_FILE_PATH = _TEST_VAR / "outbox" / "mail"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/media/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in the test's own thread, so a test sees their effects at once. The tests of
# pakn/core/tests/test_tasks.py and test_workers.py run the database backend and real workers.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
SMS_OUTBOX_DIR = _TEST_VAR / "outbox" / "sms"
MAIL_INBOX_DIR = _TEST_VAR / "mail-inbox"
STATIC_ROOT = _TEST_VAR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
UPLOAD_TEMP_DIR = _TEST_VAR / "tmp" / "uploads"
# On SQLite the test database is a file, not shared-cache memory: shared-cache memory takes
# table locks that fail at once instead of waiting, unlike the file database of `make run`,
# and the concurrency tests must see the real locking.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_VAR / "test.sqlite3")}  # noqa: F405
