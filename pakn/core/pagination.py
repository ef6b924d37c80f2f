"""Pages of a long list without counting it.

Django's Paginator counts every row to know the number of pages; at a million reports that
count costs more than the page. ``LookaheadPage`` fetches one row more than the page holds to
know whether there is a next page, and nothing else. Hand-written because Django has no such
paginator and DRF's cursor pagination is tied to its API views; it is a dozen lines."""

import dataclasses

from django.core.exceptions import ValidationError

from pakn.core.typed_input import parse_int

# No one pages this far; a larger number, like any other bad one, means page 1.
MAX_PAGE = 10_000


@dataclasses.dataclass
class LookaheadPage:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def lookahead_page(queryset, per_page: int, number) -> LookaheadPage:
    """Page ``number`` (as typed in a link: anything that is not a page number is page 1) of
    ``queryset``, in one query of ``per_page`` + 1 rows. A page past the end is empty."""
    try:
        number = parse_int(number, minimum=1, maximum=MAX_PAGE) if number else 1
    except ValidationError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return LookaheadPage(object_list=rows[:per_page], number=number, has_next=len(rows) > per_page)
