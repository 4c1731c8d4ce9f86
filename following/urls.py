from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("replies/confirm/<str:token>/", views.confirm, name="confirm"),
    path("replies/following/<str:token>/", views.manage, name="manage"),
    path("replies/stop/<str:token>/", views.stop, name="stop"),
    path("your-name/", views.name, name="name"),
    path("your-name/sent/", views.name_sent, name="name_sent"),
    path("your-name/confirm/<str:token>/", views.name_confirm, name="name_confirm"),
]
