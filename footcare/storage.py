"""Static files storage: WhiteNoise's hashed, compressed files, with each URL worked out once."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Remembers each file's hashed URL for the life of the process.

    The manifest is read once at start and never changes while the process runs, yet every
    `{% static %}` on every page looked the name up again (cleaning, splitting and quoting it):
    three per page cost more than the bare view's whole response.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
