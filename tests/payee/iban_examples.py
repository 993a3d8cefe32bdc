"""The SWIFT IBAN Registry examples (tests/payee/iban_examples.txt) through
python-stdnum, the independent reference: each example's answer, and every
one-character change of each example that stdnum accepts. Prints JSON:
{"version", "examples": [{country, iban, valid, error}], "accepted_changes"}."""
import json
import os

import stdnum
from stdnum import iban

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "iban_examples.txt")
examples = []
with open(path, encoding="ascii") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            country, value = line.split()
            examples.append((country, value))

out = {"version": stdnum.__version__, "examples": [], "accepted_changes": []}
for country, value in examples:
    try:
        iban.validate(value)
        valid, error = True, None
    except Exception as e:  # stdnum's ValidationError subclasses
        valid, error = False, type(e).__name__
    out["examples"].append({"country": country, "iban": value, "valid": valid, "error": error})
    for i, original in enumerate(value):
        for c in ALPHABET:
            if c != original:
                changed = value[:i] + c + value[i + 1:]
                if iban.is_valid(changed):
                    out["accepted_changes"].append(changed)
print(json.dumps(out))
