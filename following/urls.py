from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("replies/confirm/<str:token>/", views.confirm, name="confirm"),
    path("replies/following/<str:token>/", views.manage, name="manage"),
    path("replies/stop/<str:token>/", views.stop, name="stop"),
]
