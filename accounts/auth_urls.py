"""Django's own log-in, log-out and password pages under /accounts/, two of them replaced:
reset mail goes only to confirmed addresses, and log-out also clears what the phone kept.
No namespace: Django's auth views and templates name these URLs bare."""

from django.urls import include, path

from .views import PasswordResetRequest, log_out

urlpatterns = [
    path("password_reset/", PasswordResetRequest.as_view(), name="password_reset"),
    path("logout/", log_out, name="logout"),
    path("", include("django.contrib.auth.urls")),
]
