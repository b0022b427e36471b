"""The coordinator's side: inbox, detail, map and list, merge, close."""

urlpatterns: list = []
