from quartier.reports.views import capture, inbox, triage

app_name = "reports"

urlpatterns = capture.urlpatterns + inbox.urlpatterns + triage.urlpatterns
