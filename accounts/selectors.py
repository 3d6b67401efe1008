"""Who belongs to which service: the one place that answers "is this user an agent (or a
supervisor) of this service?" for the workflow, the back office and the notifications, and
"does this user act for this company?" for filing."""

from .constants import ClaimStatus, MembershipRole
from .models import CompanyClaim, Membership, User


def is_agent(user, service_id):
    """An active staff member of the service (any role), or a superuser."""
    if user.is_superuser:
        return True
    return user.is_active and user.is_staff and Membership.objects.filter(
        user=user, service_id=service_id).exists()


def is_supervisor(user, service_id):
    if user.is_superuser:
        return True
    return user.is_active and user.is_staff and Membership.objects.filter(
        user=user, service_id=service_id, role=MembershipRole.SUPERVISOR).exists()


def agents_of(service_ids):
    """The active agents of these services (to notify them, to assign them a case)."""
    return User.objects.filter(memberships__service__in=service_ids, is_active=True,
                               is_staff=True).distinct()


def represents(user_id, company_id):
    """An accepted claim of the user on the company."""
    return CompanyClaim.objects.filter(user_id=user_id, company_id=company_id,
                                       status=ClaimStatus.ACCEPTED).exists()
