from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("forum/", views.ForumView.as_view(), name="forum"),
    path("community-rules/", views.community_rules, name="rules"),
    path(
        "story/<slug:slug>/comments/rss/", feeds.StoryCommentsFeed(), name="story_feed"
    ),
    path(
        "story/<slug:slug>/comments/atom/",
        feeds.StoryCommentsAtomFeed(),
        name="story_atom",
    ),
    path("story/<slug:slug>/comments/", views.post_comment, name="post"),
    path("story/<slug:slug>/comment/", views.write_comment, name="write"),
    path("comments/form-security/", views.form_security, name="form_security"),
    path(
        "story/<slug:slug>/comments/moderation/",
        views.moderation_tools,
        name="moderation_tools",
    ),
    path(
        "story/<slug:slug>/comments/recommendations/",
        views.recommendation_counts,
        name="recommend_counts",
    ),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/thread/", views.thread, name="thread"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="edit"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete"),
    path("comments/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("comments/<int:pk>/report/", views.report_comment, name="report"),
]
