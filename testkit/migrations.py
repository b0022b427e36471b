"""Move a test database to given migrations and back, for tests of data-keeping migrations.

A test takes the `migrations` fixture (root conftest.py): `migrations.to(targets)` moves the
database and returns the historic apps registry at `targets`; afterwards the fixture moves it
back to the latest migrations. One migration graph serves all moves of a test.

Moving back is Django's own unapplying (`MigrationExecutor.unapply_migration`), with the
project states before each migration computed the cheap way: Django renders the model classes
once and then carries every later migration in the plan through the rendered registry, which
reloads the related models for each operation (about 2.5 s for a move back across the apps
here); this computes the states as model descriptions and renders each one only to unapply
its migration (about 0.07 s each).
"""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import ProjectState, StateApps

Target = tuple[str, str | None]


class Migrations:
    def __init__(self) -> None:
        self.executor = MigrationExecutor(connection)
        self.loader = self.executor.loader
        self.latest = self.loader.graph.leaf_nodes()

    def to(self, targets: list[Target]) -> StateApps:
        """Migrate to `targets` ([(app, name or None)]); returns the historic apps registry."""
        self._move(targets)
        return self.loader.project_state([t for t in targets if t[1]]).apps

    def to_latest(self) -> None:
        self._move(self.latest)

    def _move(self, targets: list[Target]) -> None:
        plan = self.executor.migration_plan(targets)
        if not plan:
            return
        if all(backwards for _, backwards in plan):
            self._unapply(plan)
        else:
            self.executor.migrate(targets, plan=plan)
        self.executor.check_replacements()
        if self.loader.replacements:  # squashed migrations: applied as build_graph() decides
            self.loader.build_graph()
        else:
            self.loader.applied_migrations = self.executor.recorder.applied_migrations()

    def _unapply(self, plan) -> None:
        """Unapply `plan` (Django's backwards plan, newest first), each migration from the
        project state before it, as `MigrationExecutor.migrate` does."""
        graph = self.loader.graph
        applied = {graph.nodes[key] for key in self.loader.applied_migrations if key in graph.nodes}
        pending = {migration for migration, _ in plan}
        before = {}
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        for migration, _ in self.executor.migration_plan(self.latest, clean_start=True):
            if not pending:
                break
            if migration in pending:
                before[migration] = state
                state = migration.mutate_state(state, preserve=True)
                pending.remove(migration)
            elif migration in applied:
                migration.mutate_state(state, preserve=False)
        for migration, _ in plan:
            before[migration].apps  # noqa: B018 - rendered once, then cloned per operation
            self.executor.unapply_migration(before[migration], migration)
