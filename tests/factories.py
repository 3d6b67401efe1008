import factory
from django.utils import timezone

from accounts.constants import MembershipRole, ServiceKind
from accounts.models import Company, Membership, Service, User

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
    class Meta:
        model = Company

    siret = "73282932000074"
    name = "Boulangerie Benali SARL"
