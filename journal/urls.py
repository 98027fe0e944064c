from django.urls import include, path, re_path, register_converter

from journal.checkin import views as checkin
from journal.converters import IsoDateConverter
from journal.day import views
from journal.experiment import views as experiment
from journal.myroutine import views as myroutine
from journal.relief import views as relief
from journal.reports import views as reports
from journal.sharing import views as share_views

register_converter(IsoDateConverter, "isodate")

app_name = "journal"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("routine/", views.routine, name="routine"),
    path("routine/done/", views.routine_done, name="routine_done"),
    path("routine/mine/", myroutine.my_routine_page, name="my_routine"),
    path("relief/before/", relief.before, name="relief_before"),
    path("relief/<int:pk>/rest/", relief.rest, name="relief_rest"),
    path("relief/<int:pk>/after/", relief.after, name="relief_after"),
    path("relief/<int:pk>/later/", relief.later, name="relief_later"),
    path("relief/comparison/", relief.comparison, name="relief_comparison"),
    path("day/<isodate:day>/", views.day, name="day"),
    path("offline/", views.offline_shell, name="offline_shell"),
    path("history/", views.history, name="history"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("check-in/", checkin.peg_check_in, name="peg"),
    path("check-in/not-this-week/", checkin.peg_dismiss, name="peg_dismiss"),
    path("reports/share/", share_views.share_new, name="share_new"),
    path("shares/", share_views.share_links, name="share_links"),
    path("shares/<int:pk>/end/", share_views.share_end, name="share_end"),
    path("shares/<int:pk>/revoke/", share_views.share_revoke, name="share_revoke"),
    path("shares/end-all/", share_views.share_end_all, name="share_end_all"),
    path("reports/", reports.reports, name="reports"),
    re_path(
        r"^reports/charts/(?P<kind>(?:trend|practice|adherence)(?:-phone)?)\.(?P<fmt>png|svg|pdf)$",
        reports.report_chart,
        name="report_chart",
    ),
    path("experiments/", experiment.experiments, name="experiments"),
    path("experiments/start/", experiment.experiment_start, name="experiment_start"),
    path("experiments/<int:pk>/", experiment.experiment_detail, name="experiment"),
    path("experiments/<int:pk>/stop/", experiment.experiment_stop, name="experiment_stop"),
    path("reports/doctor.pdf", reports.report_pdf, name="report_pdf"),
    path("", include("journal.factors.urls")),
]
