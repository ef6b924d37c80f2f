from django.urls import path

from pakn.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("phong-trao/", views.campaigns_home, name="home"),
    path("phong-trao/them/", views.campaign_new, name="campaign-new"),
    path("phong-trao/<int:campaign_id>/ky-moi/", views.period_new, name="period-new"),
    path("phong-trao/ky/<int:period_id>/", views.period_table, name="period"),
    path(
        "phong-trao/ky/<int:period_id>/don-vi/<int:unit_id>/",
        views.figures_submit,
        name="submit",
    ),
    path("bao-cao-so-ket/", views.review, name="review"),
]
