"""The SMS outbox as a test reads it: what was sent, to whom, and the one-time code in it."""

import json
import re
from pathlib import Path


class SmsOutbox:
    """The texts the ``outbox`` SMS backend wrote to ``folder``, one JSON file each."""

    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self, phone: str | None = None) -> list[dict]:
        """Every text sent (to ``phone`` only, if given), oldest first."""
        if not self.folder.exists():
            return []
        documents = [
            json.loads(path.read_text(encoding="utf-8")) for path in sorted(self.folder.iterdir())
        ]
        return [d for d in documents if phone is None or d["to"] == phone]

    def last_code(self, phone: str) -> str:
        """The six-digit code of the last text to ``phone``, as the person reads it."""
        messages = self.messages(phone)
        assert messages, f"no SMS to {phone}"
        return re.search(r"\b(\d{6})\b", messages[-1]["body"]).group(1)
