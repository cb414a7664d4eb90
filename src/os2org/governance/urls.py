from django.urls import path

from os2org.governance.cycle.views import cycle, feeds
from os2org.governance.meetings.views import exports, meetings, minutes, register

app_name = "governance"
urlpatterns = [
    # The annual cycle (årshjul) and its calendar feeds.
    path("aarshjul/", cycle.wheel, name="cycle"),
    path("aarshjul/kommende/", cycle.upcoming, name="upcoming"),
    path("aarshjul/aktiviteter/", cycle.activities, name="activities"),
    path("aarshjul/aktiviteter/ny/", cycle.activity_create, name="activity-create"),
    path("aarshjul/aktiviteter/forhaandsvisning/", cycle.activity_preview, name="activity-preview"),
    path("aarshjul/aktiviteter/<int:pk>/", cycle.activity, name="activity"),
    path("aarshjul/aktiviteter/<int:pk>/rediger/", cycle.activity_edit, name="activity-edit"),
    path("aarshjul/kalendere/", feeds.feeds, name="feeds"),
    path("aarshjul/min-kalender/", feeds.own_feed, name="own-feed"),
    path("kalender/<str:token>.ics", feeds.feed, name="feed"),
    # Meetings, their agendas, case briefs, outcomes and follow-ups.
    path("moeder/", meetings.meetings, name="meetings"),
    path("moeder/nyt/", meetings.meeting_create, name="meeting-create"),
    path("moeder/<int:pk>/", meetings.meeting, name="meeting"),
    path("moeder/<int:pk>/rediger/", meetings.meeting_edit, name="meeting-edit"),
    path("moeder/<int:pk>/aflys/", meetings.meeting_cancel, name="meeting-cancel"),
    path("moeder/<int:pk>/genoptag/", meetings.meeting_restore, name="meeting-restore"),
    path("moeder/<int:pk>/punkter/nyt/", meetings.item_create, name="item-create"),
    path("moeder/<int:pk>/punkter/gendan/<int:entry>/", meetings.item_restore, name="item-restore"),
    path("punkter/<int:pk>/rediger/", meetings.item_edit, name="item-edit"),
    path("punkter/<int:pk>/flyt/", meetings.item_move, name="item-move"),
    path("punkter/<int:pk>/fjern/", meetings.item_remove, name="item-remove"),
    path("punkter/<int:pk>/sagsoplaeg/", meetings.brief_edit, name="brief-edit"),
    path("punkter/<int:pk>/udfald/", meetings.outcome_edit, name="outcome-edit"),
    path("punkter/<int:pk>/opfoelgning/ny/", meetings.follow_up_create, name="follow-up-create"),
    path("opfoelgning/<int:pk>/", meetings.follow_up, name="follow-up"),
    # Minutes: drafted, sent for approval, answered, locked once approved.
    path("moeder/<int:pk>/referat/", minutes.minutes_edit, name="minutes-edit"),
    path("moeder/<int:pk>/referat/send/", minutes.minutes_send, name="minutes-send"),
    path("moeder/<int:pk>/referat/svar/", minutes.minutes_answer, name="minutes-answer"),
    # The decision register, the follow-up dashboard and the exports.
    path("beslutninger/", register.decisions, name="decisions"),
    path("opfoelgning/", register.follow_ups, name="follow-ups"),
    path("moeder/<int:pk>/dagsorden/", exports.agenda, name="agenda"),
    path("moeder/<int:pk>/dagsorden.md", exports.agenda_markdown, name="agenda-markdown"),
    path("moeder/<int:pk>/referat/udskrift/", exports.minutes, name="minutes"),
    path("moeder/<int:pk>/referat.md", exports.minutes_markdown, name="minutes-markdown"),
]
