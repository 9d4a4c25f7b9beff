import datetime as dt

import factory
from django.utils import timezone

from cases.models import Case, CaseType, StatusType
from tests.contacts.factories import ResidentFactory, TeamFactory


class CaseTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseType
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Zaaktype {n}")
    slug = factory.Sequence(lambda n: f"zaaktype-{n}")
    team = factory.SubFactory(TeamFactory)
    lead_time = 5

    @factory.post_generation
    def statuses(obj, create, extracted, **kwargs):
        if not create:
            return
        names = extracted or [
            ("Ontvangen", False),
            ("In behandeling", False),
            ("Afgehandeld", True),
        ]
        for order, (name, is_final) in enumerate(names, start=1):
            StatusType.objects.get_or_create(
                case_type=obj, name=name, defaults={"order": order, "is_final": is_final}
            )


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    class Params:
        closed = factory.Trait(
            closed_at=factory.LazyFunction(timezone.now),
            status=factory.LazyAttribute(lambda o: o.case_type.statuses.get(is_final=True)),
        )

    reference = factory.Sequence(lambda n: f"HH-2026-T{n:05d}")
    case_type = factory.SubFactory(CaseTypeFactory)
    team = factory.SelfAttribute("case_type.team")
    resident = factory.SubFactory(ResidentFactory)
    status = factory.LazyAttribute(lambda o: o.case_type.statuses.get(name="Ontvangen"))
    title = "Melding openbare ruimte"
    opened_at = factory.LazyFunction(timezone.now)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
