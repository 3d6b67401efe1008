"""The lane of a declaration, chosen once, right after its submission, from the risk rules in
force and the random rates (rules.select_lane), and kept in its Clearance with the reasons."""

import random
from decimal import Decimal

from django.utils import timezone

from . import rules
from .models import Clearance, RandomRate, Reason, RiskRule

_system_random = random.SystemRandom()


def facts(case):
    """What the rules look at, from the answers and the declarant's earlier declarations."""
    eori = case.answers["declarant"]["eori"]
    items = case.answers["items"]
    return rules.facts_of(items, eori=eori,
                          first_declaration=not Clearance.objects.filter(eori=eori).exists())


def select(case, *, rng=_system_random):
    """The case's Clearance: the existing one, or a new one with its lane and reasons."""
    existing = Clearance.objects.filter(case=case).first()
    if existing:
        return existing
    on = timezone.localdate(case.submitted_at)
    declaration = facts(case)
    candidates = {rule.pk: rule for rule in RiskRule.objects.filter(active=True)}
    selection = rules.select_lane(declaration, [r.as_rule() for r in candidates.values()],
                                  RandomRate.as_mapping(), rng, on=on)
    drawn = next((reason.lane for reason in selection.reasons if reason.rule_id is None), "")
    clearance = Clearance.objects.create(
        case=case, eori=declaration.eori, lane=selection.lane, random_lane=drawn,
        selected_at=case.submitted_at, post_clearance_audit=selection.lane == rules.BLUE)
    Reason.objects.bulk_create([
        Reason(clearance=clearance, rule_id=reason.rule_id, lane=reason.lane)
        for reason in selection.reasons if reason.rule_id is not None])
    return clearance


def duties_secured(case):
    """The duties need no payment before release: a guarantee covers them, or nothing is due."""
    return bool(case.answers["declarant"].get("guarantee_reference")) or Decimal(
        case.computed["liquidation"]["total"]) == 0
