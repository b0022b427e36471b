"""What the apps contribute to shared pages and commands.

`core` knows no domain. Each app announces its menu entries, start-page tiles, worklist counts,
"Mein Tag" sections, demo loaders, stylesheets and other contributions in its
`AppConfig.ready()`; core's pages and commands read them from here. A contribution names a URL
by its name and guards itself with a predicate on the user (usually an
`accounts.permissions.can_*()` function), so core never imports an app to decide anything.

    from quartier.core import registry

    class ReportsConfig(AppConfig):
        def ready(self):
            registry.add_menu_item(registry.MenuItem(_("Melden"), "reports:capture",
                                                     perms.can_report, order=10))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

Predicate = Callable[[Any], bool]


def _always(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class MenuItem:
    """An entry in the main navigation; left out when its page does not exist."""

    label: Any
    url_name: str
    allowed: Predicate = _always
    order: int = 100

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Tile:
    """A big button on a start page (`page` names which: "helper", "coordinator", ...)."""

    label: Any
    hint: Any
    url_name: str
    icon: str
    allowed: Predicate = _always
    order: int = 100
    page: str = "helper"


@dataclass(frozen=True)
class WorklistCount:
    """One line of the coordinator's "Heute zu tun": a count and the page to act on it.

    `count(user)` returns an int; `query` is appended to the URL (e.g. "?status=new").
    """

    label: Any
    url_name: str
    count: Callable[[Any], int]
    allowed: Predicate = _always
    query: str = ""
    order: int = 100


@dataclass(frozen=True)
class PageSection:
    """A block that an app renders into a shared page (`page`: "my_day", "home_helper", ...).

    `context(request)` returns the template context, or None to leave the section out. On a
    page about one object the object comes too: `context(request, report=report)`.
    """

    page: str
    template: str
    context: Callable[[Any], dict | None]
    allowed: Predicate = _always
    order: int = 100


@dataclass(frozen=True)
class StartPage:
    """The start page ("/") of the users `allowed` admits; the first match by `order` wins.

    `page` names the page for its tiles and sections: tiles(user, page) and the sections of
    "home_<page>".
    """

    page: str
    template: str
    allowed: Predicate = _always
    order: int = 100
    worklist: bool = False  # shows the worklist counts


@dataclass(frozen=True)
class AgendaEntry:
    """One proposed point for a meeting agenda. `title` never holds personal data."""

    key: str  # unique and stable, e.g. "help_request:12"
    title: str


@dataclass(frozen=True)
class AgendaSource:
    """Proposes points for the weekly expert meeting (`registry.add("agenda_source", ...)`).

    `kind` names the item kind ("help_request"); `entries()` returns the AgendaEntry list to
    propose now; `existing(keys)` returns those of `keys` whose record still exists (the others
    were removed, e.g. by retention, and are shown as such).
    """

    kind: str
    entries: Callable[[], list[AgendaEntry]]
    existing: Callable[[list[str]], set[str]]
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    """A callable that loads demo data; may return lines to print. Lower order runs first."""

    path: str
    order: int = 100


@dataclass
class _Registry:
    items: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, kind: str, item: Any) -> None:
        bucket = self.items.setdefault(kind, [])
        if item not in bucket:  # ready() may run twice in tests
            bucket.append(item)

    def get(self, kind: str) -> list[Any]:
        return sorted(self.items.get(kind, []), key=lambda item: getattr(item, "order", 100))


_registry = _Registry()


def add(kind: str, item: Any) -> None:
    """Generic extension point for kinds not listed below (e.g. "agenda_source")."""
    _registry.add(kind, item)


def contributions(kind: str) -> list[Any]:
    """Everything contributed under `kind`, by `order`."""
    return _registry.get(kind)


def add_menu_item(item: MenuItem) -> None:
    add("menu", item)


def add_tile(item: Tile) -> None:
    add("tile", item)


def add_worklist_count(item: WorklistCount) -> None:
    add("worklist", item)


def add_page_section(item: PageSection) -> None:
    add("section", item)


def add_demo_loader(item: DemoLoader) -> None:
    add("demo", item)


def add_start_page(item: StartPage) -> None:
    add("start_page", item)


def add_permission(name: str, predicate: Predicate) -> None:
    """Name a predicate so core can guard its own pages (e.g. "view_audit_log")."""
    add("permission", _Permission(name, predicate))


def add_offline_page(url_name: str, static: Iterable[str] = ()) -> None:
    """A page the installable app opens without network, and the static files it loads."""
    add("offline_page", url_name)
    for path in static:
        add("offline_static", path)


def add_offline_visited(url_name: str, static: Iterable[str] = ()) -> None:
    """Pages (a URL name with one integer argument, e.g. a Wegweiser entry's handout) that open
    without network once they were opened with network; and the static files they load."""
    add("offline_visited", url_name)
    for path in static:
        add("offline_static", path)


def add_stylesheet(path: str, order: int = 100) -> None:
    """A static path (e.g. "residents/residents.css") that base.html links on every page."""
    add("stylesheet", _Stylesheet(path, order))


@dataclass(frozen=True)
class _Stylesheet:
    path: str
    order: int = 100


@dataclass(frozen=True)
class _Permission:
    name: str
    predicate: Predicate


def menu_items(user: Any) -> list[MenuItem]:
    return [item for item in contributions("menu") if item.allowed(user)]


def tiles(user: Any, page: str = "helper") -> list[Tile]:
    return [t for t in contributions("tile") if t.page == page and t.allowed(user)]


def worklist_counts(user: Any) -> list[WorklistCount]:
    return [item for item in contributions("worklist") if item.allowed(user)]


def page_sections(page: str, user: Any) -> list[PageSection]:
    return [s for s in contributions("section") if s.page == page and s.allowed(user)]


def demo_loaders() -> list[DemoLoader]:
    return contributions("demo")


def stylesheets() -> Iterable[str]:
    return [sheet.path for sheet in contributions("stylesheet")]


def start_page(user: Any) -> StartPage | None:
    return next((p for p in contributions("start_page") if p.allowed(user)), None)


def permission(name: str) -> Predicate:
    """A predicate that asks, at call time, every predicate registered under `name`.

    Nothing registered means nobody is allowed.
    """

    def allowed(user: Any) -> bool:
        checks = [p.predicate for p in contributions("permission") if p.name == name]
        return bool(checks) and all(check(user) for check in checks)

    allowed.__name__ = f"permission_{name}"
    return allowed


def offline_pages() -> list[str]:
    return contributions("offline_page")


def offline_visited() -> list[str]:
    return contributions("offline_visited")


def offline_static() -> list[str]:
    return contributions("offline_static")
