import datetime
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from ..constants import ActorRole, Audience, CaseStatus, DelayUnit
from ..models import Case
from ..registry import FormsetStep, Procedure, Step, Transition
from . import demo, estimate
from .corrections import CorrectionForm, apply_correction, correction_lines
from .forms import ChildForm, HouseholdForm, IncomesForm, SpouseForm, YearForm

HOUSEHOLD_KEPT = ("situation", "single_parent")  # what last year's return tells again


class TaxFilingProcedure(Procedure):
    slug = "tax_filing"
    title = _("Income-tax return")
    summary = _("Declare your household’s incomes of the year and see the estimate of your "
                "income tax, line by line, before you send the return.")
    audience = Audience.CITIZEN
    service_code = "sip-villebourg"
    steps = [
        Step("year", YearForm, _("The year of the incomes")),
        Step("household", HouseholdForm, _("You and your household")),
        Step("spouse", SpouseForm, _("Your spouse or partner"), condition=estimate.is_couple),
        FormsetStep("children", ChildForm, _("Your dependent children"), max_num=20,
                    row_title=_("Child")),
        Step("incomes", IncomesForm, _("The household’s incomes")),
    ]
    delay = 30
    delay_unit = DelayUnit.CALENDAR_DAYS
    reference_prefix = "IR"
    what_to_prepare = (
        _("For each member of the couple: the net taxable salaries and pensions of the year "
          "(on the December payslip or the annual statement) and any other net taxable "
          "income"),
        _("The first names and dates of birth of your dependent children"),
    )
    extra_transitions = (
        Transition("correct_income", (CaseStatus.IN_REVIEW,), CaseStatus.IN_REVIEW,
                   ActorRole.AGENT, _("Correct an income"), needs_text=True,
                   form_class=CorrectionForm, apply=apply_correction),
    )

    def form_kwargs(self, step_name, answers):
        if step_name == "incomes":
            return {"couple": estimate.is_couple(answers)}
        return {}

    def action_form_kwargs(self, transition_name, case):
        return {"couple": estimate.is_couple(case.answers)}

    def last_return(self, user, answers):
        """The applicant's return for the year before the one declared, if they filed one."""
        year = (answers.get("year") or {}).get("income_year")
        if not year:
            return None
        return (Case.objects.filter(procedure=self.slug, applicant=user,
                                    submitted_at__isnull=False,
                                    answers__year__income_year=int(year) - 1)
                .order_by("-submitted_at").first())

    held_data = MappingProxyType({
        "household.last_name": "identity.last_name",
        "household.first_names": "identity.first_names",
        "household.birth_date": "identity.birth_date",
        # The salaries and pensions that employers and pension funds declare: the guichet is
        # not connected to the tax administration, so they are still asked (one item).
        "incomes.declarant_salaries": "tax.income",
    })

    def prefill(self, step_name, *, user, company, answers):
        """The declarant from the profile; the household as last year's return gave it
        ("tell us once"): the situation, the spouse, the children."""
        last = self.last_return(user, answers) if step_name != "year" else None
        last_answers = last.answers if last else {}
        if step_name == "household":
            declarant = {"last_name": user.last_name, "first_names": user.first_name,
                         "birth_date": user.birth_date.isoformat() if user.birth_date else None}
            household = {name: value for name, value in
                         (last_answers.get("household") or {}).items() if name in HOUSEHOLD_KEPT}
            return {**{k: v for k, v in declarant.items() if v}, **household}
        if step_name in ("spouse", "children"):
            return last_answers.get(step_name) or ({} if step_name == "spouse" else [])
        return {}

    def validate(self, answers):
        """A child is declared for the year only if born by its end; case T needs a child."""
        errors = {}
        year = answers["year"]["income_year"]
        late = [child["first_names"] for child in answers.get("children") or []
                if child.get("birth_date")
                and datetime.date.fromisoformat(child["birth_date"]).year > year]
        if late:
            errors["children"] = [
                _("%(names)s: born after %(year)s, declared from the incomes of the year of "
                  "birth.") % {"names": ", ".join(late), "year": year}]
        if answers["household"].get("single_parent") and not answers.get("children"):
            errors["household"] = [_("Box T is for a parent living alone with dependent "
                                     "children: you declared none.")]
        return errors

    def compute(self, answers):
        return estimate.compute(answers)

    def computed_summary(self, computed):
        return estimate.lines(computed) + correction_lines(computed)

    def decision_details(self, case, event):
        """The assessment summary, when the tax office confirms the return."""
        if event.to_status != CaseStatus.ACCEPTED:
            return None
        return {
            "template": "tax_filing/assessment.html",
            "context": {"lines": estimate.lines(case.computed),
                        "corrections": correction_lines(case.computed),
                        "summary": self.summarise(case.answers)},
        }

    def seed_demo(self, people):
        demo.seed_cases(self, people)
