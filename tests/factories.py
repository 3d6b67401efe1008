import factory
from django.utils import timezone

from accounts.constants import ClaimRole, ClaimStatus, MembershipRole, ServiceKind
from accounts.models import Company, CompanyClaim, Membership, Service, User

PASSWORD = "Un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"usager{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        unverified = factory.Trait(email_verified_at=None)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = ServiceKind.OTHER


class AgentFactory(UserFactory):
    """A staff user, member of a service: `AgentFactory(service=s, service__role="supervisor")`."""

    is_staff = True

    @factory.post_generation
    def service(obj, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                user=obj,
                service=extracted or ServiceFactory(),
                role=kwargs.get("role", MembershipRole.AGENT),
            )


class CompanyFactory(factory.django.DjangoModelFactory):
    """`CompanyFactory(represented_by=user)`: the user acts for it (an accepted claim)."""

    class Meta:
        model = Company
        skip_postgeneration_save = True

    siret = "73282932000074"
    name = "Boulangerie Benali SARL"

    @factory.post_generation
    def represented_by(obj, create, extracted, **kwargs):
        if create and extracted:
            CompanyClaimFactory(user=extracted, siret=obj.siret, name=obj.name, company=obj,
                                status=ClaimStatus.ACCEPTED, reviewed_at=timezone.now())


class CompanyClaimFactory(factory.django.DjangoModelFactory):
    """A pending claim (no proof file: tests that read it upload one through the form)."""

    class Meta:
        model = CompanyClaim

    user = factory.SubFactory(UserFactory)
    siret = "73282932000074"
    name = "Boulangerie Benali SARL"
    role = ClaimRole.LEGAL_REPRESENTATIVE
