from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import views

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} administration"
admin.site.site_title = settings.NEWSROOM_SITE_NAME

urlpatterns = [
    path(settings.NEWSROOM_ADMIN_URL, admin.site.urls),
    path("healthz", views.health, name="health"),
    path("captcha/", include("captcha.urls")),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

handler500 = "newsroom.views.server_error"

if settings.NEWSROOM_SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", views.media)
    ]
