"""What the back office shows a user: the cases of the services they belong to (all of them for
a superuser), never a draft. Everything in the admin (queue, case page, actions, exports, home)
starts from `queue()`, so a case of another service is simply not found (404)."""

from dataclasses import dataclass
from functools import cached_property

from accounts.constants import MembershipRole
from accounts.models import Membership, Service

from ..models import Case
from ..registry import registry


def queue(user):
    return Case.objects.for_agent(user)


@dataclass(frozen=True)
class Scope:
    services: tuple  # the user's services, by name
    supervised: frozenset  # ids of the services where the user may assign cases to others

    @property
    def is_supervisor(self):
        return bool(self.supervised)

    @cached_property
    def procedures(self):
        """The registered procedures these services handle, by title: those whose default
        service is one of them, and those routed among services of their kind."""
        codes = {service.code for service in self.services}
        kinds = {service.kind for service in self.services}
        return tuple(sorted(
            (procedure for procedure in registry if procedure.service_code in codes
             or procedure.service_kind and procedure.service_kind in kinds),
            key=lambda procedure: str(procedure.title)))


def scope(request):
    """The request user's services, read once per request."""
    cached = getattr(request, "_backoffice_scope", None)
    if cached is None:
        user = request.user
        if user.is_superuser:
            services = tuple(Service.objects.order_by("name"))
            supervised = {service.pk for service in services}
        elif user.is_active and user.is_staff:
            memberships = list(Membership.objects.filter(user=user).select_related("service")
                               .order_by("service__name"))
            services = tuple(m.service for m in memberships)
            supervised = {m.service_id for m in memberships if m.role == MembershipRole.SUPERVISOR}
        else:
            services, supervised = (), set()
        cached = request._backoffice_scope = Scope(services, frozenset(supervised))
    return cached
