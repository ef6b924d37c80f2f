import json
import re

import pytest


@pytest.fixture
def sms_outbox(settings, tmp_path):
    """The SMS outbox of this test; ``codes(phone)`` reads the one-time codes sent to a phone."""
    folder = tmp_path / "sms"
    settings.SMS_BACKEND = "outbox"
    settings.SMS_OUTBOX_DIR = folder

    class Outbox:
        def messages(self, phone=None):
            if not folder.exists():
                return []
            documents = [
                json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())
            ]
            return [d for d in documents if phone is None or d["to"] == phone]

        def last_code(self, phone):
            messages = self.messages(phone)
            assert messages, f"no SMS to {phone}"
            return re.search(r"\b(\d{6})\b", messages[-1]["body"]).group(1)

    return Outbox()
