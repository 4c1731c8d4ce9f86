from django.urls import include, path, re_path

from . import views

# In front of django-simple-captcha's own routes, at the same addresses.
urlpatterns = [
    path("refresh/", views.captcha_refresh, name="captcha-refresh"),
    re_path(
        r"image/(?P<key>\w+)/$",
        views.captcha_image,
        name="captcha-image",
        kwargs={"scale": 1},
    ),
    re_path(
        r"image/(?P<key>\w+)@2/$",
        views.captcha_image,
        name="captcha-image-2x",
        kwargs={"scale": 2},
    ),
    re_path(r"audio/(?P<key>\w+).wav$", views.captcha_audio, name="captcha-audio"),
    path("", include("captcha.urls")),
]
