"""Vietnamese text folding for accent-insensitive matching ("duong ong nuoc" finds
"Đường ống nước"). Written here because Unicode decomposition leaves "đ" whole: no library
call folds it, and every search in PAKN must agree on the same rule."""

import unicodedata


def text_fold(text: str) -> str:
    """Lower case without Vietnamese marks, "đ" as "d"."""
    text = unicodedata.normalize("NFD", (text or "").lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text.replace("đ", "d"))
