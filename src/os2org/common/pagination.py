"""Long lists in pages of a fixed size, with addresses that keep the reader's filters.

Every list of things that grow with the years (decisions, follow-ups,
meetings, people, bodies, organisations, activities, the change log) is
shown a page at a time: the database counts the rows and returns one page
of them, so a page costs the same with ten or ten thousand rows. The page
number is `?side=` (Danish addresses, like the rest of the site); the
template "pagination.html" draws the links.
"""

from django.core.paginator import Paginator

PAGE = "side"
PER_PAGE = 50


def paginate(request, items, per_page=PER_PAGE, parameter=PAGE, anchor=""):
    """The page of `items` (a queryset, ordered) that `?side=` asks for; out of range gives the last.

    The page carries `previous_address`/`next_address`: this address with
    every other query parameter kept, so a filter survives paging. A page
    with two lists pages the second by its own `parameter`, and its links
    lead back to the list's `anchor`.
    """
    page = Paginator(items, per_page).get_page(request.GET.get(parameter))
    page.previous_address = _address(request, page.previous_page_number(), parameter, anchor) if page.has_previous() else ""
    page.next_address = _address(request, page.next_page_number(), parameter, anchor) if page.has_next() else ""
    return page


def _address(request, number, parameter, anchor):
    query = request.GET.copy()
    query[parameter] = str(number)
    if number == 1:
        del query[parameter]
    fragment = f"#{anchor}" if anchor else ""
    return f"?{query.urlencode()}{fragment}" if query else f"{request.path}{fragment}"
