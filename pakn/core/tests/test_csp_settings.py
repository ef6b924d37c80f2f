"""Uploaded images (the logo, banners, news photos) live in S3 when S3_BUCKET is set: the
Content-Security-Policy lets pages show them from the storage's host, and no other."""

import json

import pytest

from pakn.core.tests.processes import shell_output

PRINT_IMG_SRC = (
    "from django.conf import settings; "
    "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)
S3 = {"S3_BUCKET": "pakn-media", "S3_ACCESS_KEY_ID": "key", "S3_SECRET_ACCESS_KEY": "secret"}


@pytest.mark.parametrize(
    ("variables", "sources"),
    [
        ({}, []),
        ({**S3, "S3_CUSTOM_DOMAIN": "media.khanhhoa.gov.vn"}, ["https://media.khanhhoa.gov.vn"]),
        (
            {**S3, "S3_ENDPOINT_URL": "https://s3.khanhhoa.gov.vn:9000/"},
            ["https://s3.khanhhoa.gov.vn:9000", "https://*.s3.khanhhoa.gov.vn:9000"],
        ),
        (
            {**S3, "S3_REGION": "ap-southeast-1"},
            [
                "https://pakn-media.s3.amazonaws.com",
                "https://pakn-media.s3.ap-southeast-1.amazonaws.com",
            ],
        ),
    ],
    ids=["local-disk", "custom-domain", "endpoint", "aws"],
)
def test_images_may_come_from_the_storage(manage_py, variables, sources):
    output = shell_output(
        manage_py("shell", "--no-imports", "-c", f"import json; {PRINT_IMG_SRC}", **variables)
    )
    assert json.loads(output) == ["'self'", "data:", *sources]
