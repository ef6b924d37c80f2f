"""Rich text written by administrators (announcements, guides), cleaned with nh3 before it
is stored, so that a page can show it as HTML without trusting whoever typed it."""

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt",
        "em", "figcaption", "figure", "h2", "h3", "h4", "hr", "i", "img", "li", "ol", "p",
        "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
# Only links a visitor can follow safely: no javascript:, data: or vbscript: URLs.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def rich_text_clean(html: str) -> str:
    """The HTML with only the tags and attributes above: scripts, event handlers, styles
    and unsafe links removed; every link gets rel="noopener noreferrer"."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
