"""The operators' e-mail queue, included into pakn/backoffice/urls.py (same namespace)."""

from django.urls import path

from pakn.backoffice.mail import views

urlpatterns: list = [
    path("thu-dien-tu/", views.mail_queue, name="mail-queue"),
    path("thu-dien-tu/<int:inbound_email_id>/", views.mail_draft, name="mail-draft"),
    path("thu-dien-tu/<int:inbound_email_id>/loai/", views.mail_discard, name="mail-discard"),
    path(
        "thu-dien-tu/<int:inbound_email_id>/tep/<int:attachment_id>/",
        views.mail_attachment,
        name="mail-attachment",
    ),
]
