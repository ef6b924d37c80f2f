"""Personal numbers never reach the logs (DESIGN.md: no ID numbers or phones in logs): a filter
on every log handler masks them in the message, its arguments and a traceback, whichever code
logged them (ours, Django's request errors, a library's), with core's one rule."""

import logging

from pakn.core.personal_numbers import personal_numbers_mask


class PersonalNumberFilter(logging.Filter):
    """Masks phone and ID numbers in a record before a handler writes it. The message is
    formatted first (``%s`` arguments may be numbers, objects or whole texts) and the record
    then carries the masked text without arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: the handler reports it, as usual
            return True
        record.msg, record.args = personal_numbers_mask(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = personal_numbers_mask(record.exc_text)
        if record.stack_info:
            record.stack_info = personal_numbers_mask(record.stack_info)
        return True
