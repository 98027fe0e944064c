"""The public, read-only pages a clinician opens from a share link (no login)."""

from django.urls import path

from . import views as share_views

app_name = "share"

urlpatterns = [
    path("<str:token>/", share_views.share_page, name="page"),
    path("<str:token>/report.pdf", share_views.share_pdf, name="pdf"),
    path("<str:token>/fhir.json", share_views.share_fhir, name="fhir"),
    path("<str:token>/trend.png", share_views.share_trend, name="trend"),
]
