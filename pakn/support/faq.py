"""Finding the frequent question a visitor means: words compared without marks, each word of
the visitor's allowed a typo or two (difflib's ratio, from the standard library), the entry
whose question or other phrasings cover most of the visitor's words winning."""

import re
from difflib import SequenceMatcher

from pakn.core.text import text_fold
from pakn.support.models import FaqEntry

# Words that say nothing of what is asked.
_FILLER = frozenset(
    "toi minh em anh chi ban la lam sao the nao nhu gi co khong duoc cho hoi xin vui long "
    "oi a ah nhe voi cua va thi ma"
    .split()
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
TYPO_RATIO = 0.8
MATCH_SHARE = 0.6


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text_fold(text)) if w not in _FILLER]


def _close(word: str, known: set[str]) -> bool:
    if word in known:
        return True
    return len(word) > 2 and any(
        SequenceMatcher(None, word, other).ratio() >= TYPO_RATIO for other in known
    )


def _coverage(asked: list[str], phrasing: str) -> float:
    wanted = _words(phrasing)
    if not wanted:
        return 0.0
    known = set(asked)
    # How much of the phrasing the visitor said; of two phrasings covered alike, the one
    # that explains more of what they said wins.
    covered = sum(1 for word in wanted if _close(word, known)) / len(wanted)
    if covered < MATCH_SHARE:
        return 0.0
    explained = sum(1 for word in asked if _close(word, set(wanted))) / len(asked)
    return covered + explained / 10


def faq_match(text: str) -> FaqEntry | None:
    """The entry that answers ``text``, or None when none answers it well enough."""
    asked = _words(text)
    if not asked:
        return None
    best, best_score = None, 0.0
    for entry in FaqEntry.objects.filter(is_active=True):
        phrasings = [entry.question, *entry.keywords.splitlines()]
        score = max(_coverage(asked, phrasing) for phrasing in phrasings)
        if score > best_score:
            best, best_score = entry, score
    return best if best_score >= MATCH_SHARE else None
