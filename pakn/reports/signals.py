"""Signals that tell higher layers (notifications, caches) that something happened to a report,
without the reports layer importing them. Both are sent only after the change has committed,
so a receiver never sees, or acts on, a change that was rolled back.

- ``report_changed``: kwargs ``report_id``, ``event_id``, ``action`` (one workflow action).
- ``message_posted``: kwargs ``report_id``, ``message_id``, ``from_citizen``.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

report_changed = Signal()
message_posted = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    """Sends ``signal`` once the current transaction commits. A failing receiver is logged
    and does not undo or break the committed change."""

    def send():
        for receiver, result in signal.send_robust(sender=None, **kwargs):
            if isinstance(result, Exception):
                logger.error(
                    "Receiver %r of a report signal failed",
                    receiver,
                    exc_info=(type(result), result, result.__traceback__),
                )

    transaction.on_commit(send)
