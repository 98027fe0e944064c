from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from .models import SAFETY_FIELDS, Drawing, Exercise
from .uploads import MAX_SIDE, check_upload


class DrawingForm(forms.ModelForm):
    replace_with = forms.FileField(
        required=False,
        label="Replace the picture",
        help_text=(
            f"A PNG or WebP image (at most 2 MB and {MAX_SIDE:,} pixels either way; its "
            "EXIF data is removed), or an SVG drawing made of shapes and paths only."
        ),
    )
    use_original = forms.BooleanField(
        required=False, label="Go back to the drawing shipped with the app"
    )

    class Meta:
        model = Drawing
        fields = ["phase", "caption", "alt_text"]

    def clean_replace_with(self) -> object:
        upload = self.cleaned_data.get("replace_with")
        if upload:
            if upload.size > 2 * 1024 * 1024 + 1:
                raise ValidationError(
                    "The file is larger than 2 MB; a drawing can be at most 2 MB."
                )
            self.checked = check_upload(upload.name, upload.read())
        return upload

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        if cleaned.get("replace_with") and cleaned.get("use_original"):
            raise ValidationError(
                "Either replace the picture or go back to the original, not both."
            )
        if cleaned.get("use_original") and not self.instance.default_file:
            self.add_error("use_original", "This picture has no original drawing to go back to.")
        if not cleaned.get("replace_with") and not self.instance.pk:
            self.add_error("replace_with", "A new picture needs a file.")
        return cleaned

    def save(self, commit: bool = True) -> Drawing:
        drawing = super().save(commit=False)
        if self.cleaned_data.get("replace_with"):
            drawing.replace_with(self.checked.content, self.checked.content_type)
        elif self.cleaned_data.get("use_original"):
            drawing.restore_default()
        if commit:
            drawing.save()
        return drawing


class DrawingInline(admin.StackedInline):
    model = Drawing
    form = DrawingForm
    extra = 0
    max_num = 2
    fields = ["picture", "phase", "caption", "alt_text", "replace_with", "use_original"]
    readonly_fields = ["picture"]

    def get_queryset(self, request: object) -> object:
        return super().get_queryset(request).without_bytes()

    @admin.display(description="Now shown")
    def picture(self, drawing: Drawing) -> str:
        if not drawing.pk:
            return "—"
        source = "uploaded" if drawing.upload_type else "shipped with the app"
        return format_html(
            '<img src="{}" alt="{}" width="240"><br>{}',
            drawing.url,
            drawing.alt_text,
            source,
        )


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "name",
        "position",
        "equipment",
        "hold_seconds",
        "repetitions_min",
        "repetitions_max",
        "duration_seconds",
        "is_active",
    ]
    list_display_links = ["name"]
    list_editable = ["is_active"]
    list_filter = ["is_active", "position", "equipment"]
    search_fields = ["name", "summary", "instructions", "why_it_helps", *SAFETY_FIELDS]
    ordering = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DrawingInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "order", "is_active"]}),
        ("Texts", {"fields": ["summary", "instructions", "why_it_helps"]}),
        ("Safety", {"fields": list(SAFETY_FIELDS)}),
        ("How", {"fields": ["position", "equipment"]}),
        (
            "Timing",
            {
                "fields": [
                    "hold_seconds",
                    "rest_seconds",
                    "repetitions_min",
                    "repetitions_max",
                    "duration_seconds",
                ]
            },
        ),
    ]
