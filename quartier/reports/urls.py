from quartier.reports.views import addresses, capture, inbox

app_name = "reports"

urlpatterns = capture.urlpatterns + inbox.urlpatterns + addresses.urlpatterns
