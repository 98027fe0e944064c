from django.contrib import admin

from .models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "time_zone", "reminders_enabled", "reminded_on"]
    list_filter = ["reminders_enabled", "time_zone"]
    search_fields = ["user__username", "user__email", "display_name"]
    # The confirmation is earned through the emailed link, not typed in.
    readonly_fields = ["confirmed_email", "email_confirmed_at", "reminded_on"]
