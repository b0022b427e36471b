"""The most specific rule wins, and the reason is given in words."""

from quartier.routing.models import RoutingRule
from quartier.routing.rules import match_rule


def test_parent_category_rule_applies_to_its_children(category, quarter):
    match = match_rule(category("wilder-muell"), quarter)
    assert match.rule.authority.short_name == "GSAK"
    assert "Oberkategorie „Abfall“" in match.reason
    assert "in allen Quartieren" in match.reason


def test_exact_category_beats_parent_category(category, quarter):
    match = match_rule(category("spritzen"), quarter)
    assert match.rule.authority.short_name == "Streetwork"
    assert "Kategorie „Spritzenfund“" in match.reason
    assert "genauer als 1 weitere" in match.reason
    assert [r.authority.short_name for r in match.candidates] == ["Streetwork", "GSAK"]


def test_quarter_rule_beats_any_quarter_rule(category, quarters, quarter):
    innenstadt = quarters["innenstadt"]
    assert match_rule(category("menschen-in-not"), innenstadt).rule.authority.short_name == (
        "Wohnungslosenhilfe"
    )
    assert match_rule(category("menschen-in-not"), quarter).rule.authority.short_name == (
        "Streetwork"
    )


def test_exact_category_any_quarter_beats_parent_category_in_the_quarter(
    category, quarter, routing_demo
):
    RoutingRule.objects.create(
        category=category("abfall"), quarter=quarter, authority=routing_demo["KOD"]
    )
    RoutingRule.objects.create(category=category("sperrmuell"), authority=routing_demo["KBK"])
    match = match_rule(category("sperrmuell"), quarter)
    assert match.rule.authority.short_name == "KBK"
    assert match_rule(category("wilder-muell"), quarter).rule.authority.short_name == "KOD"


def test_inactive_rules_and_inactive_authorities_are_ignored(category, quarter, routing_demo):
    RoutingRule.objects.filter(category__code="spritzen").update(is_active=False)
    assert match_rule(category("spritzen"), quarter).rule.authority.short_name == "GSAK"
    routing_demo["GSAK"].is_active = False
    routing_demo["GSAK"].save()
    match = match_rule(category("spritzen"), quarter)
    assert match.rule is None
    assert "Keine Regel passt" in match.reason


def test_report_outside_the_quarters_gets_any_quarter_rules(category):
    assert match_rule(category("schlagloch"), None).rule.authority.short_name == "KBK"


def test_demo_loader_is_idempotent(routing_demo):
    from quartier.routing import demo

    count = RoutingRule.objects.count()
    demo.load()
    assert RoutingRule.objects.count() == count == len(demo.DEMO_RULES)
