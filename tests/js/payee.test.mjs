// Payee validation through the JS API: every kind cross-checked with
// python-stdnum, CLABE and CCI by their published formulas, edge inputs, and
// the paymentFieldValidation answer shape.
import test from "node:test";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { validateField, validatePayee, ruleSet, ruleSets, PaysealError } from "payseal";

const KINDS = ["iban", "bic", "email", "phone", "url", "card.pan", "br.cpf", "br.cnpj", "br.pix_key", "mx.clabe", "mx.curp", "mx.rfc",
  "pe.cci", "pe.dni", "pe.ruc", "co.nit", "cl.rut", "ar.cbu", "ar.cvu", "ar.cuit", "in.ifsc", "in.pan", "in.aadhaar",
  "id.nik", "id.npwp", "tr.tckimlik", "ng.nuban"];

test("every kind agrees with python-stdnum on examples and thousands of mutations", () => {
  const script = fileURLToPath(new URL("../payee/stdnum_cases.py", import.meta.url));
  const cases = JSON.parse(execFileSync("python3", [script], { maxBuffer: 64 << 20 }).toString());
  assert.ok(cases.length > 3000);
  const disagreements = cases.filter((c) => validateField(c.kind, c.value).valid !== c.valid);
  assert.deepEqual(disagreements.slice(0, 10), []);
});

test("phone agrees with libphonenumber (phonenumbers) on validity, type and E.164", () => {
  const script = fileURLToPath(new URL("../payee/phone_cases.py", import.meta.url));
  const { cases } = JSON.parse(execFileSync("python3", [script], { maxBuffer: 64 << 20 }).toString());
  assert.ok(cases.length > 20000 && cases.filter((c) => c.valid).length > 3000);
  const disagreements = [];
  for (const c of cases) {
    const got = validateField("phone", c.value, c.country ? { country: c.country } : undefined);
    const want = c.valid ? { valid: true, normalized: c.e164, phoneType: c.type } : { valid: false };
    const seen = got.valid ? { valid: true, normalized: got.normalized, phoneType: got.phoneType } : { valid: false };
    if (JSON.stringify(seen) !== JSON.stringify(want)) disagreements.push({ ...c, got });
    if (!got.valid) assert.ok(got.code && got.message && !("phoneType" in got));
  }
  assert.deepEqual(disagreements.slice(0, 10), []);
  assert.deepEqual(validateField("phone", "912 345 678", { country: "PE" }),
    { valid: true, normalized: "+51912345678", phoneType: "mobile" });
  assert.equal(validateField("phone", "+1 201 555 0123").phoneType, "unknown");
  assert.ok(!("phoneType" in validateField("email", "a@example.com")));
});

