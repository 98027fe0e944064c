from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/confirm-again/", views.resend_confirmation, name="resend_confirmation"),
    path("settings/cancel-email-change/", views.cancel_email_change, name="cancel_email_change"),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("email/undo/<str:token>/", views.undo_email_change, name="undo_email_change"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("email-prompt/dismiss/", views.dismiss_email_prompt, name="dismiss_email_prompt"),
]
