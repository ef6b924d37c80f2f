# Moved to pakn/testing/captcha.py; importable from here for one more release.
from pakn.testing.captcha import CAPTCHA_ID_PATTERN, captcha_answer_for, captcha_fields  # noqa: F401
