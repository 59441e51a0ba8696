from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, object_list, per_page: int) -> Page:
    """The page named by ?page=N. Anything but an existing page number is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise Http404(_("There is no such page."))
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    try:
        page = paginator.page(int(raw))
    except InvalidPage as error:
        raise Http404(_("There is no such page.")) from error
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
