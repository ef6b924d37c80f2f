"""Texts to citizens address them as "Ông/bà", never "bạn" (issue 14). The officers' pages
speak to colleagues ("Vai trò của bạn"); every other text a citizen may read (templates,
messages in the code, scripts) must not use "bạn"."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YOU = re.compile(r"(?<!\w)bạn(?!\w)", re.IGNORECASE)
# Read only by officers: their pages, and the few officer-only messages outside them.
OFFICER_FOLDERS = ("pakn/backoffice/", "templates/backoffice/")
OFFICER_TEXTS = {
    "pakn/api/v1/desk.py": ["Không có thẻ này trong hộp thư của bạn."],
    "pakn/api/v1/signin.py": ["Bạn đang dùng mật khẩu tạm.", "Vai trò của bạn bắt buộc"],
    "pakn/api/v1/authentication.py": ["Bạn đang dùng mật khẩu tạm."],
    "pakn/reports/answer_templates.py": ["Bạn không quản trị đơn vị này."],
    "pakn/organisations/unit_administration.py": ["không thuộc phạm vi bạn quản lý"],
}


def _sources():
    for folder, patterns in (("pakn", ("*.py",)), ("templates", ("*.html", "*.txt")),
                             ("static/js", ("*.js",))):  # fmt: skip
        for pattern in patterns:
            for path in (ROOT / folder).rglob(pattern):
                relative = path.relative_to(ROOT).as_posix()
                if "/tests/" in relative or "/migrations/" in relative:
                    continue
                yield relative, path


def test_no_text_a_citizen_may_read_says_ban():
    found = []
    for relative, path in _sources():
        if relative.startswith(OFFICER_FOLDERS):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if YOU.search(line) and not any(
                text in line for text in OFFICER_TEXTS.get(relative, [])
            ):
                found.append(f"{relative}:{number}: {line.strip()}")

    assert found == [], "\n".join(found)
