from django.urls import path, re_path, register_converter

from . import views
from .converters import IsoDateConverter
from .reports import views as reports

register_converter(IsoDateConverter, "isodate")

app_name = "journal"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("routine/", views.routine, name="routine"),
    path("routine/done/", views.routine_done, name="routine_done"),
    path("day/<isodate:day>/", views.day, name="day"),
    path("history/", views.history, name="history"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("reports/", reports.reports, name="reports"),
    re_path(
        r"^reports/charts/(?P<kind>trend|practice|adherence)\.(?P<fmt>png|svg|pdf)$",
        reports.report_chart,
        name="report_chart",
    ),
    path("reports/doctor.pdf", reports.report_pdf, name="report_pdf"),
]
