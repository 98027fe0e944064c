from django.contrib import admin
from django.urls import include, path

from accounts.views import PasswordResetRequest, log_out
from footcare import pwa
from journal.day.views import home

admin.site.site_header = "Footcare Journal administration"
admin.site.site_title = "Footcare Journal admin"

urlpatterns = [
    path("", home, name="home"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("shared/", include("journal.sharing.urls")),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("accounts/", include("journal.yourdata.urls")),
    # Before Django's own: reset mail goes only to confirmed addresses.
    path("accounts/password_reset/", PasswordResetRequest.as_view(), name="password_reset"),
    # Before Django's own auth URLs: this log-out also clears what the phone kept.
    path("accounts/logout/", log_out, name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
