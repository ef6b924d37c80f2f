"""GeoReport v2's two formats: every resource as JSON or as the specification's XML, UTF-8,
datetimes in W3C form with the time zone. Hand-written with the standard library's
ElementTree because the shape is the specification's own (``<services><service>…``), which
no generic renderer (DRF's XML renderer writes ``<root><list-item>``) produces."""

import datetime
import json
from decimal import Decimal
from xml.etree import ElementTree

from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# The element each item of a nested list is written as, by the list's own name.
XML_ITEM_NAMES = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def w3c_datetime(value: datetime.datetime | None) -> str | None:
    """2026-11-30T19:05:00+07:00: local time with its offset, to the second."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _json_ready(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value


def _xml_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_fill(element: ElementTree.Element, mapping: dict) -> None:
    for key, value in mapping.items():
        child = ElementTree.SubElement(element, key)
        if isinstance(value, dict):
            _xml_fill(child, value)
        elif isinstance(value, list):
            item_name = XML_ITEM_NAMES.get(key, "item")
            for item in value:
                node = ElementTree.SubElement(child, item_name)
                if isinstance(item, dict):
                    _xml_fill(node, item)
                else:
                    node.text = _xml_text(item)
        else:
            child.text = _xml_text(value)


def to_xml(data, *, root: str, item: str | None = None) -> bytes:
    """``data`` as XML: a list under ``<root>`` with one ``<item>`` each, or one mapping as
    the children of ``<root>``."""
    top = ElementTree.Element(root)
    if isinstance(data, list):
        for entry in data:
            _xml_fill(ElementTree.SubElement(top, item or "item"), entry)
    else:
        _xml_fill(top, data)
    return ElementTree.tostring(top, encoding="utf-8", xml_declaration=True)


def respond(data, fmt: str, *, root: str, item: str | None = None, status: int = 200,
            headers: dict | None = None) -> HttpResponse:  # fmt: skip
    if fmt == "xml":
        body = to_xml(data, root=root, item=item)
    else:
        body = json.dumps(_json_ready(data), ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt], headers=headers)


def respond_errors(fmt: str, status: int, descriptions: list[str], *,
                   headers: dict | None = None) -> HttpResponse:  # fmt: skip
    """The specification's error answer: a list of ``{code, description}``."""
    errors = [{"code": status, "description": str(text)} for text in descriptions]
    return respond(errors, fmt, root="errors", item="error", status=status, headers=headers)
