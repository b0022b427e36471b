"""What reports announces to the apps above it (routing subscribes in its AppConfig.ready()).

reports never imports those apps: it sends, they listen.

- `report_created(report)`: a new report needs handling (sent inside submit_report's
  transaction, so the report and what receivers store for it are kept together or not at
  all; not for a report the helper resolved on the spot).
- `report_status_changed(report, status, actor, settles)`: the status changed and is in the
  history. `settles` is True when a coordinator ended the case (closed it or merged it into
  another report): nobody outside needs to act on it any more.
"""

from django.dispatch import Signal

report_created = Signal()
report_status_changed = Signal()
