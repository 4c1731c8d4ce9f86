from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("section/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("rss/", feeds.LatestStoriesFeed(), name="feed"),
    path("atom/", feeds.LatestStoriesAtomFeed(), name="atom"),
    path("story/<slug:slug>/", views.article_detail, name="detail"),
]
