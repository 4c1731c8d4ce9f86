from django.urls import path

from . import views

app_name = "tips"

urlpatterns = [
    path("send-your-story/", views.send, name="send"),
    path("send-your-story/thanks/", views.sent, name="sent"),
]
