import pytest

from pakn.organisations.models import Category

pytestmark = pytest.mark.django_db


def test_the_sectors_of_the_design_exist_with_answer_times():
    names = set(Category.objects.filter(parent=None).values_list("name", flat=True))
    for expected in [
        "Du lịch",
        "Giao thông vận tải",
        "Y tế",
        "Giáo dục và đào tạo",
        "Hạ tầng đô thị",
    ]:
        assert expected in names
    assert not Category.objects.filter(default_answer_days__lt=1).exists()


def test_urban_infrastructure_has_its_incident_sub_sectors():
    urban = Category.objects.get(code="urban-infrastructure")
    children = set(urban.children.values_list("name", flat=True))
    assert {"Cấp, thoát nước", "Chiếu sáng công cộng", "Cây xanh", "Điện", "Viễn thông"} <= children
    lighting = Category.objects.get(code="lighting")
    assert str(lighting) == "Hạ tầng đô thị › Chiếu sáng công cộng"
