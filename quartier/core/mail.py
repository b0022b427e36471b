"""E-mails sent from a request (password reset, …) go through the task queue.

The request does not wait for the mail server, and a mail server that is down means "later",
not an error page: the task tries again with back-off (core/tasks.py `deliver_email`).
"""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME

from quartier.core.queue import enqueue_with_transaction


def message_to_dict(message: EmailMessage) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data.get("cc") or None,
        bcc=data.get("bcc") or None,
        reply_to=data.get("reply_to") or None,
        headers=data.get("headers") or None,
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


def queue_email(message: EmailMessage) -> None:
    """The Message-ID is fixed when the e-mail is queued: a repeated attempt (a worker killed
    after sending) is recognisably the same e-mail, and the mail folder keeps it once."""
    from quartier.core.tasks import deliver_email

    if not any(name.lower() == "message-id" for name in message.extra_headers):
        message.extra_headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    enqueue_with_transaction(deliver_email, message_to_dict(message))
