from django.contrib import admin

from .models import SAFETY_FIELDS, Exercise


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
