"""Realistic, reproducible identities for demo citizens and organisations. Pure functions:
the same seed gives the same people, and asking for more people only appends to the list,
so a second run with a larger count creates just the difference.

The names are composed here (family, middle, given name, in the Vietnamese order, with a
consistent gender) rather than taken from Faker's vi_VN provider, whose names come in Western
order with honorifics ("Quý ông Anh Đặng") and whose output changes between Faker versions.
"""

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from pakn.core.validators import normalise_vn_mobile, tax_code_check_digit
from pakn.demo import data


@dataclass(frozen=True)
class CitizenIdentity:
    username: str  # 12-digit CCCD
    full_name: str
    phone: str  # as accounts store it: +84…
    email: str
    is_female: bool
    birth_year: int
    # Picks the citizen's home commune: an index into the province's communes, modulo their
    # number.
    commune_pick: int


@dataclass(frozen=True)
class OrganisationIdentity:
    username: str  # 10-digit enterprise code
    name: str
    address: str
    phone: str
    email: str
    representative_name: str
    representative_phone: str  # +84…
    representative_email: str


def ascii_fold(text: str) -> str:
    """'Nguyễn Đức' -> 'nguyenduc': for e-mail local parts."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def person_name(*, rng: random.Random, is_female: bool) -> str:
    family_names, weights = zip(*data.FAMILY_NAMES, strict=True)
    family = rng.choices(family_names, weights=weights)[0]
    middles = data.MIDDLE_NAMES_FEMALE if is_female else data.MIDDLE_NAMES_MALE
    givens = data.GIVEN_NAMES_FEMALE if is_female else data.GIVEN_NAMES_MALE
    common_middle, share = (
        data.COMMON_MIDDLE_NAME_FEMALE if is_female else data.COMMON_MIDDLE_NAME_MALE
    )
    middle = common_middle if rng.random() < share else rng.choice(middles)
    # About one in seven has a two-word given name ("Nguyễn Thị Thu Hà"); "Văn" and "Thị"
    # only ever come first.
    if rng.random() < 0.15:
        second = rng.choice(middles)
        if second != middle and second not in ("Văn", "Thị"):
            middle = f"{middle} {second}"
    return f"{family} {middle} {rng.choice(givens)}"


def officer_name_and_phone(*, username: str) -> tuple[str, str]:
    """A stable name and mobile per username, whatever order the officers are created in."""
    rng = random.Random(f"officer:{username}")
    return person_name(rng=rng, is_female=rng.random() < 0.5), mobile_phone(rng=rng)


def mobile_phone(*, rng: random.Random) -> str:
    """A mobile number as accounts store it (+84912345678): drawn as a 10-digit national
    number and kept only if registration's own check accepts it."""
    while True:
        national = rng.choice(data.MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        try:
            return normalise_vn_mobile(national)
        except ValidationError:
            continue


def landline_phone(*, area_prefix: str, key: str) -> str:
    """A plausible fixed line, '0258 3xxx xxx', stable for a given key."""
    rng = random.Random(f"landline:{key}")
    return f"{area_prefix} 3{rng.randrange(1000):03d} {rng.randrange(1000):03d}"


def cccd_number(*, rng: random.Random, is_female: bool, birth_year: int) -> str:
    """Province code 056, the century/gender digit (0/1 for men/women born 1900–1999, 2/3
    for 2000–2099), the last two digits of the birth year, then six random digits."""
    century_digit = (0 if birth_year < 2000 else 2) + (1 if is_female else 0)
    return (
        f"{data.CCCD_PROVINCE_PREFIX}{century_digit}{birth_year % 100:02d}"
        f"{rng.randrange(10**6):06d}"
    )


def _birth_year(*, rng: random.Random) -> int:
    bands = data.AGE_BANDS
    low, high, _ = rng.choices(bands, weights=[band[2] for band in bands])[0]
    return data.REFERENCE_YEAR - rng.randint(low, high)


def _email(*, full_name: str, suffix: str) -> str:
    """given.family<suffix>@example.com"""
    words = full_name.split()
    return f"{ascii_fold(words[-1])}.{ascii_fold(words[0])}{suffix}@{data.DEMO_EMAIL_DOMAIN}"


def citizen_identities(
    *, count: int, seed: int = data.CITIZEN_RANDOM_SEED
) -> list[CitizenIdentity]:
    """The first ``count`` demo citizens, with unique usernames and phones."""
    stream = _citizen_stream(seed=seed)
    return [next(stream) for _ in range(count)]


def _citizen_stream(*, seed: int) -> Iterator[CitizenIdentity]:
    rng = random.Random(seed)
    usernames: set[str] = set()
    phones: set[str] = set()
    while True:
        is_female = rng.random() < 0.5
        birth_year = _birth_year(rng=rng)
        full_name = person_name(rng=rng, is_female=is_female)
        username = cccd_number(rng=rng, is_female=is_female, birth_year=birth_year)
        phone = mobile_phone(rng=rng)
        has_email = rng.random() < data.CITIZEN_EMAIL_SHARE
        commune_pick = rng.randrange(10**6)
        if username in usernames or phone in phones:
            continue
        usernames.add(username)
        phones.add(phone)
        yield CitizenIdentity(
            username=username,
            full_name=full_name,
            phone=phone,
            email=_email(full_name=full_name, suffix=f"{birth_year % 100:02d}")
            if has_email
            else "",
            is_female=is_female,
            birth_year=birth_year,
            commune_pick=commune_pick,
        )


def organisation_identities(
    *, seed: int = data.ORGANISATION_RANDOM_SEED
) -> list[OrganisationIdentity]:
    """The demo organisations, each with a valid enterprise code of Khánh Hòa (prefix 42,
    correct check digit) and a representative."""
    rng = random.Random(seed)
    identities = []
    codes: set[str] = set()
    for name, address, area_prefix in data.ORGANISATIONS:
        while True:
            first_nine = f"{data.BUSINESS_CODE_PREFIX}0{rng.randrange(10**6):06d}"
            check = tax_code_check_digit(first_nine)
            code = f"{first_nine}{check}"
            if check is not None and code not in codes:
                break
        codes.add(code)
        representative = person_name(rng=rng, is_female=rng.random() < 0.5)
        words = [w for w in name.split() if w not in {"Công", "ty", "TNHH", "Cổ", "phần"}]
        identities.append(
            OrganisationIdentity(
                username=code,
                name=name,
                address=address,
                phone=landline_phone(area_prefix=area_prefix, key=code),
                email=f"lienhe@{ascii_fold(''.join(words))}.{data.DEMO_EMAIL_DOMAIN}",
                representative_name=representative,
                representative_phone=mobile_phone(rng=rng),
                representative_email=_email(full_name=representative, suffix=code[-3:]),
            )
        )
    return identities
