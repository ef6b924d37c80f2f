"""Unit administration of answer templates, included into pakn/backoffice/urls.py."""

from django.urls import path

from pakn.backoffice import answer_template_views

urlpatterns: list = [
    path("quan-tri/mau-tra-loi/", answer_template_views.answer_templates,
         name="answer-templates"),
    path("quan-tri/mau-tra-loi/<int:template_id>/", answer_template_views.answer_templates,
         name="answer-template-edit"),
]  # fmt: skip
