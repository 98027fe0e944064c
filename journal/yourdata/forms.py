"""The import form: a file exported from Footcare Journal (what to do with records already in
the journal is asked on the preview)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile

from journal.transfer import MAX_FILE_BYTES, MAX_ROWS


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text=f"A .csv or .json file exported from Footcare Journal, at most "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB and {MAX_ROWS:,} days. Nothing changes until "
        "you have seen what it would add and change.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
        error_messages={"required": "Choose a file to import.", "empty": "The file is empty."},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("check", "Check the file", css_class="btn-lg"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                "The file is %(size).1f MB; the most is %(limit)d MB. Split it into smaller "
                "files and import them one after the other.",
                code="too_big",
                params={"size": upload.size / (1024 * 1024), "limit": MAX_FILE_BYTES // 1024**2},
            )
        return upload
