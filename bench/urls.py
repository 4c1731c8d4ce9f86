from django.urls import include, path

from newsroom.urls import urlpatterns as site_urlpatterns

from . import views

# After the site's own routes, so that finding the ceiling costs what
# finding the article page costs.
urlpatterns = [
    *site_urlpatterns,
    path(
        "bench/contrib-comments/story/<slug:slug>/",
        views.contrib_comments_article,
    ),
    path("bench/contrib-comments/", include("django_comments.urls")),
    path("bench/ceiling/", views.ceiling),
]
handler500 = "newsroom.views.server_error"
