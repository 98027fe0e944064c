from django.contrib import admin
from django.urls import include, path

from footcare import pwa

admin.site.site_header = "Footcare Journal administration"
admin.site.site_title = "Footcare Journal admin"

urlpatterns = [
    # The apps own every view: this file only says where each app's addresses start.
    path("", include("journal.day.site_urls")),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("shared/", include("journal.sharing.urls")),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("accounts/", include("journal.yourdata.urls")),
    path("accounts/", include("accounts.auth_urls")),
    path("admin/", admin.site.urls),
]
