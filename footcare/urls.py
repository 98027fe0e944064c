from django.contrib import admin
from django.urls import include, path

from journal.views import home

admin.site.site_header = "Footcare Journal administration"
admin.site.site_title = "Footcare Journal admin"

urlpatterns = [
    path("", home, name="home"),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("shared/", include("journal.share_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
