"""The local mail folder (`var/mail/`): one file per message, named after its Message-ID.

Django's file backend appends every message of a connection to one new file. Ours writes each
message to its own file and treats the Message-ID as the delivery's identity: a message whose
file already exists is not written again. Deliveries that may be repeated (a worker killed
after writing the message but before recording it, see routing/tasks.py) carry the same
Message-ID on the repeat, so the folder holds each e-mail exactly once.

A file appears complete or not at all: the message is written into a sibling directory
(`<folder>.incoming/`) first and then linked into the folder, which fails if the name exists.
The file format is Django's: the message, a newline, 79 dashes, a newline.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile

from django.core.mail.backends.filebased import EmailBackend as DjangoFileBackend

SEPARATOR = b"-" * 79
UNSAFE = re.compile(r"[^A-Za-z0-9._@-]+")


def file_name(message_id: str) -> str:
    """A file name that is a function of the Message-ID alone (readable, collision-free)."""
    readable = UNSAFE.sub("_", message_id.strip().strip("<>"))[:120] or "message"
    digest = hashlib.sha256(message_id.strip().encode()).hexdigest()[:12]
    return f"{readable}-{digest}.eml"


class EmailBackend(DjangoFileBackend):
    def open(self) -> bool:
        return False  # no stream: every message gets its own file

    def close(self) -> None:
        return None

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        with self._lock:
            return sum(1 for message in email_messages if self._deliver(message))

    def _deliver(self, message) -> bool:
        if not message.recipients():
            return False
        mime = message.message()
        path = os.path.join(self.file_path, file_name(str(mime["Message-ID"])))
        if os.path.exists(path):
            return True  # delivered before (a repeated attempt of the same e-mail)
        incoming = self.file_path.rstrip(os.sep) + ".incoming"
        os.makedirs(incoming, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=incoming, suffix=".eml")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(mime.as_bytes() + b"\n" + SEPARATOR + b"\n")
                stream.flush()
                os.fsync(stream.fileno())
            # FileExistsError: another worker delivered the same message at the same moment.
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
        return True
