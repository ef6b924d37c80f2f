import pytest

# Moved to pakn/testing (shared by every app); importable from here for one more release.
from pakn.testing.fixtures import org, sms_outbox  # noqa: F401
from pakn.testing.reports import answer_report  # noqa: F401


@pytest.fixture
def png_bytes():
    """A small, real PNG photo."""
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(output, format="PNG")
    return output.getvalue()
