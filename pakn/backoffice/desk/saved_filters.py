"""Saved inbox filters: an officer names the inbox's current tab and filters and finds them
again as links above the inbox. Each officer reads and changes only their own (every lookup
is by owner: another officer's filter is a 404). A saved filter is checked again whenever it
is listed, with the inbox's own form, so one that no longer applies is shown with its reason
and never opens a wider or a broken inbox."""

import dataclasses

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from pakn.backoffice.desk.inbox_query import inbox_query_parse
from pakn.backoffice.desk.selectors import OfficerScope
from pakn.backoffice.models import SavedInboxFilter
from pakn.organisations.models import Membership
from pakn.reports.access import units_under

# An officer keeps a handful of filters; a bound so the list above the inbox stays short and
# checking them costs a fixed number of queries.
SAVED_FILTERS_MAX = 20


class SavedFilterRefused(Exception):
    """The filter cannot be saved as asked; the message says why, for the officer."""


@dataclasses.dataclass(frozen=True)
class SavedFilterListed:
    saved: SavedInboxFilter
    url: str  # the inbox at this filter ("" when it no longer applies)
    map_url: str
    problem: str  # why it no longer applies, in words; "" when it does


def saved_filters_of(user):
    return SavedInboxFilter.objects.filter(owner=user).order_by("name", "pk")


def saved_filter_get(*, user, filter_id: int) -> SavedInboxFilter:
    """The officer's own filter; anyone else's (or none) is a 404, not a 403, so that ids of
    other officers' filters say nothing."""
    saved = saved_filters_of(user).filter(pk=filter_id).first()
    if saved is None:
        raise Http404
    return saved


def saved_filter_problem(*, user, scope: OfficerScope, query: str, unit_paths=None) -> str:
    """Why the inbox address ``query`` no longer applies to ``user``, or "" when it does: a
    filter the inbox form refuses (a unit or sector deactivated, a date no longer valid), a
    tab the officer's roles no longer have, a unit outside the units they work in."""
    asked = inbox_query_parse(user, QueryDict(query), scope=scope)
    if asked.asked_tab and asked.asked_tab != asked.tab:
        return _("Hộp thư trong bộ lọc không còn thuộc vai trò của tài khoản.")
    form = asked.form
    if form.is_bound and not form.is_valid():
        field_name, errors = next(iter(form.errors.items()))
        label = form.fields[field_name].label if field_name in form.fields else ""
        reason = f"{label}: {errors[0]}" if label else errors[0]
        return _("Điều kiện lọc không còn hợp lệ (%(reason)s).") % {"reason": reason}
    if unit_paths is None:
        unit_paths = _unit_paths(user)
    for name in ("unit", "coordinating_unit"):
        unit = form.cleaned_data.get(name) if form.is_bound else None
        if unit is not None and not unit.path.startswith(tuple(unit_paths)):
            return _("Đơn vị “%(unit)s” không còn thuộc phạm vi công tác của tài khoản.") % {
                "unit": unit.name
            }
    return ""


def _unit_paths(user) -> list[str]:
    """The paths of the units the officer works in, whatever the role."""
    paths = Membership.objects.filter(user=user, is_active=True).values_list(
        "unit__path", flat=True
    )
    return list(units_under(sorted(set(paths))).values_list("path", flat=True))


def saved_filters_listed(*, user, scope: OfficerScope) -> list[SavedFilterListed]:
    """The officer's filters, each checked (see ``saved_filter_problem``), for the inbox."""
    saved_filters = list(saved_filters_of(user)[:SAVED_FILTERS_MAX])
    if not saved_filters:
        return []
    unit_paths = _unit_paths(user)
    inbox, inbox_map = reverse("backoffice:desk-inbox"), reverse("backoffice:desk-inbox-map")
    listed = []
    for saved in saved_filters:
        problem = saved_filter_problem(
            user=user, scope=scope, query=saved.query, unit_paths=unit_paths
        )
        listed.append(
            SavedFilterListed(
                saved=saved,
                url="" if problem else f"{inbox}?{saved.query}",
                map_url="" if problem else f"{inbox_map}?{saved.query}",
                problem=problem,
            )
        )
    return listed


def saved_filter_query_clean(*, user, scope: OfficerScope, query: str) -> str:
    """The inbox address to keep: the tab and the inbox form's fields only (no page, no map
    view), refused with the reason when it does not apply."""
    cleaned = inbox_query_parse(user, QueryDict(query), scope=scope).query_string
    problem = saved_filter_problem(user=user, scope=scope, query=cleaned)
    if problem:
        raise SavedFilterRefused(problem)
    return cleaned


def saved_filter_create(*, owner, scope: OfficerScope, name: str, query: str) -> SavedInboxFilter:
    if saved_filters_of(owner).count() >= SAVED_FILTERS_MAX:
        raise SavedFilterRefused(
            _("Mỗi tài khoản lưu được tối đa %(count)d bộ lọc; hãy xóa bớt bộ lọc cũ.")
            % {"count": SAVED_FILTERS_MAX}
        )
    _name_check(owner=owner, name=name)
    cleaned = saved_filter_query_clean(user=owner, scope=scope, query=query)
    return SavedInboxFilter.objects.create(owner=owner, name=name, query=cleaned)


def saved_filter_rename(*, saved: SavedInboxFilter, name: str) -> SavedInboxFilter:
    _name_check(owner=saved.owner, name=name, exclude=saved.pk)
    saved.name = name
    saved.save(update_fields=["name"])
    return saved


def saved_filter_delete(*, saved: SavedInboxFilter) -> None:
    saved.delete()


def _name_check(*, owner, name: str, exclude: int | None = None) -> None:
    same = saved_filters_of(owner).filter(name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise SavedFilterRefused(
            _("Đã có bộ lọc tên “%(name)s”; hãy chọn tên khác.") % {"name": name}
        )
