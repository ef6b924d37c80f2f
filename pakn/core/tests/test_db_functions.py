import pytest

from pakn.core.db_functions import Folded
from pakn.core.models import CalendarOverride
from pakn.core.text import text_fold


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["duong ong nuoc", "ĐƯỜNG ỐNG", "Đường ống nước"])
def test_a_column_matches_words_typed_with_or_without_marks(typed):
    CalendarOverride.objects.create(date="2027-02-08", is_working_day=False,
                                    reason="Nghỉ sửa Đường ống nước")  # fmt: skip
    CalendarOverride.objects.create(date="2027-02-09", is_working_day=False, reason="Ngày khác")

    found = CalendarOverride.objects.annotate(folded=Folded("reason")).filter(
        folded__contains=text_fold(typed)
    )

    assert [o.reason for o in found] == ["Nghỉ sửa Đường ống nước"]
