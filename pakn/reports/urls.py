from django.urls import path

from pakn.reports import proposal_views, views

app_name = "reports"

urlpatterns = [
    path("gui-phan-anh/", views.report_send, name="send"),
    path("gui-de-xuat/", proposal_views.proposal_send, name="proposal-send"),
    path("gui-phan-anh/luu-nhap/", views.report_autosave, name="autosave"),
    path("gui-phan-anh/tuong-tu/", views.similar_reports, name="similar"),
    path("gui-phan-anh/da-gui/<str:code>/", views.report_sent, name="sent"),
    path("phan-anh-cua-toi/", views.my_reports, name="mine"),
    path("phan-anh-cua-toi/theo-doi/<str:code>/", views.report_follow_view, name="follow"),
    path("phan-anh-cua-toi/bo-theo-doi/<str:code>/", views.report_unfollow_view, name="unfollow"),
    path("phan-anh-cua-toi/<str:code>/", views.report_detail, name="detail"),
    path("r/<str:code>/", views.report_short_link, name="short"),
    path("t/<str:code>/", views.report_follow_short_link, name="follow-short"),
    path("phan-anh-cua-toi/<str:code>/trao-doi/", views.report_message, name="message"),
    path("phan-anh-cua-toi/<str:code>/rut/", views.report_withdraw_view, name="withdraw"),
    path("phan-anh-cua-toi/<str:code>/danh-gia/", views.report_rate, name="rate"),
    path("tep-dinh-kem/<int:pk>/", views.attachment_download, name="attachment"),
    path("tep-dinh-kem/<int:pk>/anh-nho/", views.attachment_thumbnail, name="attachment-thumbnail"),
]
