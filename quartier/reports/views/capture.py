"""The helper's capture flow: Melden, offline outbox, own reports."""

urlpatterns: list = []
