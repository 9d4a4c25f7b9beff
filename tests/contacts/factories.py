import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from contacts.constants import Channel, ResidentKind
from contacts.crypto import bsn_hash
from contacts.models import ContactMoment, Resident, Team

# Valid by the 11-proef, from the 999990000-999999999 test range.
TEST_BSNS = ["999990019", "999990020", "999990032", "999990044", "999990056", "999990068"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Groep {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")
    group = factory.SubFactory(GroupFactory, name=factory.SelfAttribute("..name"))


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    class Params:
        bsn = None

    kind = ResidentKind.PERSON
    name = factory.Sequence(lambda n: f"Inwoner {n}")
    email = factory.Sequence(lambda n: f"inwoner{n}@example.nl")
    bsn_hash = factory.LazyAttribute(lambda o: bsn_hash(o.bsn) if o.bsn else None)
    user = factory.SubFactory(UserFactory)


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    channel = Channel.PHONE
    topic = "Vraag over afval"
