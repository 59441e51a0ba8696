from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.models import Article, Category, current_language
from articles.search.forms import SearchForm
from articles.search.query import MAX_QUERY_LENGTH, clean_query_text, parse_query
from articles.search.results import ranked_ids, results_for
from pagecache import fragments
from pagecache.pagination import paginate

PAGE_SIZE = 12
POPULAR_TAGS = 30


def popular_tags() -> list[dict]:
    """The tags of the most published briefs, for the tag filter and suggestions."""
    return list(
        Tag.objects.filter(article__in=Article.objects.published().in_language())
        .annotate(briefs=Count("article"))
        .order_by("-briefs", "name")
        .values("name", "slug", "briefs")[:POPULAR_TAGS]
    )


# -- The page ------------------------------------------------------------------------


@require_safe
def search(request):
    # Both change only with the published content: kept per content version.
    topics = fragments.remember(request, ("topics",), lambda: list(Category.objects.in_order()))
    tags = fragments.remember(request, ("popular-tags", current_language()), popular_tags)
    form = SearchForm(request.GET, topics=topics)
    context = {"form": form, "topics": topics, "tags": tags, "query": None}
    if not form.is_valid():
        # Shown again as typed (within limits), with the reason beside the form.
        context["text"] = clean_query_text(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
        context["topic"] = form.topics.get(request.GET.get("topic", ""))
        return render(request, "articles/search.html", context, status=400)

    text = form.cleaned_data["q"]
    topic = form.cleaned_data["topic"]
    tag = form.cleaned_data["tag"]
    query = parse_query(text)
    if tag and tag.slug not in {t["slug"] for t in context["tags"]}:
        context["tags"] = [*context["tags"], {"name": tag.name, "slug": tag.slug}]
    all_languages = form.cleaned_data["languages"] == "all"
    context.update(text=text, query=query, topic=topic, tag=tag, all_languages=all_languages)
    if not query:
        return render(request, "articles/search.html", context)

    # The page's language by default; every language on request.
    briefs = Article.objects.published()
    if not all_languages:
        briefs = briefs.in_language()
    if topic:
        briefs = briefs.filter(category=topic)
    if tag:
        briefs = briefs.filter(tags=tag)
    page = paginate(request, ranked_ids(briefs, query), PAGE_SIZE)
    results = results_for(briefs, page.object_list, query)
    filters = {
        "q": text,
        "topic": topic.slug if topic else "",
        "tag": tag.slug if tag else "",
        "languages": "all" if all_languages else "",
    }
    context.update(
        page=page,
        results=results,
        page_query=urlencode({k: v for k, v in filters.items() if v}) + "&",
        is_filtered=bool(topic or tag),
        unfiltered_query=urlencode({"q": text}),
    )
    return render(request, "articles/search.html", context)
