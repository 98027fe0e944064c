"""The factor list and the medicines, under the journal's namespace (``journal:factors``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("factors/", views.factors, name="factors"),
    path("factors/<int:pk>/shown/", views.factor_shown, name="factor_shown"),
    path("medicines/", views.medicines, name="medicines"),
    path("medicines/<int:pk>/", views.medicine, name="medicine"),
    path("medicines/<int:pk>/delete/", views.medicine_delete, name="medicine_delete"),
    path(
        "medicines/changes/<int:pk>/delete/",
        views.medicine_event_delete,
        name="medicine_event_delete",
    ),
]
