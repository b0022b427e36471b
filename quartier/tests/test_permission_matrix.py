"""The permission matrix: every URL pattern of the project, every persona.

ADD YOUR URL HERE. Every URL pattern must be classified in `MATRIX` below (by its URL name,
"namespace:name", or by its route when it has no name). A pattern that is not classified fails
`test_every_url_pattern_is_classified`; that is the point: a new page is a new door, and
someone has to say who may open it. The Django admin (read-only data view) and django-allauth's
account pages are classified as a whole by where they come from.

For each classified pattern the matrix requests the page as every persona (anonymous, helper of
the quarter, helper of another quarter, coordinator, privacy officer, admin, partner link
holder) with guessed ids for every id in the URL, and with the real record where `REAL` says
which one. It checks the status each persona gets, that a 500 never happens, that a POST
without CSRF token is refused, and that a resident's case content (name, notes) never appears
on a page that must not show it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from quartier.accounts.models import Role
from testkit.personas import make_user

# --- Who may open a page -------------------------------------------------------------------

HELPERS = frozenset({"helper", "other_helper"})
COORDINATOR = frozenset({"coordinator"})
PRIVACY = frozenset({"privacy_officer"})
ADMIN = frozenset({"admin"})
STAFF = HELPERS | COORDINATOR | PRIVACY | ADMIN
PERSONAS = ["anonymous", "partner", *sorted(STAFF)]


@dataclass(frozen=True)
class Access:
    """`kind`: "public" (anyone), "staff" (logged-in personas in `roles`), "token" (a secret
    in the URL, no login: partner links, calendar feeds), "api" (Open311: API key or public
    reads), "account" (allauth's login, password reset, MFA pages), "admin" (read-only data
    view, admins only). `case`: the page may show a resident's case content to `roles`.
    `after_search`: even `roles` get 403 for a record they did not find by the privacy
    officer's search (name plus second attribute, legal reason)."""

    kind: str
    roles: frozenset = frozenset()
    case: bool = False
    after_search: bool = False


PUBLIC = Access("public")
TOKEN = Access("token")
API = Access("api")
ACCOUNT = Access("account")
ADMIN_VIEW = Access("admin", ADMIN)


def staff(*groups, case=False, after_search=False) -> Access:
    return Access("staff", frozenset().union(*groups), case, after_search)


REPORTERS = HELPERS | COORDINATOR
REPORT_DESK = COORDINATOR | ADMIN
CASEWORK = HELPERS | COORDINATOR
DIRECTORY_USERS = HELPERS | COORDINATOR | ADMIN

