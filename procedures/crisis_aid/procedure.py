"""The crisis-aid request of a small business: one procedure for every scheme, the scheme chosen
in the request among the open ones (one catalogue entry: one address to announce, one journey
that stays the same from month to month)."""

from decimal import Decimal
from types import MappingProxyType

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..constants import ActorRole, Audience, CaseStatus, DelayUnit
from ..display import money
from ..registry import AutomaticStep, Procedure, Step, Transition
from . import rules
from .filed import SLUG, last_request
from .forms import BankForm, CompanyForm, FiguresForm, SchemeForm, StatementForm
from .models import AidScheme

DECIMALS = ("last_year_turnover", "taxable_profit", "reference_turnover", "crisis_turnover")


class CrisisAidProcedure(Procedure):
    slug = SLUG
    title = _("Solidarity fund for small businesses")
    audience = Audience.COMPANY
    service_code = "guichet-aides"
    steps = [
        Step("company", CompanyForm, _("Your company")),
        Step("scheme", SchemeForm, _("The aid you ask for")),
        Step("figures", FiguresForm, _("Your turnover")),
        Step("bank", BankForm, _("The company’s bank account")),
        Step("statement", StatementForm, _("Sworn statement")),
    ]
    # The company's SIRET and name come from its record; its last year's figures and its
    # headcount are held by the tax administration and URSSAF, which the guichet does not
    # reach: they are still asked (three items).
    held_data = MappingProxyType({
        "company.siret": "company.siret",
        "company.name": "company.name",
        "company.employees": "social.headcount",
        "figures.last_year_turnover": "tax.turnover",
        "figures.taxable_profit": "tax.taxable_profit",
    })
    delay = 5
    delay_unit = DelayUnit.WORKING_DAYS
    reference_prefix = "FS"
    bulk_decisions = True
    what_to_prepare = (
        _("The turnover and taxable profit of your last closed financial year"),
        _("The turnover of the month of loss, and of the same month a year earlier (or your "
          "average monthly turnover since the company was created)"),
        _("The company’s bank details (RIB)"),
    )
    # An agent decides from the queue (submitted) or after a review; bulk confirmations of
    # proposals apply these, as each proposal names one.
    extra_transitions = (
        Transition("grant", (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW), CaseStatus.ACCEPTED,
                   ActorRole.AGENT, _("Grant the aid")),
        Transition("refuse", (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW), CaseStatus.REJECTED,
                   ActorRole.AGENT, _("Refuse the aid"), needs_text=True),
        Transition("grant_at_once", (CaseStatus.SUBMITTED,), CaseStatus.ACCEPTED,
                   ActorRole.SYSTEM, _("Granted at once by the system")),
    )

    @property
    def listed(self):
        """In the catalogue while a scheme is open."""
        return AidScheme.objects.open().exists()

    @property
    def summary(self):
        names = [scheme.name for scheme in AidScheme.objects.open()]
        text = gettext("Aid for companies of at most 10 employees hit by a crisis: one request "
                       "per company and scheme, answered within 5 working days.")
        if names:
            text += " " + gettext("Open now: %(schemes)s.") % {"schemes": ", ".join(names)}
        return text

    def prefill(self, step_name, *, user, company, answers):
        """The company from its profile, and what it gave in its last request (legal form, NAF
        code, headcount, bank account): filing the next month is a matter of figures."""
        last = last_request(company)
        earlier = last.answers.get(step_name, {}) if last else {}
        if step_name == "company" and company:
            return {**{name: earlier[name] for name in ("legal_form", "naf_code", "employees")
                       if name in earlier},
                    "siret": company.siret, "name": company.name}
        if step_name == "scheme":
            scheme = AidScheme.objects.open().first()  # the latest month
            return {"scheme": str(scheme.pk)} if scheme else {}
        if step_name == "bank":
            return earlier or ({"holder": company.name} if company else {})
        return {}

    def form_kwargs(self, step_name, answers):
        if step_name == "scheme":
            return {"siret": answers.get("company", {}).get("siret")}
        if step_name == "figures":
            return {"scheme": self.scheme(answers)}
        return {}

    def scheme(self, answers):
        scheme_id = answers.get("scheme", {}).get("scheme")
        return AidScheme.objects.filter(pk=scheme_id).first() if scheme_id else None

    def compute(self, answers):
        """The pre-assessment: eligible or not and why, the loss and the aid, and whether an
        eligible request is clean enough to be granted by the system."""
        scheme = self.scheme(answers)
        if scheme is None or "figures" not in answers:
            return {}
        figures = {name: Decimal(answers["figures"][name]) for name in DECIMALS}
        assessment = rules.assess(
            scheme.parameters(), employees=int(answers["company"]["employees"]),
            last_year_turnover=figures["last_year_turnover"],
            taxable_profit=figures["taxable_profit"],
            administrative_closure=bool(answers["figures"].get("administrative_closure")),
            reference_turnover=figures["reference_turnover"],
            crisis_turnover=figures["crisis_turnover"])
        flags = rules.review_flags(
            company_name=answers["company"]["name"],
            account_holder=answers.get("bank", {}).get("holder", ""),
            last_year_turnover=figures["last_year_turnover"],
            reference_turnover=figures["reference_turnover"]) if assessment.eligible else ()
        return {"scheme": scheme.pk, "scheme_name": scheme.name,
                "eligible": assessment.eligible, "reasons": list(assessment.reasons),
                "loss": str(assessment.loss), "aid": str(assessment.aid),
                "flags": list(flags)}

    def computed_summary(self, computed):
        if not computed:
            return []
        rows = [(gettext("Loss of turnover over the month"),
                 money(Decimal(computed["loss"])))]
        if computed["eligible"]:
            rows.append((gettext("Aid"), money(Decimal(computed["aid"]))))
        else:
            rows.append((gettext("Pre-assessment"), gettext("Not eligible: %(reasons)s") % {
                "reasons": " ".join(computed["reasons"])}))
        return rows

    def proposal(self, case):
        """(transition, motivation, amount) the system proposes for a submitted case."""
        computed = case.computed
        if computed["eligible"]:
            return ("grant", gettext("The company meets the conditions of %(scheme)s: an aid "
                                      "of %(aid)s is granted.") % {
                "scheme": computed["scheme_name"], "aid": money(Decimal(computed["aid"]))},
                Decimal(computed["aid"]))
        return ("refuse", gettext("The company does not meet the conditions of %(scheme)s: "
                                  "%(reasons)s") % {"scheme": computed["scheme_name"],
                                                    "reasons": " ".join(computed["reasons"])},
                None)

    def after_submission(self, case):
        """The stored assessment becomes the case's proposal; a clean eligible case of a scheme
        that allows it is granted by the system at once."""
        from .. import workflow

        transition, motivation, amount = self.proposal(case)
        workflow.propose(case, transition=transition, motivation=motivation, amount=amount)
        computed = case.computed
        if computed["eligible"] and not computed["flags"] and AidScheme.objects.filter(
                pk=computed["scheme"], decided_by_system=True).exists():
            return AutomaticStep("grant_at_once", motivation, {"aid": computed["aid"]})
        return None

    def decision_details(self, case, event):
        if event.to_status != CaseStatus.ACCEPTED:
            return None
        bank = case.answers["bank"]
        return {"template": "pdf/details_table.html", "context": {
            "title": gettext("Payment of the aid"),
            "rows": [(gettext("Scheme"), case.computed["scheme_name"]),
                     (gettext("Amount"), money(Decimal(case.computed["aid"]))),
                     (gettext("Paid to the account"), f"{bank['iban']} — {bank['holder']}"),
                     (gettext("Bank"), bank["bank"])]}}

    def seed_demo(self, people):
        from .demo import seed_cases

        seed_cases(self, people)
