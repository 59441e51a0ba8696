from django.urls import path

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("past/", views.event_past, name="past"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("feed/", feeds.EventsFeed(), name="feed"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("preview/<int:pk>/", views.staff_preview, name="preview"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("<slug:slug>/register/", views.register, name="register"),
]
