from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = "Pain journal"

    def ready(self) -> None:
        from journal import signals  # noqa: F401 - connects the receivers
