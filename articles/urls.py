from django.urls import path

from articles import previews, views

app_name = "articles"

urlpatterns = [
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    # Editorial previews (articles/previews.py)
    path("preview/briefs/<int:pk>/", previews.staff_preview, name="preview"),
    path("preview/shared/<str:token>/", previews.shared_preview, name="shared_preview"),
]