MATRIX: dict[str, Access] = {
    # core
    "home": PUBLIC,
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "core:imprint": PUBLIC,
    "core:privacy": PUBLIC,
    "core:accessibility": PUBLIC,
    "core:simple_language": PUBLIC,
    "core:audit_log": staff(PRIVACY, ADMIN),
    "core:administration": staff(ADMIN),
    "service_worker": PUBLIC,
    "web_manifest": PUBLIC,
    "offline": PUBLIC,  # what works without network (the service worker shows it)
    "app_icon": PUBLIC,
    "admin:logout": ACCOUNT,  # ends the own session, nothing to see
    # accounts
    "accounts:profile": staff(STAFF),
    "accounts:user_list": staff(ADMIN),
    "accounts:user_invite": staff(ADMIN),
    "accounts:user_detail": staff(ADMIN),
    "accounts:user_role": staff(ADMIN),
    "accounts:user_quarters": staff(ADMIN),
    "accounts:user_active": staff(ADMIN),
    "accounts:user_reset_mfa": staff(ADMIN),
    # reports
    "reports:capture": staff(REPORTERS),
    "reports:submit_api": staff(REPORTERS),
    "reports:nearby_api": staff(REPORTERS),
    "reports:address_suggestions": staff(REPORTERS | REPORT_DESK),
    "reports:mine": staff(REPORTERS),
    "reports:photo": staff(REPORTERS | REPORT_DESK),
    "reports:photo_thumbnail": staff(REPORTERS | REPORT_DESK),
    "reports:inbox": staff(REPORT_DESK),
    "reports:list": staff(REPORT_DESK),
    "reports:map": staff(REPORT_DESK),
    "reports:map_data": staff(REPORT_DESK),
    # Helpers are sent on to their read-only page (reports:mine_detail, access checked there).
    "reports:detail": staff(REPORT_DESK | HELPERS),
    "reports:mine_detail": staff(REPORTERS),
    "reports:bulk": staff(REPORT_DESK),
    "reports:add_note": staff(REPORT_DESK),
    "reports:assign": staff(REPORT_DESK),
    "reports:set_category": staff(REPORT_DESK),
    "reports:merge": staff(REPORT_DESK),
    "reports:close": staff(REPORT_DESK),
    # routing
    "routing:rules": staff(REPORT_DESK),
    "routing:rule_new": staff(REPORT_DESK),
    "routing:rule_edit": staff(REPORT_DESK),
    "routing:authority_new": staff(REPORT_DESK),
    "routing:authority_edit": staff(REPORT_DESK),
    "routing:preview": staff(REPORT_DESK),
    "routing:forward": staff(REPORT_DESK),
    "routing:reopen": staff(REPORT_DESK),
    "routing:overdue": staff(REPORT_DESK),
    "routing:failed": staff(REPORT_DESK),
    "routing:retry": staff(REPORT_DESK),
    "routing:notifications": staff(STAFF),
    "routing:bulk_forward": staff(REPORT_DESK),
    "routing:phone_answer": staff(REPORT_DESK),
    "report_admin:category_list": staff(ADMIN),
    "report_admin:category_new": staff(ADMIN),
    "report_admin:category_edit": staff(ADMIN),
    "routing_admin:api_keys": staff(ADMIN),
    "routing_admin:api_key_revoke": staff(ADMIN),
    # areas (administration)
    "areas:quarter_list": staff(ADMIN),
    "areas:quarter_upload": staff(ADMIN),
    "areas:quarter_import": staff(ADMIN),
    "areas:base_list": staff(ADMIN),
    "areas:base_new": staff(ADMIN),
    "areas:base_edit": staff(ADMIN),
    "routing:partner": TOKEN,
    "routing:partner_photo": TOKEN,
    # open311
    "open311v2:openapi-json": API,
    "open311v2:discovery": API,
    "open311v2:services": API,
    "open311v2:service": API,
    "open311v2:requests_list": API,
    "open311v2:requests_create": API,
    "open311v2:request_detail": API,
    "open311v2:token": API,
    "open311v2:updates_list": API,
    "open311v2:updates_create": API,
    "open311v2:api-root": API,
    "open311/v2/^(?P<rest>.*)$": API,
    # residents (SENSITIVE)
    "residents:contact_new": staff(CASEWORK),
    "residents:resident_list": staff(CASEWORK, case=True),
    "residents:resident_new": staff(CASEWORK),
    "residents:resident_detail": staff(CASEWORK, case=True),
    "residents:resident_details": staff(CASEWORK, case=True),
    "residents:consent_new": staff(CASEWORK, case=True),
    "residents:help_request_new": staff(CASEWORK, case=True),
    "residents:consent_revoke": staff(CASEWORK),
    "residents:help_request_complete": staff(CASEWORK),
    "residents:help_request_end": staff(CASEWORK),
    "residents:help_request_flag": staff(CASEWORK),
    "residents:help_request_reopen": staff(CASEWORK),
    "residents:referral_new": staff(CASEWORK, case=True),
    "residents:referral_outcome": staff(CASEWORK),
    "residents:tally": staff(COORDINATOR, ADMIN),
    "residents:privacy": staff(PRIVACY),
    "residents:privacy_person": staff(PRIVACY, after_search=True),
    "residents:export_json": staff(PRIVACY, case=True, after_search=True),
    "residents:export_pdf": staff(PRIVACY, case=True, after_search=True),
    "residents:erase": staff(PRIVACY, after_search=True),
    # directory
    "directory:search": staff(DIRECTORY_USERS),
    "directory:public": PUBLIC,
    "directory:detail": staff(DIRECTORY_USERS),
    "directory:handout": staff(DIRECTORY_USERS),
    "directory:handout_pdf": staff(DIRECTORY_USERS),
    "directory:manage": staff(COORDINATOR, ADMIN),
    "directory:create": staff(COORDINATOR, ADMIN),
    "directory:edit": staff(COORDINATOR, ADMIN),
    "directory:import": staff(COORDINATOR, ADMIN),
    "directory:export": staff(COORDINATOR, ADMIN),
    # stats
    "stats:dashboard": staff(COORDINATOR, ADMIN),
    "stats:export_table": staff(COORDINATOR, ADMIN),
    "stats:export_all": staff(COORDINATOR, ADMIN),
    "stats:raw_export": staff(COORDINATOR, ADMIN),
    "stats:sachbericht": staff(COORDINATOR, ADMIN),
    "stats:sachbericht_pdf": staff(COORDINATOR, ADMIN),
    # public transparency pages (no login)
    "public:transparency": PUBLIC,
    "public:quarter": PUBLIC,
    "public:quarter_simple": PUBLIC,
    # operations
    "operations:my_day": staff(CASEWORK, case=True),
    "operations:duty_start": staff(CASEWORK),
    "operations:duty_end": staff(CASEWORK),
    "operations:result_check": staff(CASEWORK),
    "operations:flag_report": staff(REPORTERS),
    "operations:action_done": staff(STAFF),
    "operations:job_new": staff(CASEWORK),
    "operations:jobs": staff(COORDINATOR),
    "operations:job_complete": staff(CASEWORK),
    "operations:job_photo": staff(CASEWORK),
    "operations:rota_week": staff(COORDINATOR),
    "operations:rota_month": staff(COORDINATOR),
    "operations:pattern_add": staff(COORDINATOR),
    "operations:pattern_end": staff(COORDINATOR),
    "operations:exception_add": staff(COORDINATOR),
    "operations:exception_remove": staff(COORDINATOR),
    "operations:rota_pdf": staff(COORDINATOR),
    "operations:presence": staff(COORDINATOR),
    "operations:my_calendar": staff(HELPERS),
    "operations:calendar_renew": staff(HELPERS),
    "operations:calendar_revoke": staff(HELPERS),
    "operations:calendar_feed": TOKEN,
    "operations:hotspots": staff(REPORT_DESK),
    "operations:hotspot_detail": staff(REPORT_DESK),
    "operations:hotspot_resolve": staff(REPORT_DESK),
    "operations:meetings": staff(COORDINATOR),
    "operations:meeting": staff(COORDINATOR),
    "operations:meeting_refresh": staff(COORDINATOR),
    "operations:participant_add": staff(COORDINATOR),
    "operations:item_add": staff(COORDINATOR),
    "operations:item_minutes": staff(COORDINATOR),
    "operations:action_add": staff(COORDINATOR),
    "operations:meeting_pdf": staff(COORDINATOR),
    "operations:meeting_send": staff(COORDINATOR),
}