// The published formulas, computed here independently of the crate.
function clabeCheck(d17) {
  const w = [3, 7, 1];
  const sum = [...d17].reduce((s, c, i) => s + ((Number(c) * w[i % 3]) % 10), 0);
  return (10 - (sum % 10)) % 10;
}
function cciCheck(digits) {
  const sum = [...digits].reduce((s, c, i) => {
    const p = Number(c) * (i % 2 === 0 ? 1 : 2);
    return s + Math.floor(p / 10) + (p % 10);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

test("CLABE and CCI agree with their published formulas on random numbers", () => {
  let seed = 7;
  const digit = () => String((seed = (seed * 48271) % 2147483647) % 10);
  for (let i = 0; i < 500; i++) {
    const body = Array.from({ length: 17 }, digit).join("");
    const good = body + clabeCheck(body);
    assert.equal(validateField("mx.clabe", good).valid, true, good);
    assert.equal(validateField("mx.clabe", body + ((clabeCheck(body) + 1 + (i % 9)) % 10)).valid, false);
    const a = Array.from({ length: 6 }, digit).join("");
    const b = Array.from({ length: 12 }, digit).join("");
    const cci = a + b + cciCheck(a) + cciCheck(b);
    assert.equal(validateField("pe.cci", cci).valid, true, cci);
    assert.equal(validateField("pe.cci", a + b + cciCheck(a) + ((cciCheck(b) + 1) % 10)).valid, false);
  }
  for (const published of ["00219300247595201411", "011-366-000100032542-21"]) {
    assert.equal(validateField("pe.cci", published).valid, true);
  }
});

// BCRA's CBU block check, here independently of the crate.
function cbuBlockCheck(digits) {
  const w = [3, 1, 7, 9];
  const sum = [...digits].reverse().reduce((s, c, i) => s + Number(c) * w[i % 4], 0);
  return (10 - (sum % 10)) % 10;
}

test("CVU and CBU agree with the BCRA block formula", () => {
  let seed = 11;
  const digit = () => String((seed = (seed * 48271) % 2147483647) % 10);
  for (let i = 0; i < 200; i++) {
    const b1 = "000" + Array.from({ length: 4 }, digit).join("");
    const b2 = Array.from({ length: 13 }, digit).join("");
    const cvu = b1 + cbuBlockCheck(b1) + b2 + cbuBlockCheck(b2);
    assert.deepEqual(validateField("ar.cvu", cvu), { valid: true, normalized: cvu });
    assert.equal(validateField("ar.cbu", cvu).code, "INVALID_COMPONENT", "a CVU is not a bank CBU");
    assert.equal(validateField("ar.cvu", cvu.slice(0, 21) + ((Number(cvu[21]) + 1) % 10)).code, "INVALID_CHECKSUM");
    const bank = "285" + Array.from({ length: 4 }, digit).join("");
    const cbu = bank + cbuBlockCheck(bank) + b2 + cbuBlockCheck(b2);
    assert.equal(validateField("ar.cbu", cbu).valid, true, cbu);
    assert.equal(validateField("ar.cvu", cbu).code, "INVALID_COMPONENT");
  }
});

test("edge inputs: empty, formatted, wrong characters, non-ASCII digits, 10 kB", () => {
  for (const kind of KINDS) {
    const ctx = { bankCode: "058" };
    assert.deepEqual(validateField(kind, "", ctx).code, "REQUIRED", kind);
    const huge = validateField(kind, "7".repeat(10_000), ctx);
    assert.equal(huge.valid, false, kind);
    assert.equal(huge.code, "INVALID_LENGTH", kind);
    const r = validateField(kind, "٣٩٠٥٣٣٤٤٧٠٥", ctx);
    assert.equal(r.valid, false, kind);
  }
  assert.deepEqual(validateField("br.cpf", " 390.533.447-05 "), { valid: true, normalized: "39053344705" });
  assert.equal(validateField("br.cpf", "390.533.447-0X").code, "INVALID_CHARACTERS");
  assert.equal(validateField("br.cpf", "３９０５３３４４７０５").code, "INVALID_CHARACTERS");
  assert.equal(validateField("iban", "gb82 west 1234 5698 7654 32").normalized, "GB82WEST12345698765432");
  assert.throws(() => validateField("br.cpf", 39053344705), { code: "INVALID_ARGUMENT" });
  assert.throws(() => validateField("xx.nope", "1"), (e) => e instanceof PaysealError && e.code === "FIELD_KIND_UNKNOWN" && /pe\.cci/.test(e.message));
  assert.throws(() => validateField("iban", "x", "DE"), { code: "INVALID_ARGUMENT" });
});

test("ruleSet(id) gives every built-in rule set as its data file has it, ready to extend", () => {
  const files = ["payermax.payout.json", "payermax.payout.countries.json", "payermax.payout.methods.json", "cashy.pe.payout.json"]
    .flatMap((f) => [JSON.parse(readFileSync(new URL(`../../src/payee/rulesets/${f}`, import.meta.url), "utf8"))].flat());
  assert.deepEqual(ruleSets().toSorted(), files.map((s) => s.id).toSorted());
  for (const source of files) assert.deepEqual(ruleSet(source.id), source, source.id);
  assert.equal(ruleSet("payermax.payout.BR.BANK_TRANSFER").extends, "payermax.payout");
  assert.throws(() => ruleSet("payermax.payout.ZZ.BANK_TRANSFER"), { code: "RULESET_UNKNOWN" });
  assert.throws(() => ruleSet(7), { code: "INVALID_ARGUMENT" });

  // A rule set of one's own on top of a built-in one: the built-in rules
  // still apply, and so does the added one.
  const base = ruleSet("payermax.payout.BR.BANK_TRANSFER");
  const mine = { id: "mine.br", extends: base.id, fields: { "payeeInfo.email": { required: true } } };
  const payee = {
    country: "BR",
    payeeInfo: { paymentMethodType: "BANK_TRANSFER", accountInfo: { accountNo: "12345678" }, document: { documentType: "CPF", documentId: "390.533.447-07" } },
  };
  const fields = validatePayee(mine, payee).validationFailedFields.map((f) => f.field).toSorted();
  assert.deepEqual(fields, ["payeeInfo.document.documentId", "payeeInfo.email"]);
});

test("validatePayee answers in the shape of paymentFieldValidation", () => {
  assert.ok(ruleSets().includes("cashy.pe.payout"));
  assert.ok(ruleSets().includes("payermax.payout.BR.BANK_TRANSFER"));
  const data = {
    country: "BR",
    payeeInfo: {
      paymentMethodType: "BANK_TRANSFER",
      accountInfo: { accountNo: "12345678" },
      document: { documentType: "CPF", documentId: "390.533.447-06" },
      name: { firstName: "João" },
      nickname: "jo",
    },
  };
  const r = validatePayee("payermax.payout.BR.BANK_TRANSFER", data, { parameters: { orderFields: false } });
  assert.deepEqual(r, {
    validationCode: "PARAMS_INVALID",
    validationPassedFields: [{ field: "country" }, { field: "payeeInfo.paymentMethodType" }, { field: "payeeInfo.accountInfo.accountNo" }, { field: "payeeInfo.document.documentType" }],
    ignoredFields: [{ field: "payeeInfo.nickname" }],
    validationFailedFields: [
      { field: "payeeInfo.document.documentId", code: "INVALID_CHECKSUM", errorMsg: "CPF check digit does not match: check for a typo" },
      { field: "payeeInfo.name.firstName", code: "INVALID_FORMAT", errorMsg: "names may contain English letters, spaces, commas, hyphens and dots" },
    ],
  });
  // The same through a JSON string and a custom rule set.
  const custom = { id: "mine", fields: { "a.b": { required: true, check: "pe.dni" } } };
  assert.equal(validatePayee(custom, '{"a":{"b":"10117410"}}').validationCode, "PASS");
  assert.equal(validatePayee(JSON.stringify(custom), { a: {} }).validationFailedFields[0].code, "REQUIRED");
  assert.throws(() => validatePayee("nope", {}), { code: "RULESET_UNKNOWN" });
  assert.throws(() => validatePayee({ id: "x", fields: { a: { pattern: "(?!x)" } } }, {}), { code: "RULESET_INVALID" });
  assert.throws(() => validatePayee("cashy.pe.payout", [1]), { code: "INVALID_ARGUMENT" });
  assert.throws(() => validatePayee("cashy.pe.payout", {}, { parameters: { nope: 1 } }), { code: "INVALID_ARGUMENT" });
});

test("validatePayee answers an object as it answers its JSON text, nulls and odd keys included", () => {
  const record = {
    outTradeNo: "T_1", country: "PE", trade: { amount: "150.00", currency: "PEN" },
    payeeInfo: { paymentMethodType: "BANK_TRANSFER", payeeType: "PERSONAL", accountInfo: { accountNo: "00219300247595201411" },
      name: { firstName: "Rosa", lastName: "Quispe" }, document: { documentType: "DNI", documentId: "10117410" }, email: "rosa@example.com" },
    notifyUrl: "https://shop.example.com/payouts",
  };
  const variants = [
    record,
    { ...record, remark: null, trade: { amount: null, currency: "PEN" } },
    { ...record, "payeeInfo.email": "x@", "": { country: "BR" } },
    { ...record, payeeInfo: { ...record.payeeInfo, name: { firstName: "Ros@", lastName: 'Qu"ispe\u2028' } }, "quote\"key\n": 1 },
    { ...record, trade: { amount: "150.001", currency: "IDR" }, notifyUrl: "ftp://x", country: "pe" },
    { ...record, payeeInfo: "not an object", expiryDays: 99 },
  ];
  for (const data of variants) {
    for (const options of [undefined, { parameters: { orderFields: true } }]) {
      const fromObject = validatePayee("payermax.payout.PE.BANK_TRANSFER", data, options);
      const fromText = validatePayee("payermax.payout.PE.BANK_TRANSFER", JSON.stringify(data), options);
      assert.deepEqual(fromObject, fromText);
      assert.deepEqual(Object.keys(fromObject), ["validationCode", "validationPassedFields", "ignoredFields", "validationFailedFields"]);
      for (const f of fromObject.validationFailedFields) assert.deepEqual(Object.keys(f), ["field", "code", "errorMsg"]);
      for (const f of [...fromObject.validationPassedFields, ...fromObject.ignoredFields]) assert.deepEqual(Object.keys(f), ["field"]);
    }
  }
  const odd = validatePayee("payermax.payout.PE.BANK_TRANSFER", variants[3]);
  assert.deepEqual(odd.ignoredFields, [{ field: "quote\"key\n" }]);
  assert.deepEqual(odd.validationFailedFields.map((f) => f.field), ["payeeInfo.name.firstName", "payeeInfo.name.lastName"]);
  // A value JSON cannot carry is refused whichever way it is hidden.
  assert.throws(() => validatePayee("payermax.payout.PE.BANK_TRANSFER", { ...record, trade: { amount: NaN } }), { code: "DATA_INVALID" });
  assert.throws(() => validatePayee("payermax.payout.PE.BANK_TRANSFER", { ...record, n: 1n }), { code: "JSON_INVALID" });
});

test("strings reach the core as UTF-8 whatever they hold (ASCII, accents, emoji, a lone surrogate)", () => {
  const keys = ["plain", "é", "abcé", "abcdefé", "ñandú", "a😀", "😀", "x\u2028y", "lone\ud800", "\udc00end", "ab\ud83d"];
  const data = Object.fromEntries(keys.map((k, i) => [k, String(i)]));
  const expected = keys.map((k) => ({ field: k.replace(/[\ud800-\udfff]/gu, "\ufffd") }));
  for (const given of [data, JSON.stringify(data)]) {
    assert.deepEqual(validatePayee({ id: "none", fields: {} }, given).ignoredFields, expected);
  }
  // The rule set's id crosses the same way.
  assert.throws(() => validatePayee("nopé😀", {}), (e) => e.code === "RULESET_UNKNOWN" && e.message.includes("nopé😀"));
});

test("fields and messages come back whole whatever characters they hold, the report's own separators included", () => {
  // The core hands the report over as text split on U+0001 and U+0002, with
  // U+001B as its escape: each must come back as given, in any position.
  const odd = ["\u0001", "\u0002", "\u001b", "\u001bA", "a\u0001b\u0002c\u001bd", "\u0001\u0001", "", "tab\there", "\u0000nul", "q\"\\"];
  const data = Object.fromEntries(odd.map((k, i) => [k, String(i)]));
  for (const given of [data, JSON.stringify(data)]) {
    const report = validatePayee({ id: "none", fields: {} }, given);
    assert.deepEqual(report.ignoredFields, odd.map((field) => ({ field })));
    assert.deepEqual(report.validationPassedFields, []);
  }
  // Failures carry the same through their field and message, and passed
  // fields through their own list.
  const message = "must be \u0001digits\u0002 \u001b only";
  const rules = { id: "odd", fields: { "\u0002k": { type: "string", pattern: "^[0-9]+$", message }, "\u001b": { type: "string" } } };
  const report = validatePayee(rules, { "\u0002k": "x", "\u001b": "fine", "": "ignored" });
  assert.equal(report.validationCode, "PARAMS_INVALID");
  assert.deepEqual(report.validationFailedFields, [{ field: "\u0002k", code: "INVALID_FORMAT", errorMsg: message }]);
  assert.deepEqual(report.validationPassedFields, [{ field: "\u001b" }]);
  assert.deepEqual(report.ignoredFields, [{ field: "" }]);
});

test("every payout method has a rule set: wallets, cash, card, SWIFT and SEPA", () => {
  const methods = ruleSet("payermax.payout").fields["payeeInfo.paymentMethodType"].enum;
  const covered = new Set(ruleSets().filter((id) => id.startsWith("payermax.payout.")).map((id) => id.split(".").at(-1)));
  assert.deepEqual([...covered].toSorted(), methods.toSorted());
  for (const id of ["ID.WALLET", "PH.WALLET", "EG.CASH", "CARD", "CARRIER_BILLING", "REALTIME_PAYMENT", "VN.BANK_TRANSFER", "KR.BANK_TRANSFER", "PH.BANK_TRANSFER"]) {
    assert.ok(ruleSets().includes(`payermax.payout.${id}`), id);
    assert.equal(ruleSet(`payermax.payout.${id}`).extends, "payermax.payout", id);
  }
  const wallet = (targetOrg, accountNo) => ({ country: "ID", payeeInfo: { paymentMethodType: "WALLET", targetOrg, accountInfo: { accountNo } } });
  assert.equal(validatePayee("payermax.payout.ID.WALLET", wallet("DANA", "0812 3232 33332")).validationCode, "PASS");
  assert.deepEqual(validatePayee("payermax.payout.ID.WALLET", wallet("GCASH", "+63 917 123 4567")).validationFailedFields.map((f) => [f.field, f.code]),
    [["payeeInfo.targetOrg", "NOT_ALLOWED"], ["payeeInfo.accountInfo.accountNo", "INVALID_FORMAT"]]);
  const card = { payeeInfo: { paymentMethodType: "CARD", accountInfo: { accountNo: "5555 5555 5555 4445" } } };
  const [failed] = validatePayee("payermax.payout.CARD", card).validationFailedFields;
  assert.equal(failed.code, "INVALID_CHECKSUM");
  assert.doesNotMatch(failed.errorMsg, /\d{5}/);
  const sepa = { country: "DE", clearingRail: "SEPA", payeeInfo: { paymentMethodType: "BANK_TRANSFER", accountInfo: { accountNo: "DE89 3704 0044 0532 0130 00" }, bankInfo: { bankCode: "BNPAFRPP" } } };
  assert.deepEqual(validatePayee("payermax.payout", sepa).validationFailedFields.map((f) => [f.field, f.code]), [["payeeInfo.bankInfo.bankCode", "INVALID_COMPONENT"]]);
  sepa.payeeInfo.bankInfo.bankCode = "COBADEFFXXX";
  assert.equal(validatePayee("payermax.payout", sepa).validationCode, "PASS");
  const cash = { country: "EG", payeeInfo: { paymentMethodType: "CASH", accountInfo: { accountNo: "01012345678" } }, expiryDays: 3 };
  assert.deepEqual(validatePayee("payermax.payout.EG.CASH", cash).validationFailedFields.map((f) => f.field), ["notifyEmail", "notifyPhone"]);
  assert.equal(validatePayee("payermax.payout.EG.CASH", { ...cash, notifyPhone: "010 1234 5678" }).validationCode, "PASS");
});

test("blank input (any Unicode white space) is REQUIRED in validateField and in validatePayee alike", () => {
  for (const blank of [" ", "\n", "\r\n", "\t\v\f", "\u00a0", "\u3000", "\u2028", "\u205f"]) {
    for (const kind of KINDS) {
      const field = validateField(kind, blank, { bankCode: "058" });
      assert.equal(field.code, "REQUIRED", `validateField ${kind} ${JSON.stringify(blank)}`);
      const set = { id: "blank", fields: { v: { required: true, check: kind, context: { bankCode: "058" } } } };
      const payee = validatePayee(set, { v: blank });
      assert.deepEqual(payee.validationFailedFields.map((f) => f.code), ["REQUIRED"], `validatePayee ${kind} ${JSON.stringify(blank)}`);
    }
  }
  // Not white space: a zero-width space is a character, refused by both the same way.
  const zwsp = validateField("iban", "\u200b");
  assert.equal(zwsp.code, "INVALID_CHARACTERS");
  assert.equal(validatePayee({ id: "z", fields: { v: { required: true, check: "iban" } } }, { v: "\u200b" }).validationFailedFields[0].code, zwsp.code);
});

test("IBAN check digits 00, 01 and 99 pass mod 97 (python-stdnum says so) but are refused", () => {
  // For random BBANs whose issued check digits are 97, 98 or 02, python-stdnum
  // computes the issued IBAN and mod 97 of its 00 / 01 / 99 twin.
  const script = `
import json, random
from stdnum.iban import calc_check_digits, is_valid
from stdnum.iso7064 import mod_97_10
random.seed(13616)
twin = {"97": "00", "98": "01", "02": "99"}
out = []
for cc, width in (("GB", 14), ("DE", 18), ("SA", 20), ("TR", 22)):
    while sum(1 for o in out if o["issued"].startswith(cc)) < 9:
        bban = ("WEST" if cc == "GB" else "") + "".join(random.choice("0123456789") for _ in range(width))
        if cc == "TR": bban = bban[:5] + "0" + bban[6:]
        cd = calc_check_digits(cc + "00" + bban)
        if cd in twin:
            never = cc + twin[cd] + bban
            out.append({"issued": cc + cd + bban, "never": never, "stdnum": bool(is_valid(never)), "mod97": mod_97_10.checksum(never[4:] + never[:4])})
print(json.dumps(out))
`;
  const cases = JSON.parse(execFileSync("python3", ["-c", script]).toString());
  assert.equal(cases.length, 36);
  for (const c of cases) {
    assert.deepEqual(validateField("iban", c.issued), { valid: true, normalized: c.issued });
    assert.equal(c.mod97, 1, `${c.never} passes mod 97`);
    assert.equal(c.stdnum, true, "python-stdnum accepts it");
    const r = validateField("iban", c.never);
    assert.equal(r.code, "INVALID_CHECKSUM", c.never);
    assert.match(r.message, /02 to 98/);
  }
  assert.deepEqual(new Set(cases.map((c) => c.never.slice(2, 4))), new Set(["00", "01", "99"]));
});

test("NUBAN with 3-, 5- and 6-digit codes agrees with the CBN revised standard computed in Python", () => {
  // The CBN's "Revised standards on NUBAN for banks and other financial
  // institutions" (2020), step by step: the institution code made 6 digits
  // (DMB: 3 leading zeros; OFI: a leading 9), then the 9-digit serial;
  // weights 3,7,3,3,7,3,3,7,3,3,7,3,3,7,3; modulo 10; 10 minus that; 10 is 0.
  const script = `
import json, random
random.seed(2020)
def institution(code):
    return {3: "000" + code, 5: "9" + code, 6: code}[len(code)]
def check_digit(code, serial):
    digits = institution(code) + serial
    weights = [3, 7, 3, 3, 7, 3, 3, 7, 3, 3, 7, 3, 3, 7, 3]
    total = sum(int(d) * w for d, w in zip(digits, weights))
    c = 10 - total % 10
    return 0 if c == 10 else c
codes = ["058", "011", "044", "50515", "50211", "51318", "100004", "100033", "090267", "999992"]
out = []
for code in codes:
    for _ in range(60):
        serial = "".join(random.choice("0123456789") for _ in range(9))
        out.append({"code": code, "serial": serial, "check": check_digit(code, serial)})
print(json.dumps(out))
`;
  const cases = JSON.parse(execFileSync("python3", ["-c", script]).toString());
  assert.equal(cases.length, 600);
  for (const { code, serial, check } of cases) {
    const account = serial + check;
    assert.deepEqual(validateField("ng.nuban", account, { bankCode: code }), { valid: true, normalized: account }, `${code} ${account}`);
    for (let d = 1; d < 10; d++) {
      const wrong = serial + ((check + d) % 10);
      assert.equal(validateField("ng.nuban", wrong, { bankCode: code }).code, "INVALID_CHECKSUM", `${code} ${wrong}`);
    }
  }
  assert.equal(validateField("ng.nuban", "1234567890", { bankCode: "1234" }).code, "INVALID_COMPONENT");
});

test("url: a table of good and bad URLs; the good ones are what WHATWG's new URL() serialises unchanged", () => {
  const good = [
    "https://example.com/cb",
    "http://example.com:8080/webhooks/payermax?merchant=42&x=%20y#top",
    "https://shop.example.co.uk/a-b._~:@!$&'()*+,;=/path/",
    "https://xn--mnchen-3ya.de/cb",
    "https://shop.xn--55qx5d.cn/notify?q=%E4%B8%AD",
    "https://xn--ls8h.la/",
    "https://api.xn--nxasmq6b.com/v1/notify",
  ];
  for (const url of good) {
    assert.deepEqual(validateField("url", url), { valid: true, normalized: url }, url);
    assert.equal(new URL(url).href, url, `WHATWG keeps ${url} as it is`);
  }
  // Characters that must be percent-encoded: in a path, WHATWG's parser
  // encodes, drops or rewrites each of these (so what it would send is not
  // what was given).
  const chars = ["<", ">", '"', "{", "}", "`", " ", "\\", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\u200b", "\u202e", "\u2066", "\ufeff", "é", "\t", "\n"];
  for (const c of chars) {
    for (const url of [`https://example.com/a${c}b`, `https://example.com/cb?x=${c}1`]) {
      const r = validateField("url", url);
      assert.equal(r.valid, false, JSON.stringify(url));
      assert.equal(r.code, "INVALID_CHARACTERS", JSON.stringify(url));
    }
    // In a path (WHATWG's query set leaves some of them alone).
    const url = `https://example.com/a${c}b`;
    let href;
    try {
      href = new URL(url).href;
    } catch {
      href = undefined;
    }
    assert.notEqual(href, url, `WHATWG changes ${JSON.stringify(url)}`);
  }
  // RFC 3986 refuses these too, though WHATWG passes them through in a path.
  for (const c of ["|", "^"]) assert.equal(validateField("url", `https://example.com/a${c}b`).code, "INVALID_CHARACTERS");
  assert.equal(validateField("url", "https://example.com/%zz").code, "INVALID_FORMAT");
  // xn-- labels that do not decode to an international name: WHATWG refuses them too.
  for (const host of ["xn--a.example", "xn--abc.example", "xn--0.example", "xn--a1.example", "xn--99999999999.example", "xn--xn--a.example"]) {
    const url = `https://${host}/cb`;
    assert.equal(validateField("url", url).valid, false, url);
    assert.throws(() => new URL(url), TypeError, `WHATWG refuses ${url}`);
  }
  // The bidirectional override that would show "moc.elpmaxe" reversed.
  assert.equal(validateField("url", "https://example.com/\u202emoc.live").code, "INVALID_CHARACTERS");
});
