from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/confirm-again/", views.resend_confirmation, name="resend_confirmation"),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("email-prompt/dismiss/", views.dismiss_email_prompt, name="dismiss_email_prompt"),
    path("data/", views.your_data, name="data"),
    path("data/export.csv", views.export_csv, name="export_csv"),
    path("data/export.json", views.export_json, name="export_json"),
    path("data/export-peg.csv", views.export_peg_csv, name="export_peg_csv"),
    path("data/export.fhir.json", views.export_fhir, name="export_fhir"),
    path("data/import/", views.import_data, name="import"),
    path("delete/", views.delete_account, name="delete"),
]
