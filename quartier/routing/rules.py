"""Which routing rule applies to a category in a quarter, and why (shown to coordinators)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from quartier.routing.models import RoutingRule


@dataclass(frozen=True)
class RuleMatch:
    rule: RoutingRule | None
    reason: str
    # Every candidate that was considered, most specific first (for the preview page).
    candidates: tuple[RoutingRule, ...] = ()


def specificity(rule: RoutingRule, category, quarter) -> int:
    """Exact category beats parent category; a quarter rule beats an any-quarter rule."""
    category_score = 2 if rule.category_id == category.pk else 1
    quarter_score = 1 if rule.quarter_id is not None else 0
    return category_score * 2 + quarter_score


def candidate_rules(category, quarter) -> list[RoutingRule]:
    category_ids = [category.pk] + ([category.parent_id] if category.parent_id else [])
    rules = (
        RoutingRule.objects.active()
        .filter(category_id__in=category_ids)
        .select_related("authority", "category", "category__parent", "quarter")
    )
    quarter_id = quarter.pk if quarter is not None else None
    matching = [r for r in rules if r.quarter_id is None or r.quarter_id == quarter_id]
    return sorted(matching, key=lambda r: -specificity(r, category, quarter))


def explain(rule: RoutingRule, category, quarter) -> str:
    if rule.category_id == category.pk:
        what = _("Regel für die Kategorie „%(category)s“") % {"category": category.name}
    else:
        what = _("Regel für die Oberkategorie „%(category)s“") % {"category": rule.category.name}
    if rule.quarter_id is not None:
        where = _("im Quartier %(quarter)s") % {"quarter": rule.quarter.name}
    else:
        where = _("in allen Quartieren")
    return f"{what} {where}"


def match_rule(category, quarter) -> RuleMatch:
    """The most specific active rule for `category` in `quarter` (None: no rule applies)."""
    candidates = candidate_rules(category, quarter)
    if not candidates:
        return RuleMatch(
            rule=None,
            reason=_("Keine Regel passt: die Koordination entscheidet, wer zuständig ist."),
        )
    rule = candidates[0]
    reason = explain(rule, category, quarter)
    if len(candidates) > 1:
        reason += " " + _("(genauer als %(count)s weitere passende Regel(n))") % {
            "count": len(candidates) - 1
        }
    return RuleMatch(rule=rule, reason=reason, candidates=tuple(candidates))
