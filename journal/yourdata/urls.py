"""Your data's pages. They keep their addresses under /accounts/ (bookmarks and the mail
that links them), and their names live under "yourdata"."""

from django.urls import path

from . import views

app_name = "yourdata"

urlpatterns = [
    path("data/", views.your_data, name="data"),
    path("data/export.csv", views.export_csv, name="export_csv"),
    path("data/export.json", views.export_json, name="export_json"),
    path("data/export-peg.csv", views.export_peg_csv, name="export_peg_csv"),
    path("data/export-medicines.csv", views.export_medicines_csv, name="export_medicines_csv"),
    path("data/export.fhir.json", views.export_fhir, name="export_fhir"),
    path("data/import/", views.import_data, name="import"),
    path("data/import/<str:key>/", views.import_preview, name="import_preview"),
    path("delete/", views.delete_account, name="delete"),
]
