from django.urls import path

from quartier.operations.views import calendar, day, hotspots, jobs, meetings, rota

app_name = "operations"

urlpatterns = [
    # The helper's day
    path("mein-tag/", day.my_day, name="my_day"),
    path("dienst/beginn/", day.duty_start, name="duty_start"),
    path("dienst/ende/", day.duty_end, name="duty_end"),
    path("nachkontrolle/<int:pk>/", day.result_check, name="result_check"),
    path("meldung/<int:pk>/fachaustausch/", day.flag_report, name="flag_report"),
    path("aufgaben/<int:pk>/erledigt/", day.action_done, name="action_done"),
    # Small jobs
    path("erledigt/", jobs.job_new, name="job_new"),
    path("einsaetze/", jobs.job_list, name="jobs"),
    path("einsaetze/<int:pk>/erledigt/", jobs.job_complete, name="job_complete"),
    path("einsaetze/fotos/<int:pk>/", day.job_photo, name="job_photo"),
    # Rota
    path("plan/", rota.rota_week, name="rota_week"),
    path("plan/monat/", rota.rota_month, name="rota_month"),
    path("plan/dienst/neu/", rota.pattern_add, name="pattern_add"),
    path("plan/dienst/<int:pk>/beenden/", rota.pattern_end, name="pattern_end"),
    path("plan/abweichung/neu/", rota.exception_add, name="exception_add"),
    path("plan/abweichung/<int:pk>/loeschen/", rota.exception_remove, name="exception_remove"),
    path("plan/stuetzpunkt/<int:pk>.pdf", rota.rota_pdf, name="rota_pdf"),
    path("anwesenheit/", rota.presence, name="presence"),
    # The helper's calendar
    path("kalender/", calendar.my_calendar, name="my_calendar"),
    path("kalender/neu/", calendar.calendar_renew, name="calendar_renew"),
    path("kalender/sperren/", calendar.calendar_revoke, name="calendar_revoke"),
    path("kalender/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Hotspots
    path("hotspots/", hotspots.hotspot_list, name="hotspots"),
    path("hotspots/<int:pk>/", hotspots.hotspot_detail, name="hotspot_detail"),
    path("hotspots/<int:pk>/erledigt/", hotspots.hotspot_resolve, name="hotspot_resolve"),
    # Expert meeting
    path("fachaustausch/", meetings.meeting_list, name="meetings"),
    path("fachaustausch/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("fachaustausch/<int:pk>/aktualisieren/", meetings.meeting_refresh, name="meeting_refresh"),
    path("fachaustausch/<int:pk>/teilnahme/", meetings.participant_add, name="participant_add"),
    path("fachaustausch/<int:pk>/thema/", meetings.item_add, name="item_add"),
    path(
        "fachaustausch/<int:pk>/punkt/<int:item_pk>/protokoll/",
        meetings.item_minutes,
        name="item_minutes",
    ),
    path(
        "fachaustausch/<int:pk>/punkt/<int:item_pk>/aufgabe/",
        meetings.action_add,
        name="action_add",
    ),
    path("fachaustausch/<int:pk>/protokoll.pdf", meetings.meeting_pdf, name="meeting_pdf"),
    path("fachaustausch/<int:pk>/versenden/", meetings.meeting_send, name="meeting_send"),
]
