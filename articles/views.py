from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles import pdf
from articles.languages import UNTRANSLATED, brief_translations
from articles.models import Article, Author, Category, PdfEdition, bylines, current_language
from articles.redirects import follows_old_slugs
from events.models import Event
from pagecache import fragments
from pagecache.pagination import paginate

PAGE_SIZE = 12
HOME_LATEST = 6


def _public_ids(briefs=None):
    """The ids of published briefs (all, or of `briefs`), newest first: cards are made from ids."""
    briefs = Article.objects.published().in_language() if briefs is None else briefs
    return briefs.newest_first().values_list("pk", flat=True)


def _kept_ids(request, key: tuple, briefs) -> list[int]:
    """
    The ids of `briefs`, newest first, read once per content version. For lists that no
    index returns in order (a tag's briefs, an author's): they are read whole anyway
    to be sorted, so a page, its count and any later page then cost nothing.
    """
    return fragments.remember(
        request, ("ids", *key, current_language()), lambda: list(_public_ids(briefs))
    )


def brief_cards(request, ids, heading: str = "h3", articles=None) -> list[SafeString]:
    """
    The cards (`includes/brief_card.html`) of these briefs, in this order.

    A card only changes with the content version, and the same card is on the home
    page, lists, topics, tags, authors and related briefs: each is rendered once per
    version (pagecache/fragments.py) and only the briefs with no card yet are fetched
    (unless the caller has them already, fetched `for_cards()`, in `articles`).
    """
    language = get_language()
    keys = [("card", pk, heading, language) for pk in ids]

    def render_cards(missing):
        if articles is not None:
            found = {article.pk: article for article in articles}
        else:
            # Cards never show the body: it stays in the database.
            found = Article.objects.for_cards().defer("body").in_bulk([key[1] for key in missing])
        card = get_template("includes/brief_card.html")
        return {
            key: card.render({"article": found[key[1]], "heading": heading})
            for key in missing
            if key[1] in found
        }

    cards = fragments.remember_many(request, keys, render_cards)
    return [cards[key] for key in keys if key in cards]


@require_safe
def brief_list(request):
    page = paginate(
        request, _public_ids(), PAGE_SIZE, newest_first_key=("list", current_language())
    )
    return render(
        request,
        "articles/brief_list.html",
        {
            "page": page,
            "cards": brief_cards(request, page.object_list, "h2"),
            # Set by the header's language switcher on a brief with no version here.
            "untranslated": request.GET.get(UNTRANSLATED) == "1",
        },
    )


def share_links(url: str, title: str) -> dict:
    """Plain links to share a brief: no third-party script is ever loaded."""
    return {
        "url": url,
        # mailto: wants %20 for spaces, not "+".
        "email": "mailto:?"
        + urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        "x": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
        "bluesky": "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"}),
    }


def brief_context(article: Article, request=None) -> dict:
    """Everything the brief page shows, fetched up front in a fixed number of queries."""
    authors = [authorship.author for authorship in article.authorships.all()]
    path = article.get_absolute_url()
    url = request.build_absolute_uri(path) if request else settings.STATEUP_SITE_URL + path
    return {
        "article": article,
        "authors": authors,
        "tags": list(article.tags.all()),
        "related_links": [link for link in article.related_links.all() if link.href],
        "related_cards": related_cards(article, request),
        "share": share_links(url, article.title),
        "pdf": pdf_link(article),
        "licence_name": settings.STATEUP_LICENCE_NAME,
        "licence_url": settings.STATEUP_LICENCE_URL,
        "translations": brief_translations(article),
    }


def pdf_link(article: Article) -> dict | None:
    """The "Download PDF" link of a public brief: with pages and size once it is made."""
    if not article.is_public:
        return None
    try:
        edition = article.pdf_edition
    except PdfEdition.DoesNotExist:
        edition = None
    has_file = edition is not None and bool(edition.file)
    if not has_file and not pdf.is_available():
        return None
    return {
        "url": reverse("briefs:pdf", kwargs={"slug": article.slug}),
        "filename": article.pdf_filename,
        "pages": edition.pages if has_file else None,
        "size": edition.size if has_file else None,
    }


