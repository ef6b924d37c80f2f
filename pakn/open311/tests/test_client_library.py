"""A third-party GeoReport v2 client from PyPI (``georeport``, pinned in the dev extra) reads
this server as it reads any city's: services, a service definition, requests and one
request, in JSON and in XML, over real HTTP from a live server."""

import pytest
from georeport import GeoReport

from pakn.reports.models import ReportStatus
from pakn.reports.tests.public_reports import published_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reports(province):
    answered = published_report("Ổ gà", "Ổ gà trên đường Trần Phú.", submitted_days_ago=2,
                                category=province["potholes"],
                                current_unit=province["department"])  # fmt: skip
    in_progress = published_report("Cột đèn nghiêng", "Cột đèn nghiêng trước chợ.",
                                   submitted_days_ago=5, status=ReportStatus.IN_PROGRESS,
                                   category=province["roads"])  # fmt: skip
    return answered, in_progress


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_georeport_client_reads_services_and_requests(live_server, reports, output_format):
    answered, in_progress = reports
    client = GeoReport(
        f"{live_server.url}/open311/v2/", jurisdiction="khanhhoa", output_format=output_format
    )

    services = client.get_service_list()
    by_code = {service["service_code"]: service for service in services}
    assert by_code["o311-o-ga"]["service_name"] == "Ổ gà, hư hỏng mặt đường"
    assert by_code["o311-o-ga"]["group"] == "Giao thông đô thị"
    definition = client.get_service_definition("o311-o-ga")
    assert definition["service_code"] == "o311-o-ga"

    requests = client.get_service_requests()
    assert [r["service_request_id"] for r in requests] == [answered.code, in_progress.code]
    assert [r["status"] for r in requests] == ["closed", "open"]
    open_one = client.get_service_requests(status="open")
    # xmltodict gives one <request> as a mapping, several as a list: the client's own shape.
    open_one = open_one if isinstance(open_one, list) else [open_one]
    assert [r["service_request_id"] for r in open_one] == [in_progress.code]

    one = client.get_service_request(answered.code)
    assert one["service_request_id"] == answered.code
    assert one["description"] == "Ổ gà trên đường Trần Phú."
    assert one["agency_responsible"] == "Sở Xây dựng"
    assert one["service_code"] == "o311-o-ga"
