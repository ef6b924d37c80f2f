import factory

from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import Category, Membership, MembershipRole, Unit, UnitKind


class UnitFactory(factory.django.DjangoModelFactory):
    """Builds a Unit through treebeard's API: a root unless ``parent`` is given."""

    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = UnitKind.DEPARTMENT

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(create_kwargs=kwargs)
        return model_class.objects.add_child(parent, create_kwargs=kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(OfficerFactory)
    unit = factory.SubFactory(UnitFactory)
    role = MembershipRole.HANDLER


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    code = factory.Sequence(lambda n: f"category-{n}")
