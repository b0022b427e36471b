"""Queue a task together with the write that needs it.

With the database task backend the task row is written in the caller's transaction: the
record and its task are committed together or not at all, so an acknowledged write can never
be left without its task (a lost `on_commit` after a failed commit is impossible). Backends
that do not store tasks in this database (tests run tasks immediately) get them after commit.
"""

from __future__ import annotations

from django.db import transaction


def stores_tasks_in_database(task_obj) -> bool:
    backend = task_obj.get_backend()
    return type(backend).__module__.startswith("django_tasks_db")


def enqueue_with_transaction(task_obj, *args, **kwargs) -> None:
    if stores_tasks_in_database(task_obj):
        task_obj.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task_obj.enqueue(*args, **kwargs))
