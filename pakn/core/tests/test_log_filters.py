"""No personal number in the logs: a real PAKN process, configured by its settings' LOGGING,
logs each spelling of the table (as a %s argument, in an exception's traceback, from Django's
own loggers) and its standard error is read back."""

import json

from pakn.core.tests.personal_number_spellings import ORDINARY, PERSONAL, masked
from pakn.core.tests.processes import pakn_environment, run_manage

SPELLINGS = PERSONAL + ORDINARY
SCRIPT = """
import json, logging
texts = json.loads({texts!r})
spellings = logging.getLogger("pakn.spellings")
for index, text in enumerate(texts):
    spellings.warning("row %d: Gọi %s để báo.", index, text)
logging.getLogger("django.request").warning("Not Found: /tra-cuu/?q=%s", "0905 123 456")
logging.getLogger("django.server").info('"GET /tra-cuu/?q=%s HTTP/1.1" 200', "056090001234")
try:
    raise ValueError("Số 0905.123.456 không nhận được mã")
except ValueError:
    spellings.exception("SMS to %s failed", "+84 905 123 456")
"""


def logged_lines(tmp_path) -> list[str]:
    script = SCRIPT.format(texts=json.dumps([s.text for s in SPELLINGS]))
    result = run_manage("shell", "-c", script, environment=pakn_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def test_every_spelling_is_masked_in_the_log_and_ordinary_numbers_kept(tmp_path):
    lines = logged_lines(tmp_path)
    rows = {
        int(line.split("row ", 1)[1].split(":", 1)[0]): line.split(": ", 1)[1]
        for line in lines
        if " pakn.spellings row " in line
    }
    assert sorted(rows) == list(range(len(SPELLINGS)))
    for index, spelling in enumerate(SPELLINGS):
        expected = masked(f"Gọi {spelling.text} để báo.", spelling.found)
        assert rows[index] == expected, spelling.id

    log = "\n".join(lines)
    assert "WARNING django.request Not Found: /tra-cuu/?q=***" in log
    assert 'INFO django.server "GET /tra-cuu/?q=*** HTTP/1.1" 200' in log
    assert "ERROR pakn.spellings SMS to *** failed" in log
    assert "ValueError: Số *** không nhận được mã" in log  # the traceback too
    for number in ("0905 123 456", "056090001234", "0905.123.456", "+84 905 123 456"):
        assert number not in log
