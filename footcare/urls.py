from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import ConfirmedAddressPasswordResetForm
from journal.views import home

admin.site.site_header = "Footcare Journal administration"
admin.site.site_title = "Footcare Journal admin"

urlpatterns = [
    path("", home, name="home"),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("shared/", include("journal.share_urls")),
    path("accounts/", include("accounts.urls")),
    # Before Django's own: reset mail goes only to confirmed addresses.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=ConfirmedAddressPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