# URL names whose `pk` is the resident record (so the matrix also opens the real one). The
# privacy officer's procedures open a record only after a search (name plus second attribute,
# legal reason): by id alone they are refused for everybody, which the matrix checks too.
REAL_RESIDENT = {
    "residents:resident_detail",
    "residents:resident_details",
    "residents:consent_new",
    "residents:help_request_new",
}
PRIVACY_PROCEDURES = {
    "residents:privacy_person",
    "residents:export_json",
    "residents:export_pdf",
}


# --- Enumerating the URL patterns ----------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str
    route: str
    module: str
    csrf_exempt: bool


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            callback = entry.callback
            yield Pattern(
                name or route,
                route,
                getattr(callback, "__module__", "") or "",
                getattr(callback, "csrf_exempt", False),
            )


def all_patterns() -> list[Pattern]:
    return list(_walk(get_resolver().url_patterns))


def classify(pattern: Pattern) -> Access | None:
    if pattern.key in MATRIX:
        return MATRIX[pattern.key]
    if pattern.key.startswith("admin:") or pattern.route.startswith("verwaltung/daten/"):
        return ADMIN_VIEW
    # Everything under accounts/ is django-allauth's (quartier/urls.py includes it there).
    if pattern.module.startswith("allauth.") or pattern.route.startswith("accounts/"):
        return ACCOUNT
    return None


_GUESSES = {"int": "987654", "str": "geraten", "uuid": str(uuid.UUID(int=7)), "slug": "geraten"}


