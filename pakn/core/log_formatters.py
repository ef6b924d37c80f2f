"""Logs as one JSON object a line (LOG_FORMAT=json, the production default), which log
shippers (journald, Loki, Elasticsearch) index without a parsing rule.

Standard-library logging with this small formatter rather than django-structlog: every record
already passes through our filters (personal numbers masked, request id added), and the
libraries' own records (Django, gunicorn, django-tasks) need no change to come out as JSON.
"""

import datetime
import json
import logging

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is kept.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
# Django puts the request and its socket on some records: objects, not log fields.
_NOT_FIELDS = {"request", "server_time"}


class JsonLogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-").strip("-") or None,
            "process": record.process,
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in _NOT_FIELDS:
                entry[name] = value if isinstance(value, int | float | bool | None) else str(value)
        # The personal-number filter has already formatted and masked the traceback into
        # exc_text; format it here only when a record arrives without that filter.
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)
