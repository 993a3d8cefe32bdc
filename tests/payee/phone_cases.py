"""Cases for the phone cross-check, each labelled by the PyPI package
phonenumbers (libphonenumber; the version pinned in requirements.txt):
libphonenumber's example number of every type of every covered country,
one-digit edits of them (changed, inserted, dropped), and random digit
strings of the country's possible lengths (some keeping the first digits
of an example, so that a share is valid), each written in international
(also with the trunk prefix kept after the calling code), national and
out-of-country forms.

Prints JSON: {"countries": [...], "cases": [{value, country?, valid, type?, e164?}]}.
Covered countries are read from the generated table (src/payee/phone_data.rs).
Inputs that libphonenumber reads as another calling code than a covered
one are left out (payseal checks only the lengths of those)."""
import json
import random
import re
from pathlib import Path

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType, PhoneMetadata

random.seed(20261204)

TABLE = Path(__file__).resolve().parent.parent.parent / "src" / "payee" / "phone_data.rs"
COUNTRIES = re.findall(r'^    r"([A-Z]{2}) \d+ ', TABLE.read_text(), re.M)
CODES = {PhoneMetadata.metadata_for_region(r).country_code for r in COUNTRIES}
TYPE_NAMES = {getattr(PhoneNumberType, n): n.lower() for n in dir(PhoneNumberType) if n.isupper()}
RANDOM_PER_LENGTH = 40

cases = []
left_out = 0


def label(value, country):
    """libphonenumber's answer for value (read with country as the default region)."""
    global left_out
    case = {"value": value}
    if country:
        case["country"] = country
    try:
        num = phonenumbers.parse(value, country)
    except NumberParseException:
        case["valid"] = False
        cases.append(case)
        return
    if num.country_code not in CODES:
        left_out += 1
        return
    case["valid"] = phonenumbers.is_valid_number(num)
    if case["valid"]:
        case["type"] = TYPE_NAMES[phonenumbers.number_type(num)]
        case["e164"] = phonenumbers.format_number(num, PhoneNumberFormat.E164)
    cases.append(case)


def forms(region, code, nsn, prefix):
    """The ways a payee may write a national significant number."""
    other = random.choice([r for r in COUNTRIES if r != region])
    yield f"+{code}{nsn}", None
    yield f"+{code} {nsn}", region
    yield nsn, region
    if prefix:
        yield f"{prefix}{nsn}", region
    yield f"{code}{nsn}", region
    if prefix:
        yield f"+{code} {prefix}{nsn}", None  # the trunk prefix kept after the calling code
    yield f"00{code}{nsn}", other
    try:
        num = phonenumbers.parse(f"+{code}{nsn}")
        yield phonenumbers.format_out_of_country_calling_number(num, other), other
        yield phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL), region
        yield phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL), None
    except NumberParseException:
        pass


for region in COUNTRIES:
    meta = PhoneMetadata.metadata_for_region(region)
    code = meta.country_code
    prefix = meta.national_prefix or ""
    examples = []
    for t in TYPE_NAMES:
        ex = phonenumbers.example_number_for_type(region, t)
        if ex is not None:
            examples.append(phonenumbers.national_significant_number(ex))
    for nsn in sorted(set(examples)):
        for value, country in forms(region, code, nsn, prefix):
            if value.startswith("00") and country is None:
                continue  # 00 without a country: payseal's reading, not libphonenumber's
            label(value, country)
    # One digit changed, inserted or dropped: the numbers next to valid ones.
    for nsn in sorted(set(examples)):
        for _ in range(10):
            i = random.randrange(len(nsn))
            d = random.choice("0123456789")
            edit = random.choice(["change", "change", "insert", "drop"])
            changed = (nsn[:i] + d + nsn[i + 1:] if edit == "change" else
                       nsn[:i] + d + nsn[i:] if edit == "insert" else nsn[:i] + nsn[i + 1:])
            label(f"+{code}{changed}", None)
            label(changed, region)
    lengths = sorted(set(meta.general_desc.possible_length) | set(meta.general_desc.possible_length_local_only))
    for length in lengths:
        for i in range(RANDOM_PER_LENGTH):
            if i % 2 == 0 and examples:
                head = random.choice(examples)[: random.randint(1, 4)]
            else:
                head = ""
            nsn = (head + "".join(random.choice("0123456789") for _ in range(length)))[:length]
            for value, country in forms(region, code, nsn, prefix):
                if value.startswith("00") and country is None:
                    continue
                label(value, country)

print(json.dumps({"countries": COUNTRIES, "version": phonenumbers.__version__, "left_out": left_out, "cases": cases}))
