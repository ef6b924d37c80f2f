import pytest

from pakn.core.text import text_fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường ống nước", "duong ong nuoc"),
        ("ĐÈN ĐƯỜNG HỎNG", "den duong hong"),
        ("Nước ngập ở phường Nha Trang", "nuoc ngap o phuong nha trang"),
        ("Quy Nhơn", "quy nhon"),
        ("", ""),
    ],
)
def test_text_fold_removes_vietnamese_marks_including_d_with_stroke(text, folded):
    assert text_fold(text) == folded
