"""What an inbox address asks for: the tab and the filters of a query string, read once for
the list, the map and its data, and the saved filters, so all of them select exactly the same
reports (the map is never wider than the list)."""

import dataclasses

from django.http import QueryDict

from pakn.backoffice.desk.forms import InboxFilterForm
from pakn.backoffice.desk.selectors import (
    InboxFilters,
    InboxTab,
    OfficerScope,
    inbox_default_tab,
    inbox_reports,
    inbox_tabs_for,
    officer_scope,
)

TAB_PARAMETER = "hop-thu"
# Keys of an inbox address that are not filters: the tab, the page, the map's view.
NOT_FILTERS = (TAB_PARAMETER, "trang", "bbox", "zoom")


@dataclasses.dataclass(frozen=True)
class InboxQuery:
    scope: OfficerScope
    tabs: list[InboxTab]
    tab: str  # one of ``tabs``' slugs
    asked_tab: str  # the tab the address named ("" for none), even one the officer lacks
    form: InboxFilterForm
    filter_query: str  # the filters alone, url-encoded (kept on the tabs' links)

    @property
    def filters(self) -> InboxFilters:
        return inbox_filters_from_form(self.form)

    @property
    def query_string(self) -> str:
        """The tab and the filters: what a saved filter keeps and the map's links carry."""
        query = QueryDict(mutable=True)
        query[TAB_PARAMETER] = self.tab
        return query.urlencode() + (f"&{self.filter_query}" if self.filter_query else "")

    def reports(self, user):
        return inbox_reports(user, self.scope, self.tab, self.filters)


def inbox_filters_from_form(form: InboxFilterForm) -> InboxFilters:
    """The valid filters of the form; none while it has errors (they are shown on it). The
    inbox page, its map and the API's inbox read them here."""
    if not form.is_bound or not form.is_valid():
        return InboxFilters()
    data = form.cleaned_data
    return InboxFilters(
        status=data["status"] or "",
        category=data["category"],
        commune=data["commune"],
        unit=data["unit"],
        date_from=data["date_from"],
        date_to=data["date_to"],
        overdue_only=data["overdue"],
        timeliness=data["timeliness"] or "",
        coordinating_unit=data["coordinating_unit"],
        query=(data["q"] or "").strip(),
        sort=data["sort"] or "han-xu-ly",
    )


def inbox_query_parse(user, query: QueryDict, *, scope: OfficerScope | None = None) -> InboxQuery:
    """The inbox an address shows: an unknown or missing tab is the officer's default one,
    or "Tất cả" when the address has filters (a link from the dashboard counts every report
    they match)."""
    scope = scope or officer_scope(user)
    tabs = inbox_tabs_for(scope)
    slugs = {tab.slug for tab in tabs}
    filter_data = query.copy()
    for key in NOT_FILTERS:
        filter_data.pop(key, None)
    # Only the form's own fields are filters: anything else in an address is dropped.
    known = set(InboxFilterForm.base_fields)
    for key in list(filter_data):
        if key not in known:
            filter_data.pop(key)
    asked_tab = query.get(TAB_PARAMETER, "")
    tab = asked_tab
    if tab not in slugs:
        has_filters = any(value for value in filter_data.values())
        tab = "tat-ca" if has_filters else inbox_default_tab(scope)
    return InboxQuery(
        scope=scope,
        tabs=tabs,
        tab=tab,
        asked_tab=asked_tab,
        form=InboxFilterForm(filter_data or None),
        filter_query=filter_data.urlencode(),
    )
