from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("story/<slug:slug>/comments/", views.post_comment, name="post"),
    path("story/<slug:slug>/comment/", views.write_comment, name="write"),
    path("comments/form-security/", views.form_security, name="form_security"),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/report/", views.report_comment, name="report"),
]
