from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from articles.sitemaps import SITEMAPS
from staff import views as staff_views
from staff.forms import StaffLoginForm

from . import views

admin.site.site_header = format_lazy(
    _("{site} administration"), site=settings.NEWSROOM_SITE_NAME
)
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.login_form = StaffLoginForm

urlpatterns = [
    # Before the admin's own: the same page, which also remembers the browser.
    path(f"{settings.NEWSROOM_ADMIN_URL}login/", staff_views.login),
    path(settings.NEWSROOM_ADMIN_URL, admin.site.urls),
    path("healthz", views.health, name="health"),
    path("language/<str:language>/", views.choose_language, name="choose_language"),
    path(
        "sitemap.xml",
        # Edge caches keep it; the cache backend is not asked, so a cache
        # outage cannot break it.
        cache_control(public=True, max_age=600)(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        # It names no admin address: robots.txt is public, and listing a
        # relocated admin there would publish it.
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
    # Browsers and feed readers ask for it at the root, whatever the page says.
    path("favicon.ico", views.favicon),
    path("jsi18n/", views.javascript_catalog, name="javascript-catalog"),
    path("captcha/", include("protection.urls")),
    path("", include("api.urls")),
    path("", include("comments.urls")),
    path("", include("tips.urls")),
    path("", include("newsletter.urls")),
    path("", include("following.urls")),
    path("", include("privacy.urls")),
    path("", include("articles.urls")),
]

handler400 = "newsroom.views.bad_request"
handler500 = "newsroom.views.server_error"

if settings.NEWSROOM_SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", views.media)
    ]
