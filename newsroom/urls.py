from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} administration"
admin.site.site_title = settings.NEWSROOM_SITE_NAME

urlpatterns = [
    path(settings.NEWSROOM_ADMIN_URL, admin.site.urls),
    path("captcha/", include("captcha.urls")),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

handler500 = "newsroom.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
