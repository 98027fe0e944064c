from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("devices/", views.add_device, name="add_device"),
    path("devices/remove/", views.remove_device, name="remove_device"),
    path("devices/remove-all/", views.remove_all_devices, name="remove_all_devices"),
]
