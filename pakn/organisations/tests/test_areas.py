import json

import pytest
from django.core.management import call_command

from pakn.organisations.models import AdministrativeArea, AreaLevel
from pakn.organisations.services import OFFICIAL_AREAS_FILE, areas_load_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded_areas():
    return areas_load_official()


def test_official_list_has_34_provinces_and_3321_communes(loaded_areas):
    assert loaded_areas.provinces == 34
    assert loaded_areas.communes == 3321
    assert AdministrativeArea.objects.filter(level=AreaLevel.PROVINCE).count() == 34
    assert AdministrativeArea.objects.filter(level=AreaLevel.COMMUNE).count() == 3321


def test_khanh_hoa_has_its_65_communes_wards_and_special_zones(loaded_areas):
    khanh_hoa = AdministrativeArea.objects.get(code="56")
    assert khanh_hoa.name == "Tỉnh Khánh Hòa"
    communes = khanh_hoa.children.all()
    assert communes.count() == 65
    assert communes.filter(name="Đặc khu Trường Sa", division_type="đặc khu").exists()
    assert communes.filter(division_type="phường").exists()
    assert communes.filter(division_type="xã").exists()


def test_loading_twice_changes_nothing(loaded_areas):
    again = areas_load_official()
    assert (again.created, again.updated, again.deactivated) == (0, 0, 0)
    assert AdministrativeArea.objects.count() == 34 + 3321


def test_a_renamed_or_removed_area_is_updated_and_kept_inactive(loaded_areas, tmp_path):
    document = json.loads(OFFICIAL_AREAS_FILE.read_text(encoding="utf-8"))
    khanh_hoa = next(p for p in document["provinces"] if p["code"] == "56")
    removed_code = khanh_hoa["communes"].pop()[0]
    renamed = khanh_hoa["communes"][0]
    renamed[1] = renamed[1] + " (mới)"
    changed_file = tmp_path / "areas.json"
    changed_file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    result = areas_load_official(path=changed_file)

    assert (result.created, result.updated, result.deactivated) == (0, 1, 1)
    assert AdministrativeArea.objects.get(code=renamed[0]).name.endswith("(mới)")
    removed = AdministrativeArea.objects.get(code=removed_code)
    assert removed.is_active is False  # kept: reports may still point at it


def test_the_data_file_names_its_source_and_date():
    document = json.loads(OFFICIAL_AREAS_FILE.read_text(encoding="utf-8"))
    assert document["source"]["package"] == "vietnam-provinces"
    assert document["source"]["version"]
    assert document["source"]["converted_on"]
    assert (OFFICIAL_AREAS_FILE.parent / "SOURCE.md").exists()


def test_command_reports_what_it_loaded(capsys):
    call_command("load_areas")
    out = capsys.readouterr().out
    assert "34 provinces" in out
    assert "3321 communes" in out