def concrete_path(route: str, resident_pk: int | None = None) -> str:
    """The route with every parameter filled in: guessed ids, or the real resident."""
    if route.startswith("open311/v2/^"):
        return "/open311/v2/gibt-es-nicht"
    if route.startswith("verwaltung/daten/") and "^" in route:
        return "/verwaltung/daten/gibt-es-nicht/"

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name == "format":
            return "json"
        if name == "size":
            return "192"
        if name == "pk" and resident_pk is not None:
            return str(resident_pk)
        return _GUESSES.get(converter, "geraten")

    path = re.sub(r"\(\?P<\w+>([^)]*)\)", _regex_sample, route)  # re_path groups first
    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


_REGEX_SAMPLES = ["geraten", "987654", "json"]


def _regex_sample(match) -> str:
    """A value for a regular-expression group: its first alternative, or a guess it accepts."""
    regex = match.group(1)
    if re.fullmatch(r"[\w|-]+", regex):
        return regex.split("|")[0]
    return next((s for s in _REGEX_SAMPLES if re.fullmatch(regex, s)), "geraten")


# --- Personas and the resident whose content must stay inside the fence --------------------

CASE_NAME = "Zacharias Fallgeheim"
CASE_NOTE = "Diabetes-Notiz-7731"


# The partner's own report: she may read its description on her page, nothing else about it.
REPORT_TEXT = "Sperrmuell-vor-Haus-8842"
REPORTER_NAME = "Reinhild Meldewitz"
INTERNAL_NOTE = "Interne-Notiz-5521"
# Never on a page for a visitor or a partner link holder: case content, who reported, notes.
OUTSIDERS_MUST_NOT_SEE = [
    CASE_NAME,
    CASE_NOTE,
    REPORTER_NAME,
    "helferin@example.org",
    INTERNAL_NOTE,
]


