from quartier.reports.views import addresses, capture, inbox, triage

app_name = "reports"

urlpatterns = capture.urlpatterns + inbox.urlpatterns + triage.urlpatterns + addresses.urlpatterns
