"""Reading a POSTed GeoReport form in the character set its sender declared.

GeoReport v2 says POST bodies are `application/x-www-form-urlencoded; charset=utf-8`. Real
clients also declare ISO-8859-1 or Windows-1252, and some send Latin-1 without declaring it.
A declared character set that Python knows is decoded; an unknown one, bytes that are not
valid in the declared (or the default UTF-8) set and bodies of another type (JSON) are a 400
in the specification's error format, never a traceback and never a silent "�".
"""

from __future__ import annotations

import codecs
from urllib.parse import parse_qsl

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from quartier.open311.formats import Open311Error

FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"
MAX_FIELDS = 1000


def _content_type(request) -> tuple[str, dict[str, str]]:
    """The media type and its parameters (lower-case names, quotes removed)."""
    header = request.META.get("CONTENT_TYPE", "")
    media_type, *rest = header.split(";")
    options = {}
    for item in rest:
        name, _, value = item.partition("=")
        options[name.strip().lower()] = value.strip().strip('"')
    return media_type.strip().lower(), options


def _charset(options: dict[str, str]) -> str:
    declared = options.get("charset") or "utf-8"
    try:
        return codecs.lookup(declared).name
    except LookupError:
        raise Open311Error(
            400, f"Unsupported charset {declared[:40]!r}; please send UTF-8."
        ) from None


def _parse(body: bytes, charset: str) -> QueryDict:
    try:
        text = body.decode(charset)
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding=charset,
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise Open311Error(
            400,
            f"The form is not valid {charset}; declare its charset "
            "(e.g. application/x-www-form-urlencoded; charset=iso-8859-1).",
        ) from None
    except ValueError:
        raise Open311Error(400, f"The form has more than {MAX_FIELDS} fields.") from None
    form = QueryDict(mutable=True)
    for name, value in pairs:
        form.appendlist(name, value)
    return form


def without_nul(params: QueryDict) -> QueryDict:
    """The parameters with every NUL character removed (mutable copy).

    PostgreSQL can neither store nor compare NUL, and no GeoReport value means anything by
    one; dropping it keeps the rest of the value (a 400 would refuse text the schema allows).
    """
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    return cleaned


def read_form(request) -> QueryDict:
    """The POSTed form (mutable), decoded in its declared character set.

    Multipart forms (some clients upload media that way) are left to Django, in UTF-8 only.
    """
    media_type, options = _content_type(request)
    charset = _charset(options)
    if media_type == MULTIPART_TYPE:
        if charset != "utf-8":
            raise Open311Error(400, "multipart/form-data must be UTF-8.")
        return without_nul(request.POST)
    if media_type not in (FORM_TYPE, ""):
        raise Open311Error(
            400,
            f"The body must be {FORM_TYPE} (as GeoReport v2 says), not {media_type[:60]}.",
        )
    form = without_nul(_parse(request.body, charset))
    # Django would parse the body again (and refuse non-UTF-8 forms): hand it ours.
    request._post, request._files = form, MultiValueDict()
    return form
