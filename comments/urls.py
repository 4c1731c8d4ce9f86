from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("story/<slug:slug>/comments/", views.post_comment, name="post"),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/report/", views.report_comment, name="report"),
]
