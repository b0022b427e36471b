"""Role-aware navigation and start-page tiles, built from what the apps registered."""

from django.urls import NoReverseMatch, reverse

from quartier.core import registry


def navigation_for(user, current_path: str) -> list[dict]:
    items = []
    for item in registry.menu_items(user):
        url = item.url()
        if url is None:  # the page does not exist (yet)
            continue
        current = url == current_path if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items


def tiles_for(user, page: str = "helper") -> list[dict]:
    tiles = []
    for tile in registry.tiles(user, page):
        try:
            url = reverse(tile.url_name)
        except NoReverseMatch:
            continue
        tiles.append({"label": tile.label, "hint": tile.hint, "url": url, "icon": tile.icon})
    return tiles


def worklist_for(user, kind: str = "worklist") -> list[dict]:
    """The coordinator's "Heute zu tun": each registered count with the page to act on it.

    Other lists of counts use the same shape under their own kind (e.g. "inbox_tab").
    """
    items = []
    entries = [item for item in registry.contributions(kind) if item.allowed(user)]
    for entry in entries:
        try:
            url = reverse(entry.url_name) + entry.query
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "count": entry.count(user), "url": url})
    return items
