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
    path("send-your-story/", views.send_story, name="send_story"),
    path("send-your-story/thanks/", views.tip_sent, name="tip_sent"),
    path("newsletter/", views.newsletter_signup, name="newsletter"),
    path("newsletter/check-your-inbox/", views.newsletter_sent, name="newsletter_sent"),
    path(
        "newsletter/confirm/<str:token>/",
        views.newsletter_confirm,
        name="confirm",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe,
        name="unsubscribe",
    ),
    path("story/<slug:slug>/", views.article_detail, name="detail"),
]
