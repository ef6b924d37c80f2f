"""The officers' desk through its pages."""

import pytest

from pakn.backoffice.tests.desk_setup import (
    desk_build,
    desk_url,
    report_at,
    submitted_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    return desk_build()


def test_smoke(client, desk):
    report = submitted_report(desk, title="Đèn đường hỏng")
    client.force_login(desk["coordinator"])
    response = client.get("/can-bo/phan-anh/")
    assert response.status_code == 200, response.content.decode()[:3000]
    assert report.code in response.content.decode()
    response = client.get(desk_url(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đề xuất theo quy tắc phân công" in html
    r2 = report_at(desk, "sub_unit")
    client.force_login(desk["leader_a"])
    assert client.get(desk_url(r2)).status_code == 200
    assert client.get("/can-bo/phan-anh/").status_code == 200
