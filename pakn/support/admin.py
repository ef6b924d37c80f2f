from django.contrib import admin

from pakn.support.models import ChatMessage, Conversation, FaqEntry


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["question", "answer", "keywords"]


class ChatMessageInline(admin.TabularInline):
    model = ChatMessage
    extra = 0
    can_delete = False
    readonly_fields = ["sender", "author", "body", "link", "created_at"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    """Transcripts, read only: what was said is kept as it was said."""

    list_display = ["created_at", "status", "agent", "closed_at"]
    list_filter = ["status", "outside_hours"]
    search_fields = ["messages__body", "note"]
    readonly_fields = ["user", "status", "agent", "outside_hours", "created_at", "waiting_since",
                       "taken_at", "closed_at", "note"]  # fmt: skip
    inlines = [ChatMessageInline]

    def has_add_permission(self, request):
        return False