def _partner_links(helper, coordinator) -> dict:
    """A real forwarding of a real report and its answer link, plus an expired and a tampered
    one and the link's token on another forwarding's id."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from quartier.reports.actions import add_internal_note
    from quartier.routing import links
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority, Forwarding
    from testkit.factories import add_photo, categories, make_report

    helper.first_name, helper.last_name = REPORTER_NAME.split()
    helper.save(update_fields=["first_name", "last_name"])
    kinds = categories()
    authority = Authority.objects.create(name="Kommunalbetrieb Krefeld", emails="kbk@example.org")
    report = make_report(helper, kinds["abfall-wilder-muell"], description=REPORT_TEXT)
    photos = [add_photo(report)]
    add_internal_note(report=report, text=INTERNAL_NOTE, actor=coordinator)
    forwarding = forward_report(report=report, authority=authority, actor=coordinator)
    other = make_report(helper, kinds["muelleimer-voll"], description="Abgelaufen-3391")
    expired = forward_report(report=other, authority=authority, actor=coordinator)
    Forwarding.objects.filter(pk=expired.pk).update(
        link_expires_at=timezone.now() - dt.timedelta(days=1)
    )
    # One token for both (a token carries the second it was signed in; the first `reverse()`
    # of a process loads every URL module and can take longer than the rest of that second).
    token = links.make_token(forwarding)
    valid = reverse("routing:partner", args=[forwarding.pk, token])
    assert valid.split("/")[:4] == links.partner_path(forwarding).split("/")[:4]
    return {
        "valid": valid,
        "token": token,
        "ids": sorted({report.pk, forwarding.pk, other.pk, expired.pk}),
        "photos": [f"{valid}foto/{photo.pk}/" for photo in photos],
        "refused": {
            valid[:-6] + ("A" if valid[-6] != "A" else "B") + valid[-5:]: 404,  # tampered
            links.partner_path(expired): 410,
            f"/weiterleitung/antwort/{expired.pk}/{token}/": 404,  # real token, another id
            f"{valid}foto/987654/": 404,
        },
    }


@pytest.fixture
def world(helper, other_helper, coordinator, privacy_officer, quarters):
    from quartier.residents import actions as resident_actions

    admin = make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True)
    resident = resident_actions.create_resident(
        actor=helper,
        display_name=CASE_NAME,
        reach="02151 000000",
        reason=CASE_NOTE,
        quarter=helper.quarters.first(),
        age_band="80_plus",
        consent={
            "form": "verbal",
            "given_on": "2026-11-02",
            "info_sheet_version": "2026-01",
            "witness": "Kollegin",
        },
    )
    users = {
        "helper": helper,
        "other_helper": other_helper,
        "coordinator": coordinator,
        "privacy_officer": privacy_officer,
        "admin": admin,
    }
    partner = _partner_links(helper, coordinator)
    clients = {"anonymous": Client(), "partner": Client()}
    assert clients["partner"].get(partner["valid"]).status_code == 200  # holds a live link
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return {"clients": clients, "resident": resident, "partner": partner}


@dataclass(frozen=True)
class Page:
    """A response as the checks read it (status, headers, body), small enough to keep."""

    path: str
    status_code: int
    headers: dict[str, str]  # names in lower case
    content: bytes  # empty for a streamed response, which is not read
    streaming: bool

    @classmethod
    def of(cls, path: str, response) -> Page:
        streaming = getattr(response, "streaming", False)
        headers = {name.lower(): value for name, value in response.items()}
        content = b"" if streaming else response.content
        return cls(path, response.status_code, headers, content, streaming)

    def get(self, header: str, alternate=None):
        return self.headers.get(header.lower(), alternate)


@pytest.fixture
def rendered_pages(request, rendered_page_store) -> dict[tuple[str, str, bool], Page]:
    """Every URL pattern as every persona, by (persona, pattern key, real record): requested
    once per process, by the first test that asks, in `world` and in a fixed order (pattern,
    path, persona). The tests that read every page (this matrix, the placeholder check, the
    page titles) share them instead of rendering the same pages again."""
    if not rendered_page_store:
        world = request.getfixturevalue("world")
        resident = world["resident"].pk
        for pattern in all_patterns():
            paths = {False: concrete_path(pattern.route)}
            if pattern.key in REAL_RESIDENT:
                paths[True] = concrete_path(pattern.route, resident)
            for real, path in paths.items():
                for persona in PERSONAS:
                    response = world["clients"][persona].get(path)
                    rendered_page_store[persona, pattern.key, real] = Page.of(path, response)
    return rendered_page_store


def _is_login_redirect(response) -> bool:
    """To the platform login, or to the admin's login (which forwards to the platform's)."""
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "/accounts/login/" in location or "/verwaltung/daten/login/" in location
    )


REFUSED = {401, 403, 404, 405}


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode("utf-8", errors="replace")


def _role_problem(access: Access, persona: str, response) -> str | None:
    status = response.status_code
    refused = status in REFUSED or _is_login_redirect(response)
    allowed = persona in access.roles
    if access.kind in {"staff", "admin"} and not allowed and not refused:
        return f"refused persona got {status}"
    # 404 (a guessed id) and 405 (a POST-only page) are fine for an allowed persona.
    fine = {404, 405, 403} if access.after_search else {404, 405}
    if access.kind == "staff" and allowed and refused and status not in fine:
        return f"allowed persona got {status}"
    if access.kind == "token" and status == 200:
        return "guessed token opened the page"
    return None


def check(access: Access, persona: str, response, real: bool) -> str | None:
    """None if the response is what `access` promises `persona`, else what is wrong."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    body = _body(response)
    if (CASE_NAME in body or CASE_NOTE in body) and not (access.case and persona in access.roles):
        return "case content shown"
    if persona in {"anonymous", "partner"} and [s for s in OUTSIDERS_MUST_NOT_SEE if s in body]:
        return "case content, reporter or internal note shown"
    problem = _role_problem(access, persona, response)
    fenced_out = persona == "other_helper" and status == 404  # another quarter's resident
    opens = access.kind == "staff" and persona in access.roles and not fenced_out
    if problem is None and real and opens and status != 200:
        problem = f"real record: allowed persona got {status}"
    return problem


# --- The tests -----------------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    unclassified = [p.key for p in all_patterns() if classify(p) is None]
    assert not unclassified, (
        "These URL patterns are not in the permission matrix "
        "(quartier/tests/test_permission_matrix.py, MATRIX):\n  " + "\n  ".join(unclassified)
    )


def test_the_matrix_names_no_url_that_is_gone():
    keys = {p.key for p in all_patterns()}
    assert not [key for key in MATRIX if key not in keys]


