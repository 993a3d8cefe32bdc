"""Cases for the payee cross-check: valid examples and random one-character
mutations of them, each labelled by python-stdnum (the independent
reference). Prints JSON: [{kind, value, valid, context?}]."""
import json
import random

from stdnum import iban, bic, luhn
from stdnum.br import cpf, cnpj
from stdnum.mx import curp, rfc
from stdnum.pe import cui, ruc
from stdnum.co import nit
from stdnum.cl import rut
from stdnum.ar import cbu, cuit
from stdnum.in_ import aadhaar, pan
from stdnum.id import nik, npwp
from stdnum.tr import tckimlik

random.seed(20261123)

# kind -> (stdnum validator, examples)
KINDS = {
    "iban": (iban.is_valid, ["GB82WEST12345698765432", "DE89370400440532013000", "SA0380000000608010167519",
                             "AE070331234567890123456", "EG380019000500000000263180002", "TR330006100519786457841326",
                             "KW81CBKU0000000000001234560101", "BH67BMAG00001299123456", "FR1420041010050500013M02606"]),
    "bic": (bic.is_valid, ["DEUTDEFF", "NEDSZAJJXXX", "BSCHESMMXXX"]),
    "br.cpf": (cpf.is_valid, ["11144477735", "39053344705", "52998224725"]),
    "br.cnpj": (cnpj.is_valid, ["11222333000181", "12ABC34501DE35", "33000167000101"]),
    "mx.curp": (curp.is_valid, ["BOXW310820HNERXN09"]),
    "mx.rfc": (lambda n: rfc.is_valid(n, validate_check_digits=True) and len(rfc.compact(n)) in (12, 13), ["GODE561231GR8"]),
    "pe.dni": (cui.is_valid, ["10117410", "101174102"]),
    "pe.ruc": (ruc.is_valid, ["20512333797", "10101174102"]),
    "co.nit": (nit.is_valid, ["2131234321", "8600123363"]),
    "cl.rut": (rut.is_valid, ["760864285", "125319092"]),
    "ar.cbu": (lambda n: cbu.is_valid(n) and not cbu.compact(n).startswith("000"), ["2850590940090418135201"]),
    "ar.cuit": (cuit.is_valid, ["20055361682", "30500010912"]),
    "in.pan": (pan.is_valid, ["ABCPE1234F", "AAACR5055K"]),
    "in.aadhaar": (aadhaar.is_valid, ["234123412346"]),
    "id.npwp": (npwp.is_valid, ["013000666091000"]),
    "tr.tckimlik": (tckimlik.is_valid, ["17291716060"]),
}

# Where payseal's documented policy differs from stdnum's answer.
def policy(kind, value):
    if kind in ("br.cpf", "br.cnpj") and len(set(value)) == 1:
        return False  # repeated digits: refused by payseal
    if kind == "iban" and value[2:4] in ("00", "01", "99"):
        return False  # never issued (ISO 13616 gives 02 to 98): refused by payseal
    return None

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

cases = []
for kind, (is_valid, examples) in KINDS.items():
    for ex in examples:
        cases.append({"kind": kind, "value": ex, "valid": bool(is_valid(ex))})
        for _ in range(150):
            chars = list(ex)
            i = random.randrange(len(chars))
            pool = "0123456789" if chars[i].isdigit() else ALPHABET
            if random.random() < 0.15 and i + 1 < len(chars):
                chars[i], chars[i + 1] = chars[i + 1], chars[i]  # transposition
            else:
                chars[i] = random.choice(pool)
            value = "".join(chars)
            expected = policy(kind, value)
            if expected is None:
                expected = bool(is_valid(value))
            cases.append({"kind": kind, "value": value, "valid": expected})
# Card numbers: published test numbers; mutations keep the IIN (first 6
# digits) and so the scheme and length, leaving validity to stdnum's Luhn.
for ex in ["4111111111111111", "4222222222222", "5555555555554444", "2223003122003222", "378282246310005",
           "6011111111111117", "3530111333300000", "6200000000000005", "36227206271667", "4000056655665556",
           "4111111111111111110"]:
    cases.append({"kind": "card.pan", "value": ex, "valid": bool(luhn.is_valid(ex))})
    for _ in range(200):
        chars = list(ex)
        i = random.randrange(6, len(chars))
        if random.random() < 0.2 and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = random.choice("0123456789")
        value = "".join(chars)
        cases.append({"kind": "card.pan", "value": value, "valid": bool(luhn.is_valid(value))})
# NIK: stdnum also checks the regency against its own table, so only its
# "valid" answers are compared (payseal checks province and date).
for value in ["3171011708450001", "3171015708450001", "1101010101900001", "3273014410950003"]:
    if nik.is_valid(value):
        cases.append({"kind": "id.nik", "value": value, "valid": True})
print(json.dumps(cases))
