"""The mail folder writes each e-mail once, as one complete file named after its Message-ID."""

import email
import email.policy
import threading
from pathlib import Path

from django.core.mail import EmailMessage, get_connection

from quartier.core.mailfolder import SEPARATOR, file_name


def send(folder: Path, subject: str, message_id: str | None = None) -> int:
    headers = {"Message-ID": message_id} if message_id else None
    message = EmailMessage(
        subject, "Text mit Umlauten: äöü ß", None, ["a@example.org"], headers=headers
    )
    connection = get_connection("quartier.core.mailfolder.EmailBackend", file_path=str(folder))
    return connection.send_messages([message])


def read(path: Path):
    raw, rest = path.read_bytes().split(b"\n" + SEPARATOR + b"\n", 1)
    assert rest == b""  # one message per file
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_each_message_gets_its_own_complete_file(tmp_path):
    folder = tmp_path / "mail"
    assert send(folder, "Erste") == 1
    assert send(folder, "Zweite") == 1
    files = sorted(folder.iterdir())
    assert len(files) == 2
    assert all(path.suffix == ".eml" for path in files)
    subjects = sorted(str(read(path)["Subject"]) for path in files)
    assert subjects == ["Erste", "Zweite"]
    body = read(files[0]).get_body(preferencelist=("plain",)).get_content()
    assert "äöü ß" in body
    # Nothing half-written stays behind next to the folder either.
    assert list((tmp_path / "mail.incoming").iterdir()) == []


def test_the_same_message_id_is_written_once(tmp_path):
    folder = tmp_path / "mail"
    message_id = "<quartier.forwarding.7.1@quartier.example.org>"
    assert send(folder, "Meldung 7", message_id) == 1
    assert send(folder, "Meldung 7 (wiederholt)", message_id) == 1  # counted as delivered
    files = list(folder.iterdir())
    assert [path.name for path in files] == [file_name(message_id)]
    assert str(read(files[0])["Subject"]) == "Meldung 7"
    assert str(read(files[0])["Message-ID"]) == message_id


def test_the_same_message_from_two_threads_at_once_is_written_once(tmp_path):
    folder = tmp_path / "mail"
    message_id = "<quartier.mail.3.2@quartier.example.org>"
    threads = [threading.Thread(target=send, args=(folder, "Gleich", message_id)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(list(folder.iterdir())) == 1


def test_file_names_are_safe_and_distinct():
    first = file_name("<a/../b@x>")
    assert "/" not in first and not first.startswith(".")
    assert file_name("<a_b@x>") != file_name("<a/b@x>")  # same readable part, other digest
    assert len(file_name("<" + "x" * 500 + "@y>")) < 140
