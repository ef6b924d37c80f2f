"""Tags of the report desk's templates that read what a form needs beside itself."""

from django import template

from pakn.backoffice.desk.bulk import BulkForwardForm
from pakn.reports.answer_templates import answer_templates_for_report

register = template.Library()


@register.simple_tag
def answer_templates_of(report) -> list:
    """The answer templates the draft editor offers for ``report`` (one query)."""
    return list(answer_templates_for_report(report))


@register.simple_tag
def bulk_forward_form():
    """The inbox's form to forward the chosen reports to one unit (unbound)."""
    return BulkForwardForm()
