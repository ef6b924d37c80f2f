"""The triage models in the admin, to read only: versions, outcome and held-out figures. The
payload is never shown nor editable (only the training task writes it; see learning.py)."""

from django.contrib import admin

from pakn.triage.models import TriageDecision, TriageModel


@admin.register(TriageModel)
class TriageModelAdmin(admin.ModelAdmin):
    list_display = ["version", "status", "started_at", "trained_at", "samples",
                    "category_top1", "unit_top1", "unit_top3"]  # fmt: skip
    list_filter = ["status"]
    exclude = ["payload"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TriageDecision)
class TriageDecisionAdmin(admin.ModelAdmin):
    list_display = ["report", "source", "model_version", "chosen_unit", "unit_matched",
                    "category_matched", "created_at"]  # fmt: skip
    list_filter = ["source", "unit_matched", "category_matched"]
    list_select_related = ["report", "chosen_unit"]
    raw_id_fields = ["event", "report", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
