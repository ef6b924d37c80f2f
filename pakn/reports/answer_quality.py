"""The answer-quality guard: what is wrong with an answer before a leader approves it or the
coordinator sends or publishes it (seed 003's main complaint: answers that paste the agency's
internal paperwork instead of answering). ``answer_quality_warnings`` is the one decision;
the desk shows its warnings with the offending lines, and the workflow (approve_answer,
review_answer, publish) refuses to go on past them without a reason, which is recorded.

Checks: pasted paperwork (a document number "Số: …/UBND-…", "Căn cứ", "Kính gửi",
"Nơi nhận", "Như trên", "Lưu: VT", the national motto, signature blocks, many quoted legal
references), personal numbers (pakn.core.personal_numbers, the one rule), excessive length,
and an answer that takes up none of the citizen's own words.
Patterns are matched on folded text, so a draft typed without marks is caught the same."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pakn.core.personal_numbers import personal_numbers_find
from pakn.core.text import text_fold
from pakn.reports.search import WORD_PATTERN

# Past this an answer reads as a pasted document rather than a reply (the good answers of
# pakn/testing/data/answer_quality_cases.json are 150-1,200 characters).
LENGTH_LIMIT = 3000
# As many quoted legal documents as this make an answer a legal brief.
LEGAL_REFERENCES_LIMIT = 3

# Line patterns of an administrative document (on folded text).
PAPERWORK_LINE = re.compile(
    r"^\s*(?:"
    r"so\s*:\s*\S*\d\S*\s*/"  # Số: 1234/UBND-KT
    r"|v/v\b|ve viec\s*:"  # V/v: ...
    r"|can cu\b"
    r"|kinh gui\b"
    r"|noi nhan\b"
    r"|[-+•]?\s*nhu tren\b"
    r"|[-+•]?\s*luu\s*:?\s*(?:vt|van thu)\b"
    r"|cong hoa xa hoi chu nghia viet nam"
    r"|doc lap\s*-\s*tu do\s*-\s*hanh phuc"
    r"|(?:kt|tm|tl|tuq|q)\.\s*\w+"  # KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN
    r"|\(?(?:da ky|ky,? ghi ro ho ten|ky ten,? dong dau)\)?\s*$"
    r"|(?:pho )?(?:giam doc|chu tich|truong phong|chanh van phong)\s*$"
    r")"
)
LUU_VT = re.compile(r"\bluu\s*:\s*(?:vt|van thu)\b")
LEGAL_REFERENCE = re.compile(
    r"\b(?:nghi dinh|thong tu|quyet dinh|cong van|nghi quyet|chi thi|luat)\s+(?:so\s+)?\d"
)
# Words that say nothing of the matter: grammar, address, and what every answer says
# ("đơn vị đã tiếp nhận, xem xét, xử lý theo quy định, kết quả sẽ thông báo").
FILLER = frozenset(
    "va cua voi la thi ma de da dang se bi duoc cac nhung mot co khong tai trong tren "
    "ong ba anh chi em toi chung nay do ve theo sau khi nhu "
    "don vi co quan xu ly xem xet tiep nhan giao bo phan chuyen mon quy dinh ket qua "
    "thong bao kien nghi nguoi dan cong".split()
)


@dataclass(frozen=True)
class QualityWarning:
    code: str  # paperwork, personal_number, too_long, off_topic
    message: str
    lines: tuple[int, ...] = ()  # the draft's lines (from 0) that carry it


def _paperwork(lines: list[str]) -> list[QualityWarning]:
    folded = [text_fold(line) for line in lines]
    pasted = tuple(i for i, line in enumerate(folded) if PAPERWORK_LINE.search(line)
                   or LUU_VT.search(line))  # fmt: skip
    warnings = []
    if pasted:
        warnings.append(QualityWarning(
            "paperwork",
            _("Có vẻ dán nguyên văn bản hành chính (số văn bản, “Căn cứ”, “Kính gửi”, "
              "“Nơi nhận”, “Lưu: VT”, chữ ký). Hãy trả lời trực tiếp người dân."),
            pasted,
        ))  # fmt: skip
    references = [i for i, line in enumerate(folded) for _m in LEGAL_REFERENCE.finditer(line)]
    if len(references) >= LEGAL_REFERENCES_LIMIT:
        warnings.append(QualityWarning(
            "legal_references",
            _("Trích dẫn %(count)d văn bản pháp luật; người dân cần biết kết quả, không cần "
              "danh sách văn bản.") % {"count": len(references)},
            tuple(sorted(set(references))),
        ))  # fmt: skip
    return warnings


def _personal_numbers(lines: list[str]) -> list[QualityWarning]:
    found = {i: personal_numbers_find(line) for i, line in enumerate(lines)}
    numbers = [n.text for line_numbers in found.values() for n in line_numbers]
    if not numbers:
        return []
    return [QualityWarning(
        "personal_number",
        _("Có số định danh hoặc số điện thoại (%(numbers)s): không đưa vào câu trả lời "
          "sẽ được công khai.") % {"numbers": ", ".join(numbers)},
        tuple(i for i, line_numbers in found.items() if line_numbers),
    )]  # fmt: skip


def _words(text: str) -> set[str]:
    """The words of ``text`` that can say what a matter is about: folded, two letters or
    more, not a number, not a filler or a word every answer uses."""
    return {w for w in WORD_PATTERN.findall(text_fold(text))
            if len(w) >= 2 and not w.isdigit() and w not in FILLER}  # fmt: skip


def _off_topic(answer: str, report_title: str, report_content: str) -> list[QualityWarning]:
    """No word of the citizen's (title or content) comes back in the answer. Deliberately
    lenient: a short answer naming the matter ("Đã thay bóng đèn" to "Đèn đường hỏng") is
    an answer; what is caught is an answer to another report, or a form sentence."""
    asked = _words(f"{report_title} {report_content}")
    if not asked or asked & _words(answer):
        return []
    return [QualityWarning(
        "off_topic",
        _("Không câu nào nhắc tới điều người dân phản ánh; hãy trả lời đúng việc được hỏi."),
    )]  # fmt: skip


def answer_quality_warnings(
    *, answer: str, report_title: str = "", report_content: str = ""
) -> list[QualityWarning]:
    """Everything the guard finds in ``answer`` for the report of that title and content."""
    answer = answer or ""
    lines = answer.splitlines()
    warnings = _paperwork(lines) + _personal_numbers(lines)
    if len(answer) > LENGTH_LIMIT:
        warnings.append(QualityWarning(
            "too_long",
            _("Câu trả lời dài %(length)d ký tự (nên dưới %(limit)d): hãy tóm tắt kết quả.")
            % {"length": len(answer), "limit": LENGTH_LIMIT},
        ))  # fmt: skip
    if report_title or report_content:
        warnings += _off_topic(answer, report_title, report_content)
    return warnings


def answer_quality_lines(answer: str, warnings: list[QualityWarning]) -> list[dict]:
    """The answer's lines, each with whether a warning points at it: what the desk shows."""
    flagged = {line for warning in warnings for line in warning.lines}
    return [{"text": text, "flagged": number in flagged, "number": number + 1}
            for number, text in enumerate((answer or "").splitlines())]  # fmt: skip
