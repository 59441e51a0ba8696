from django.urls import path

from articles import citations, feeds, views
from articles.editorial import previews
from articles.search import views as search

app_name = "briefs"

urlpatterns = [
    path("articles/", views.brief_list, name="list"),
    path("articles/<slug:slug>/", views.brief_detail, name="detail"),
    path("articles/<slug:slug>/pdf/", views.brief_pdf, name="pdf"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    # Editorial previews (articles/editorial/previews.py)
    path("preview/briefs/<int:pk>/", previews.staff_preview, name="preview"),
    path("preview/shared/<str:token>/", previews.shared_preview, name="shared_preview"),
]

# Discovery and sharing: search, feeds and citation downloads.
urlpatterns += [
    path("search/", search.search, name="search"),
    path("feed/", feeds.LatestBriefsFeed(), name="feed"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("articles/<slug:slug>/cite.bib", citations.bibtex, name="cite_bibtex"),
    path("articles/<slug:slug>/cite.ris", citations.ris, name="cite_ris"),
]
