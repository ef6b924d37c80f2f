"""Vietnamese text folding for accent-insensitive matching ("duong ong nuoc" finds
"Đường ống nước"). Written here because Unicode decomposition leaves "đ" whole: no library
call folds it, and every search in PAKN must agree on the same rule."""

import unicodedata


def text_fold(text: str) -> str:
    """Lower case without Vietnamese marks, "đ" as "d"."""
    text = unicodedata.normalize("NFD", (text or "").lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text.replace("đ", "d"))


# What an SMS may hold so that a gateway sends it in the 7-bit GSM alphabet (160 letters a
# message) instead of UCS-2 (70): plain Latin letters, digits and the punctuation that every
# handset's GSM 03.38 table has in its basic part. Written here because no maintained library
# folds Vietnamese to it ("đ" and the tone marks), and the rule is a dozen characters.
_SMS_PUNCTUATION = " \n!\"#%&'()*+,-./:;<=>?@_$"
_SMS_LIKE = {
    "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\u00a0": " ",
    "\t": " ", "\r": "", "`": "'", "[": "(", "]": ")", "{": "(", "}": ")", "|": "/",
    "\\": "/", "~": "-", "^": "", "€": "EUR",
}  # fmt: skip


def text_sms(text: str) -> str:
    """``text`` in the letters an SMS sends at the GSM 7-bit price: Vietnamese without marks
    ("Khánh Hòa" as "Khanh Hoa", "Đ" as "D"), typographic signs as their plain forms, and
    anything else as "?"."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    kept = []
    for character in text:
        if unicodedata.category(character) == "Mn":
            continue
        if character.isascii() and (character.isalnum() or character in _SMS_PUNCTUATION):
            kept.append(character)
        else:
            kept.append(_SMS_LIKE.get(character, "?"))
    return "".join(kept)
