"""What the REST API answers with: every field named here, read from what the services and
selectors return (no query with business meaning in a serializer). A citizen reads their own
report and its public timeline; an officer's desk adds the internal events and, for the
coordinator only, the reporter's identity (the desk page's rule)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pakn.api.public import NamedSerializer  # one shape for a named thing in every answer
from pakn.reports.models import ReportStatus


class ProfileSerializer(serializers.Serializer):
    username = serializers.CharField()
    account_type = serializers.CharField()
    full_name = serializers.CharField()
    display_name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    address_province = serializers.IntegerField(allow_null=True)
    address_commune = serializers.IntegerField(allow_null=True)
    address_street = serializers.CharField(allow_blank=True)
    organisation_name = serializers.CharField(allow_blank=True)
    organisation_phone = serializers.CharField(allow_blank=True)
    organisation_email = serializers.CharField(allow_blank=True)
    is_officer = serializers.BooleanField()


def profile_of(user) -> dict:
    return {
        "username": user.username,
        "account_type": user.account_type,
        "full_name": user.full_name,
        "display_name": user.display_name,
        "phone": user.phone_display if user.phone else "",
        "email": user.email,
        "address_province": user.address_province_id,
        "address_commune": user.address_commune_id,
        "address_street": user.address_street,
        "organisation_name": user.organisation_name,
        "organisation_phone": user.organisation_phone,
        "organisation_email": user.organisation_email,
        "is_officer": user.is_officer,
    }


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        request = self.context["request"]
        code = self.context.get("desk_code")
        if code:
            path = reverse("api:v1:desk-attachment", args=[code, attachment.pk])
        else:
            path = reverse("api:v1:my-attachment", args=[attachment.pk])
        return request.build_absolute_uri(path)


class ReportSummarySerializer(serializers.Serializer):
    """One of the citizen's own reports in a list."""

    draft_id = serializers.UUIDField(source="idempotency_key")
    code = serializers.CharField(allow_null=True)
    title = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    handling_unit = NamedSerializer(source="current_unit", allow_null=True)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    answer_deadline = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)


class ReportDetailsSerializer(ReportSummarySerializer):
    """What the citizen wrote, as a draft holds it or as it was sent."""

    content = serializers.CharField(allow_blank=True)
    citizen_category = serializers.IntegerField(source="citizen_category_id", allow_null=True)
    address = serializers.CharField(allow_blank=True)
    address_province = serializers.IntegerField(source="province_id", allow_null=True)
    address_commune = serializers.IntegerField(source="commune_id", allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    hide_reporter_name = serializers.BooleanField()
    attachments = serializers.SerializerMethodField()

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, report):
        files = self.context.get("attachments")
        if files is None:
            return []
        return AttachmentSerializer(files, many=True, context=self.context).data


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField(allow_blank=True)
    to_status = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    deadline = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    by_reporter = serializers.BooleanField()
    is_public = serializers.BooleanField()


def events_of(events, report) -> list[dict]:
    return [
        {
            "action": event.action,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "unit": event.actor_unit.name if event.actor_unit_id else None,
            "note": event.note,
            "deadline": event.deadline,
            "created_at": event.created_at,
            "by_reporter": event.actor_id == report.reporter_id,
            "is_public": event.is_public,
        }
        for event in events
    ]


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_citizen = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    attachments = AttachmentSerializer(many=True, source="attachments.all")

    def get_from_citizen(self, message) -> bool:
        return message.author_unit_id is None

    def get_unit(self, message) -> str | None:
        return message.author_unit.name if message.author_unit_id else None


class AnswerSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.name")
    content = serializers.CharField()
    status = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    attachments = AttachmentSerializer(many=True, source="attachments.all")


class RatingSerializer(serializers.Serializer):
    value = serializers.CharField()
    value_label = serializers.CharField(source="get_value_display")
    comment = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    changeable_until = serializers.DateTimeField()


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField(allow_blank=True)
    report_code = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def get_report_code(self, notification) -> str | None:
        return self.context.get("codes", {}).get(notification.report_id)
