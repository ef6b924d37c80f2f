import factory

from pakn.accounts.models import AccountType, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"0790{n:08d}")
    full_name = factory.Faker("name", locale="vi_VN")
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    account_type = AccountType.INDIVIDUAL
    password = factory.django.Password("Matkhau@2026")


class OfficerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"canbo{n}")
    account_type = AccountType.OFFICER
