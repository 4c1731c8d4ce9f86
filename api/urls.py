from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("api/v1/counts/", views.comment_counts, name="counts"),
    path("api/v1/stories/<slug:slug>/comments/", views.story_comments, name="story"),
    path("api/v1/comments/latest/", views.latest_comments, name="latest"),
]
