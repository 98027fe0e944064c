from django.urls import path

from . import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
    path(
        "drawings/<int:pk>-<str:upload_hash>.<str:extension>",
        views.drawing,
        name="drawing",
    ),
]
