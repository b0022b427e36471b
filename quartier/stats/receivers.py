"""Model signals that mark the statistics' months as stale (connected in StatsConfig.ready()).

The receivers run inside the writer's transaction: the mark is stored with the change or not
at all. They only mark; `aggregates.fold()` does the counting. Nothing here reads a resident
beyond the month and the ids needed to find the affected months.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from quartier.reports.models import Report, ReportStatusChange
from quartier.residents.models import Contact, HelpCompletion, HelpRequest, Referral, Resident
from quartier.routing.models import Forwarding, PartnerAnswer
from quartier.stats.aggregates import mark, month_of


def _forwarding_months(qs) -> list:
    return [month_of(moment) for moment in qs.values_list("created_at", flat=True)]


def report_changed(sender, instance, created=False, **kwargs):
    if instance.created_at:
        mark("reports", [month_of(instance.created_at)])
    if instance.pk and not created:  # a report just inserted has no forwardings yet
        mark("forwardings", _forwarding_months(Forwarding.objects.filter(report_id=instance.pk)))


def history_changed(sender, instance, **kwargs):
    if ReportStatusChange.report.is_cached(instance):  # the report it was written with
        created = [instance.report.created_at]
    else:
        qs = Report.objects.filter(pk=instance.report_id)
        created = list(qs.values_list("created_at", flat=True))
    mark("reports", [month_of(moment) for moment in created if moment])


def forwarding_changed(sender, instance, **kwargs):
    if instance.created_at:
        mark("forwardings", [month_of(instance.created_at)])


def answer_changed(sender, instance, **kwargs):
    mark("forwardings", _forwarding_months(Forwarding.objects.filter(pk=instance.forwarding_id)))


def contact_changed(sender, instance, **kwargs):
    if instance.created_at:
        mark("contacts", [month_of(instance.created_at)])
        mark("mentions", [month_of(instance.created_at)])


def topics_changed(sender, instance, action, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Contact):
        contacts = [instance.created_at]
    else:  # changed from the topic's side
        contacts = Contact.objects.filter(pk__in=pk_set or []).values_list("created_at", flat=True)
    mark("mentions", [month_of(moment) for moment in contacts if moment])


def referral_changed(sender, instance, **kwargs):
    if instance.created_at:
        mark("referrals", [month_of(instance.created_at)])


def completion_changed(sender, instance, **kwargs):
    if instance.done_on:
        mark("help", [month_of(instance.done_on)])


def _completion_months(qs) -> list:
    return [month_of(day) for day in qs.values_list("done_on", flat=True)]


def help_request_changed(sender, instance, **kwargs):
    if instance.pk:
        mark("help", _completion_months(HelpCompletion.objects.filter(help_request_id=instance.pk)))


def resident_changed(sender, instance, **kwargs):
    if instance.pk:
        qs = HelpCompletion.objects.filter(help_request__resident_id=instance.pk)
        mark("help", _completion_months(qs))


RECEIVERS = [
    (Report, report_changed),
    (ReportStatusChange, history_changed),
    (Forwarding, forwarding_changed),
    (PartnerAnswer, answer_changed),
    (Contact, contact_changed),
    (Referral, referral_changed),
    (HelpCompletion, completion_changed),
    (HelpRequest, help_request_changed),
]


def connect() -> None:
    for model, receiver in RECEIVERS:
        uid = f"stats-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(resident_changed, sender=Resident, dispatch_uid="stats-Resident-save")
    m2m_changed.connect(topics_changed, sender=Contact.topics.through, dispatch_uid="stats-topics")
