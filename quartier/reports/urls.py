from quartier.reports.views import addresses, capture, inbox, maps, triage

app_name = "reports"

urlpatterns = (
    capture.urlpatterns
    + inbox.urlpatterns
    + maps.urlpatterns
    + triage.urlpatterns
    + addresses.urlpatterns
)