@pytest.mark.slow(seconds=12, shares="rendered_pages")
@pytest.mark.django_db
def test_every_page_for_every_persona(rendered_pages):
    problems = []
    for pattern in all_patterns():
        access = classify(pattern)
        if access is None:
            continue
        for real in [False, True] if pattern.key in REAL_RESIDENT else [False]:
            for persona in PERSONAS:
                page = rendered_pages[persona, pattern.key, real]
                problem = check(access, persona, page, real)
                if problem:
                    problems.append(f"{persona:16} GET {page.path}: {problem}")
    assert not problems, "\n".join(problems)


def _filled_with(route: str, value: str, token: str) -> str:
    """The route with every id set to `value` and every text parameter to the real token."""
    return concrete_path(route).replace("987654", value).replace("geraten", token)


def test_the_partner_link_holder_with_real_ids_and_her_token(world):
    """Every URL pattern with the real ids of her report, forwarding and of the resident, and
    her real token in every text parameter: only her own page and photos open."""
    links = world["partner"]
    client = world["clients"]["partner"]
    own = {links["valid"], *links["photos"]}
    problems = []
    for pattern in all_patterns():
        access = classify(pattern)
        values = {str(v) for v in [*links["ids"], world["resident"].pk]}
        for path in {_filled_with(pattern.route, v, links["token"]) for v in values} - own:
            response = client.get(path)
            problem = check(access, "partner", response, False)
            if access.kind == "token" and response.status_code == 200:
                problem = "a link opened a page it was not made for"
            if problem:
                problems.append(f"GET {path}: {problem}")
    assert not problems, "\n".join(problems)


def test_the_partner_sees_her_report_and_nothing_of_the_case(world):
    links, client = world["partner"], world["clients"]["partner"]
    page = _body(client.get(links["valid"]))
    assert REPORT_TEXT in page
    assert not [s for s in OUTSIDERS_MUST_NOT_SEE if s in page]
    for photo in links["photos"]:
        assert client.get(photo).status_code == 200
    for path, status in links["refused"].items():
        response = client.get(path)
        assert response.status_code == status, path
        body = _body(response)
        assert REPORT_TEXT not in body and "Abgelaufen-3391" not in body, path
        assert not [s for s in OUTSIDERS_MUST_NOT_SEE if s in body], path


def test_the_privacy_officer_needs_a_search_for_a_real_record(world):
    client = world["clients"]["privacy_officer"]
    for key in PRIVACY_PROCEDURES:
        [pattern] = [p for p in all_patterns() if p.key == key]
        response = client.get(concrete_path(pattern.route, world["resident"].pk))
        assert response.status_code == 403
        assert CASE_NAME not in _body(response)


def test_helper_of_another_quarter_gets_404_for_the_real_record(world):
    client = world["clients"]["other_helper"]
    for key in REAL_RESIDENT:
        [pattern] = [p for p in all_patterns() if p.key == key]
        assert client.get(concrete_path(pattern.route, world["resident"].pk)).status_code == 404


def test_a_post_without_csrf_token_is_refused_everywhere(world, coordinator):
    """Every URL pattern, so every form: the CSRF check answers before any view runs (a 404
    for a guessed id or a 403 for a role would hide a missing check, so only the CSRF
    failure page counts)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    accepted = []
    for pattern in all_patterns():
        if classify(pattern) == API or pattern.key in CSRF_EXEMPT_BY_PROTOCOL:
            continue  # Open311: API key in the request, no cookies; SAML: signed messages
        path = concrete_path(pattern.route)
        response = client.post(path, {"x": "1"})
        if response.status_code != 403 or "Formular abgelaufen" not in _body(response):
            accepted.append(f"POST {path}: {response.status_code}")
    assert not accepted, "\n".join(accepted)


# The identity provider posts these from its own site; the SAML message is signed instead.
CSRF_EXEMPT_BY_PROTOCOL = {"saml_acs", "saml_sls"}


def test_only_the_api_and_the_saml_endpoints_are_exempt_from_the_csrf_check():
    exempt = {p.key for p in all_patterns() if p.csrf_exempt and classify(p) != API}
    assert exempt == CSRF_EXEMPT_BY_PROTOCOL


def test_a_tampered_session_cookie_is_a_visitor(world, settings):
    client = world["clients"]["coordinator"]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    cookie.set(cookie.key, cookie.value[:-4] + "abcd", cookie.value[:-4] + "abcd")
    response = client.get("/bewohner/personen/")
    assert _is_login_redirect(response)
