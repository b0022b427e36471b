from quartier.reports.views import capture, inbox

app_name = "reports"

urlpatterns = capture.urlpatterns + inbox.urlpatterns
