from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Mail and notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, tasks  # noqa: F401 - registers the system check and the sweep
