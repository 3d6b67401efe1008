from types import MappingProxyType

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.constants import ServiceKind

from ..constants import Audience, CaseStatus, DelayUnit
from ..registry import Procedure, Step
from . import demo, rules
from .constants import Kind, Record, Relation
from .forms import CertificateForm, DeliveryForm, PersonForm, refusal_message


class CivilStatusProcedure(Procedure):
    slug = "civil_status"
    title = _("Civil-status certificate request")
    summary = _("Ask the town hall for a copy or an extract of a birth, marriage or death "
                "record, sent by post or to download.")
    audience = Audience.CITIZEN
    service_code = "mairie-etat-civil"
    service_kind = ServiceKind.CIVIL_STATUS
    steps = [
        Step("certificate", CertificateForm, _("The document you need")),
        Step("person", PersonForm, _("The person named in the record")),
        Step("delivery", DeliveryForm, _("Receiving the document")),
    ]
    delay = 10
    delay_unit = DelayUnit.WORKING_DAYS
    reference_prefix = "EC"
    what_to_prepare = (
        _("The last name, first names, date and place of birth of the person named in the "
          "record"),
        _("For a full copy or an extract with parentage: their parents’ names"),
        _("For a marriage record: the spouse’s name and the date of marriage; for a death "
          "record: the date and place of death"),
    )

    held_data = MappingProxyType({
        "person.last_name": "identity.last_name",
        "person.first_names": "identity.first_names",
        "person.birth_date": "identity.birth_date",
        "person.birth_place": "identity.birth_place",
        "delivery.address": "profile.address",
        "delivery.postal_code": "profile.postal_code",
        "delivery.city": "profile.city",
    })

    def prefill(self, step_name, *, user, company, answers):
        """The delivery address from the profile; the person named in the record too, when the
        requester says it is them."""
        if step_name == "delivery":
            return {"address": user.address, "postal_code": user.postal_code, "city": user.city}
        relation = answers.get("certificate", {}).get("relation")
        if step_name == "person" and relation == Relation.SELF:
            return {"last_name": user.last_name, "first_names": user.first_name,
                    "birth_date": user.birth_date.isoformat() if user.birth_date else "",
                    "birth_place": user.birth_place}
        return {}

    def form_kwargs(self, step_name, answers):
        if step_name == "person":
            certificate = answers.get("certificate", {})
            return {"record": certificate.get("record"), "kind": certificate.get("kind")}
        return {}

    def validate(self, answers):
        certificate = answers["certificate"]
        refusal = rules.refusal_reason(record=certificate["record"], kind=certificate["kind"],
                                       relation=certificate["relation"])
        if refusal:
            return {"certificate": [refusal_message(certificate["kind"], refusal)]}
        return {}

    def route(self, answers):
        """The town hall of the place of the event, when the guichet has its service."""
        town = rules.event_town(answers["certificate"]["record"], answers["person"])
        return rules.town_hall_code(town) if town else None

    def document_facts(self, case):
        certificate = case.answers.get("certificate", {})
        if not certificate.get("kind"):  # a purged case keeps no answers
            return []
        return [(_("Certificate"), f"{Kind(certificate['kind']).label}, "
                                   f"{Record(certificate['record']).label.lower()}")]

    def decision_details(self, case, event):
        """The issued certificate when the request is accepted (else the engine's letter)."""
        if event.to_status != CaseStatus.ACCEPTED:
            return None
        certificate = case.answers["certificate"]
        # Through the form: typed values, and only the fields this certificate asks for (an
        # answer left from another choice of document is not printed).
        person = self.bound_form("person", case.answers)
        person.is_valid()
        return {
            "template": "civil_status/certificate.html",
            "context": {  # added to the decision's own: case, procedure, event
                "record": Record(certificate["record"]), "kind": Kind(certificate["kind"]),
                "person": person.cleaned_data, "specimen": not settings.PRODUCTION,
            },
        }

    def seed_demo(self, people):
        demo.seed_cases(self, people)
