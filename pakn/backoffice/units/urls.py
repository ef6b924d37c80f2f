"""Delegated unit administration, included into pakn/backoffice/urls.py (same namespace)."""

from django.urls import path

from pakn.backoffice.units import answer_templates, views, widget

urlpatterns: list = [
    path("quan-tri/", views.administration, name="administration"),
    path("quan-tri/can-bo/them/", views.officer_add, name="officer-add"),
    path("quan-tri/can-bo/<int:officer_id>/", views.officer_detail, name="officer-detail"),
    path(
        "quan-tri/can-bo/<int:officer_id>/vai-tro/<int:membership_id>/thu-hoi/",
        views.membership_revoke_view,
        name="membership-revoke",
    ),
    path(
        "quan-tri/can-bo/<int:officer_id>/khoa/",
        views.officer_toggle_active,
        name="officer-toggle-active",
    ),
    path(
        "quan-tri/can-bo/<int:officer_id>/dat-lai-mat-khau/",
        views.officer_password_reset,
        name="officer-password-reset",
    ),
    path("quan-tri/don-vi/them/", views.sub_unit_add, name="sub-unit-add"),
    path("quan-tri/nhap-tep/", views.officers_bulk_upload, name="officers-bulk-upload"),
    path("quan-tri/nhap-tep/<uuid:import_id>/", views.officers_import, name="officers-import"),
    path(
        "quan-tri/nhap-tep/<uuid:import_id>/trang-thai/",
        views.officers_import_status,
        name="officers-import-status",
    ),
    path(
        "quan-tri/nhap-tep/<uuid:import_id>/mat-khau.xlsx",
        views.officers_import_passwords,
        name="officers-import-passwords",
    ),
    path(
        "quan-tri/nhap-tep/<uuid:import_id>/tep-da-gui/",
        views.officers_import_source,
        name="officers-import-source",
    ),
    path("quan-tri/nhap-tep/mau.xlsx", views.officers_bulk_template, name="officers-bulk-template"),
    path("quan-tri/nhung/", widget.unit_widget, name="unit-widget"),
    path("quan-tri/mau-tra-loi/", answer_templates.answer_templates, name="answer-templates"),
    path(
        "quan-tri/mau-tra-loi/<int:template_id>/",
        answer_templates.answer_templates,
        name="answer-template-edit",
    ),
]
