"""Reports placed on the officers' desk, and the desk's addresses, for the backoffice tests.
The province they sit in is the shared one: the ``desk`` fixture (pakn/testing/province.py)."""

from django.urls import reverse

from pakn.backoffice.desk.forms import ACTION_FORMS
from pakn.reports.models import Report
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.testing.province import PASSWORD, province_build  # noqa: F401 (PASSWORD: old name)


def desk_build() -> dict:
    """The shared small province with its areas (the ``desk`` fixture builds the same)."""
    return province_build(areas=True)


def submitted_report(desk, **fields) -> Report:
    fields.setdefault("reporter", desk["reporter"])
    fields.setdefault("category", desk["lighting"])
    fields.setdefault("commune", desk["ward"])
    fields.setdefault("province", desk["province"])
    report = ReportFactory(**fields)
    return report_apply(report_id=report.pk, action="submit", actor=report.reporter)


def report_at(desk, unit_key: str, *, accepted: bool = True, **fields) -> Report:
    """A report forwarded to ``desk[unit_key]`` (a sub-unit through its parent department)."""
    report = submitted_report(desk, **fields)
    target = desk[unit_key]
    first = desk["unit_a"] if unit_key == "sub_unit" else target
    report_apply(report_id=report.pk, action="forward", actor=desk["coordinator"],
                 unit_id=first.pk)  # fmt: skip
    if unit_key == "sub_unit":
        report_apply(report_id=report.pk, action="accept", actor=desk["handler_a"])
        report_apply(report_id=report.pk, action="forward_sub_unit", actor=desk["handler_a"],
                     unit_id=target.pk)  # fmt: skip
    if accepted:
        handler = desk["sub_handler"] if unit_key == "sub_unit" else _handler_of(desk, unit_key)
        report_apply(report_id=report.pk, action="accept", actor=handler)
    return Report.objects.get(pk=report.pk)


def _handler_of(desk, unit_key):
    return {"unit_a": desk["handler_a"], "unit_b": desk["handler_b"]}[unit_key]


def desk_url(report) -> str:
    return reverse("backoffice:desk-report", args=[report.code])


def action_url(report, action) -> str:
    return reverse("backoffice:desk-action", args=[report.code, action])


def post_action(client, report, action, expected_status=None, *, confirmed=True, **fields):
    """Posts an action's form as the page would: prefixed fields and the status seen, and
    the confirmation ticked where the action asks for one (unless ``confirmed=False``)."""
    if confirmed and getattr(ACTION_FORMS.get(action), "needs_confirmation", False):
        fields.setdefault("confirm", "on")
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data[f"{action}-expected_status"] = expected_status or report.status
    return client.post(action_url(report, action), data)


def desk_action_open(page, name: str):
    """The form of action ``name`` on the report desk, opened as an officer would: the main
    action is always open; another is behind "Thao tác khác" and its own summary."""
    section = page.locator(f"#thao-tac-{name}")
    section.wait_for(state="attached")
    if section.get_attribute("data-main-action") is None:
        more = page.locator("[data-more-actions]")
        if more.get_attribute("open") is None:
            more.locator("summary").first.click()
        if section.get_attribute("open") is None:
            section.locator("summary").first.click()
    return section
