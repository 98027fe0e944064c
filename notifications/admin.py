from django.contrib import admin

from .models import OutgoingMail, OutgoingPush, PushSubscription


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to"]
    # The body may hold a password reset link until it is sent.
    exclude = ["text", "html"]


@admin.register(OutgoingPush)
class OutgoingPushAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "title", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "last_sent_at"]
    exclude = ["p256dh", "auth"]
