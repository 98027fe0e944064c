"""One module per kind of record in the backup, each with ``fill(user, today)`` that gives the
account one of everything of its kind. The round-trip test finds them by itself."""
