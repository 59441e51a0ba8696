from django.urls import path

from newsletter import views, webhooks

app_name = "newsletter"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("webhooks/<slug:esp>/tracking/", webhooks.tracking, name="webhook"),
]