@require_safe
def brief_pdf(request, slug: str):
    """The brief's PDF edition; made now (once, however many ask) if it is not there yet."""
    article = get_object_or_404(
        Article.objects.published().select_related("series", "pdf_edition"), slug=slug
    )
    try:
        edition = article.pdf_edition
    except PdfEdition.DoesNotExist:
        edition = None
    if edition is None or not edition.is_current(article):
        edition = pdf.ensure(article.pk) or edition
    if edition is None or not edition.file:
        if not pdf.is_available():
            raise Http404(_("This brief has no PDF edition."))
        response = HttpResponse(
            _("The PDF of this brief is being made. Please try again in a moment."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "10"
        return response
    response = FileResponse(
        edition.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=article.pdf_filename,
    )
    response["Content-Length"] = str(edition.size or edition.file.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def related_cards(article: Article, request=None) -> list[SafeString]:
    """The cards of the related briefs (`related_to`), chosen once per content version."""
    fetched = []

    def choose():
        public = Article.objects.published().in_language(article.language)
        public = public.for_cards().defer("body")
        fetched.extend(public.related_to(article))
        return [related.pk for related in fetched]

    ids = fragments.remember(request, ("related", article.pk), choose)
    return brief_cards(request, ids, articles=fetched or None)


def brief_queryset():
    return Article.objects.select_related("category", "series", "pdf_edition").prefetch_related(
        bylines(), "tags", "related_links"
    )


def public_brief(request, slug: str) -> Article:
    """
    The published brief at `slug`, with its translations' slugs, found once per content
    version: building and running that query is half the cost of a brief page. An
    unknown slug is looked up every time (and kept nowhere, so it fills nothing).
    """

    def find():
        return get_object_or_404(
            Article.objects.select_related("category", "series", "pdf_edition")
            .published()
            .with_translation_slugs(),
            slug=slug,
        )

    return fragments.remember(request, ("brief", slug), find)


@require_safe
@follows_old_slugs
def brief_detail(request, slug: str):
    article = public_brief(request, slug)
    if article.language != current_language():
        # A brief lives under its own language's prefix only.
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    kept = kept_brief(request, article)
    if kept is not None:
        context = {
            "article": article,
            "kept": kept,
            "related_cards": related_cards(article, request),
            "translations": brief_translations(article),
        }
    else:
        prefetch_related_objects([article], bylines(), "tags", "related_links")
        context = brief_context(article, request)
    return render(request, "articles/brief_detail.html", context)


def kept_brief(request, article: Article) -> dict | None:
    """
    The brief's head and body as the page rendered them for this content version
    (`{% keep_per_version %}` in articles/brief_detail.html), or None if either is
    missing: then its authors, tags and links are fetched and both are made again.
    """
    keys = {
        "meta": fragments.page_fragment_key(
            request, "brief-meta", article.pk, request.get_full_path()
        ),
        "content": fragments.page_fragment_key(request, "brief-content", article.pk, ""),
    }
    found = fragments.kept(request, keys.values())
    return None if found is None else {name: found[key] for name, key in keys.items()}


def _public_object(request, model, slug: str):
    """The topic, tag or author at `slug`, found once per content version (404 if none)."""
    return fragments.remember(
        request, (model.__name__, slug), lambda: get_object_or_404(model, slug=slug)
    )


@require_safe
def topic_detail(request, slug: str):
    topic = _public_object(request, Category, slug)
    briefs = Article.objects.published().in_language().filter(category=topic)
    page = paginate(
        request,
        _public_ids(briefs),
        PAGE_SIZE,
        newest_first_key=("topic", topic.pk, current_language()),
    )
    return render(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "page": page, "cards": brief_cards(request, page.object_list, "h2")},
    )


@require_safe
def tag_detail(request, slug: str):
    tag = _public_object(request, Tag, slug)
    page = paginate(
        request,
        _kept_ids(request, ("tag", tag.pk), Article.objects.published().in_language().tagged(tag)),
        PAGE_SIZE,
    )
    if not page.object_list and not Article.objects.published().tagged(tag).exists():
        # A tag only drafts carry is not public: its name alone could tell of them.
        # One with public briefs in other languages only shows an empty list.
        raise Http404(_("No published brief has this tag."))
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page": page, "cards": brief_cards(request, page.object_list, "h2")},
    )


@require_safe
def author_detail(request, slug: str):
    author = _public_object(request, Author, slug)
    briefs = Article.objects.published().in_language().filter(authorships__author=author)
    page = paginate(request, _kept_ids(request, ("author", author.pk), briefs), PAGE_SIZE)
    return render(
        request,
        "articles/author_detail.html",
        {
            "author": author,
            "page": page,
            "cards": brief_cards(request, page.object_list),
            "events": fragments.remember(
                request,
                ("author-events", author.pk),
                lambda: list(Event.objects.public().with_person(author)),
            ),
        },
    )


def featured_card(request, pk: int) -> str:
    """The featured brief's block (includes/featured_brief.html), made once per content version."""

    def render_block():
        featured = Article.objects.select_related("category").defer("body").get(pk=pk)
        prefetch_related_objects([featured], bylines())
        return loader.get_template("includes/featured_brief.html").render({"featured": featured})

    return fragments.remember(request, ("featured", pk, get_language()), render_block)


@require_safe
def home(request):
    def choose():
        public = Article.objects.published().in_language().newest_first()
        # The newest briefs, one spare in case the featured brief is among them.
        newest = list(public.values_list("pk", flat=True)[: HOME_LATEST + 1])
        featured = next(
            iter(public.filter(is_featured=True).values_list("pk", flat=True)[:1]), None
        )
        featured = featured or (newest[0] if newest else None)
        return featured, [pk for pk in newest if pk != featured][:HOME_LATEST]

    featured, latest = fragments.remember(request, ("home-briefs", current_language()), choose)
    return render(
        request,
        "home.html",
        {
            "featured_card": featured_card(request, featured) if featured is not None else None,
            "latest_cards": brief_cards(request, latest),
            "topics": fragments.remember(
                request, ("topics",), lambda: list(Category.objects.in_order())
            ),
            # The content version changes when an event starts or ends (events/apps.py).
            "next_event": fragments.remember(
                request,
                ("next-event",),
                lambda: Event.objects.public().for_lists().upcoming().first(),
            ),
        },
    )
