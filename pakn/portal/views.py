from django.shortcuts import render

from pakn.organisations.selectors import categories_public_list

SEARCH_QUERY_MAX_LENGTH = 200


def home(request):
    """The public home page. The quick search posts here until the search page exists; the
    query is echoed back so that nothing the visitor typed is lost."""
    search_query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    return render(
        request,
        "portal/home.html",
        {"categories": categories_public_list(), "search_query": search_query},
    )
