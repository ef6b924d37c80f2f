"""The inbox as a map: the positions of exactly the reports the list shows under the same tab
and filters, grouped so markers do not overlap, capped with a notice; the data is the
officer's own (an officer of another unit gets none of them)."""

import pytest

from pakn.backoffice.desk import inbox_map
from pakn.backoffice.tests.desk_setup import report_at, submitted_report

pytestmark = pytest.mark.django_db
MAP = "/can-bo/phan-anh/ban-do/"
DATA = "/can-bo/phan-anh/ban-do/du-lieu/"
NHA_TRANG = {"latitude": 12.2388, "longitude": 109.1967}
CAM_RANH = {"latitude": 11.9214, "longitude": 109.1591}


def _codes(answer) -> set[str]:
    return {point["code"] for point in answer["points"]}


def _count(answer) -> int:
    return len(answer["points"]) + sum(cluster["count"] for cluster in answer["clusters"])


def test_the_map_shows_the_reports_of_the_current_filter_with_a_popup_to_the_desk(client, desk):
    lamp = report_at(desk, "unit_a", title="Đèn hỏng", content="Tối om.", **NHA_TRANG)
    drain = report_at(desk, "unit_a", title="Cống tắc", content="Ngập.", **CAM_RANH)
    report_at(desk, "unit_a", title="Không có vị trí")
    client.force_login(desk["handler_a"])

    page = client.get(MAP + "?hop-thu=dang-xu-ly&q=%C4%90%C3%A8n").content.decode()
    answer = client.get(DATA + "?hop-thu=dang-xu-ly&q=%C4%90%C3%A8n&zoom=17").json()

    assert 'data-query="hop-thu=dang-xu-ly&amp;q=%C4%90%C3%A8n"' in page
    assert 'aria-current="page" data-view="map"' in page
    assert _codes(answer) == {lamp.code}  # the same filter as the list: not the drain
    point = answer["points"][0]
    assert point["title"] == "Đèn hỏng" and point["status_label"] == "Đang xử lý"
    assert answer["more"] is False and answer["shown"] == 1
    every = client.get(DATA + "?hop-thu=dang-xu-ly&zoom=17").json()
    assert _codes(every) == {lamp.code, drain.code}


def test_close_reports_are_one_cluster_at_the_provinces_zoom(client, desk):
    for n in range(3):
        report_at(desk, "unit_a", latitude=12.2388 + n * 0.001, longitude=109.1967)
    client.force_login(desk["handler_a"])

    answer = client.get(DATA + "?hop-thu=tat-ca&zoom=9").json()

    assert answer["points"] == []
    assert [cluster["count"] for cluster in answer["clusters"]] == [3]


def test_an_officer_of_another_unit_gets_none_of_them(client, desk):
    report_at(desk, "unit_a", **NHA_TRANG)
    submitted_report(desk, **CAM_RANH)  # still with the coordinator
    client.force_login(desk["handler_b"])

    for query in ("hop-thu=tat-ca", f"hop-thu=tat-ca&unit={desk['unit_a'].pk}", ""):
        answer = client.get(f"{DATA}?{query}&zoom=17").json()
        assert _count(answer) == 0, query


def test_more_reports_than_the_cap_are_announced(client, desk, monkeypatch):
    monkeypatch.setattr(inbox_map, "INBOX_MAP_MAX_REPORTS", 2)
    for n in range(3):
        report_at(desk, "unit_a", latitude=12.2 + n * 0.01, longitude=109.19)
    client.force_login(desk["handler_a"])

    answer = client.get(DATA + "?hop-thu=tat-ca&zoom=17").json()

    assert answer["more"] is True and answer["shown"] == 2 and _count(answer) == 2
    assert "data-map-more" in client.get(MAP).content.decode()


def test_a_bad_view_or_filter_is_a_clear_400(client, desk):
    client.force_login(desk["handler_a"])

    bad_box = client.get(DATA + "?bbox=abc&zoom=9")
    bad_date = client.get(DATA + "?date_from=31-02-2026")

    assert bad_box.status_code == 400
    assert bad_box.json()["errors"]["bbox"] == ["Vùng bản đồ không hợp lệ."]
    assert bad_date.status_code == 400 and "date_from" in bad_date.json()["errors"]


def test_citizens_and_strangers_do_not_get_the_data(client, desk):
    assert client.get(DATA).status_code == 302  # to the officers' login
    client.force_login(desk["reporter"])
    assert client.get(DATA).status_code == 302
