from django.urls import include, path

from newsroom.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [
    *site_urlpatterns,
    path(
        "bench/contrib-comments/story/<slug:slug>/",
        views.contrib_comments_article,
    ),
    path("bench/contrib-comments/", include("django_comments.urls")),
    path("bench/least-post/story/<slug:slug>/", views.least_post),
]
handler500 = "newsroom.views.server_error"
