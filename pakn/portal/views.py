from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from pakn.core.public_cache import public_cache_get_or_set
from pakn.portal.home_selectors import home_content

SEARCH_QUERY_MAX_LENGTH = 200


def _search_url() -> str:
    try:
        return reverse("portal:search")
    except NoReverseMatch:  # the search page is another part of the portal
        return ""


def home(request):
    """The public home page: banner and announcements, recently answered reports by sector,
    the charts of results and satisfaction, contacts and apps. Its content is cached until
    something public changes, so a visit costs no query once the cache is warm.

    The quick search goes to the search page; while there is none it comes back here and
    the query is echoed, so that nothing the visitor typed is lost."""
    search_query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    content = public_cache_get_or_set("portal:home", home_content)
    return render(
        request,
        "portal/home.html",
        {**content, "search_query": search_query, "search_url": _search_url()},
    )
