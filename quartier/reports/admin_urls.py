"""Report categories in the administration (/verwaltung/kategorien/)."""

from quartier.reports.views import categories

app_name = "report_admin"

urlpatterns = categories.urlpatterns
