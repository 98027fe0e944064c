from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = "Pain journal"

    def ready(self) -> None:
        from journal import signals  # noqa: F401 - connects the receivers
        from journal.reminders import (
            REMINDER,
            still_wanted,
            tasks,  # noqa: F401 - the every-minute reminders
        )
        from notifications import outbox

        outbox.register_discard_check(REMINDER, still_wanted)
