from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils.translation import gettext as _

from pagecache import fragments

# Pages up to this one are read with OFFSET: a few hundred index entries at most.
# Deeper pages start from a remembered boundary instead (see NewestFirstPaginator).
SHALLOW_PAGES = 20


class NewestFirstPaginator(Paginator):
    """
    Pages of briefs ordered newest first (`published_at`, then `pk`, descending), which
    cost the same however deep the page: past SHALLOW_PAGES a page does not skip
    thousands of rows with OFFSET, it starts from the newest brief it shows, found in a
    list of each page's first (`published_at`, `pk`). That list is read once per content
    version (one pass over an index) and kept under `key` (pagecache/fragments.py).
    """

    def __init__(self, object_list, per_page, *, request, key: tuple, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.request = request
        self.key = key
        # Paginator.count is a cached property: filling it in skips the COUNT query.
        self.count = fragments.remember(request, ("count", *key), object_list.count)

    def page(self, number):
        number = self.validate_number(number)
        if number <= SHALLOW_PAGES:
            return super().page(number)
        published_at, pk = self._page_starts()[number - 1]
        # The first condition alone is a range on the publish-time index; the second
        # only sorts out briefs published at the same moment.
        starting = Q(published_at__lte=published_at) & (
            Q(published_at__lt=published_at) | Q(pk__lte=pk)
        )
        return self._get_page(self.object_list.filter(starting)[: self.per_page], number, self)

    def _page_starts(self) -> list[tuple]:
        def read():
            # Numbered in the database, which returns only each page's first brief.
            position = Window(RowNumber(), order_by=[F("published_at").desc(), F("pk").desc()])
            starts = (
                self.object_list.annotate(position=position)
                .annotate(place=F("position") % self.per_page)
                .filter(place=1 % self.per_page)
                .values_list("published_at", "pk")
            )
            return sorted(starts, reverse=True)

        return fragments.remember(self.request, ("page-starts", *self.key), read)


def paginate(request, object_list, per_page: int, newest_first_key: tuple | None = None) -> Page:
    """
    The page named by ?page=N. Anything but an existing page number is a 404.

    With `newest_first_key`, `object_list` is a list of published briefs, newest first,
    that the key names completely: its count and deep pages are then cheap whatever its
    length (NewestFirstPaginator).
    """
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise Http404(_("There is no such page."))
    if newest_first_key is None:
        paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    else:
        paginator = NewestFirstPaginator(
            object_list, per_page, request=request, key=newest_first_key
        )
    try:
        page = paginator.page(int(raw))
    except InvalidPage as error:
        raise Http404(_("There is no such page.")) from error
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
