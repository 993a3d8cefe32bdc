// One module instance takes thousands of malformed inputs through every
// exported function: each either answers (false / valid: false) or throws a
// PaysealError with a code, never anything else; afterwards sign, verify and
// validate still work in the same instance.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import * as payseal from "payseal";

const { PaysealError, PrivateKey, PublicKey, PayerMax, Cashy } = payseal;
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = rsa.privateKey.export({ type: "pkcs8", format: "pem" });
const SPKI = rsa.publicKey.export({ type: "spki", format: "pem" });

// xorshift32: exact in 32-bit integer arithmetic.
let seed = 2463534242;
const rand = (n) => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed % n;
};

function deep(n) {
  let v = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const ed = crypto.generateKeyPairSync("ed25519");
const JUNK = [
  undefined, null, true, 0, -1, NaN, Infinity, 2 ** 64, 10n, Symbol("s"), () => 1, [], [1, 2], {}, { a: 1 },
  new Date(NaN), new Map(), new Uint16Array(3), new ArrayBuffer(0), new Uint8Array(0), new Uint8Array([0xff, 0xfe, 0xc3]),
  new Uint8Array(2 * 1024 * 1024), "", " ", "\u0000", "\ud800", "x".repeat(5_000_000), "{", "[]", "null", '{"a":',
  "-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "MIIB", "A".repeat(70_000),
  ec.privateKey.export({ type: "pkcs8", format: "pem" }), ec.publicKey.export({ type: "spki", format: "pem" }),
  ed.privateKey.export({ type: "pkcs8", format: "pem" }), SPKI, JSON.stringify(deep(200)), deep(5000),
  new Proxy({}, { get() { throw new Error("hostile getter"); }, ownKeys() { throw new Error("hostile keys"); } }),
  Buffer.from([0xc0, 0x80]), "{\"code\":\"APPLY_SUCCESS\"}", "%%%", "\u202e\u2028",
];
const pick = () => (rand(4) === 0 ? randomText() : JUNK[rand(JUNK.length)]);
function randomText() {
  const n = rand(64);
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(rand(4) === 0 ? rand(0x10000) : 32 + rand(95));
  return s;
}

function attempt(name, fn, stats) {
  try {
    const out = fn();
    if (out && typeof out.then === "function") {
      return out.then(() => stats.answered++, (e) => check(name, e, stats));
    }
    stats.answered++;
  } catch (e) {
    check(name, e, stats);
  }
}

function check(name, e, stats) {
  if (!(e instanceof PaysealError) || typeof e.code !== "string" || !e.code) {
    stats.bad.push(`${name}: ${e?.name}: ${String(e?.message).slice(0, 120)}`);
  } else {
    stats.codes.add(e.code);
    stats.thrown++;
  }
}

test("thousands of malformed inputs through every export: only answers or coded PaysealErrors", async () => {
  const pm = new PayerMax({ appId: "A", merchantNo: "M", privateKey: PEM, platformPublicKey: SPKI });
  const cashy = new Cashy({ merchantId: "1", apiKey: "k", baseUrl: "https://c.example" });
  const calls = {
    "PrivateKey.parse": () => PrivateKey.parse(pick()),
    "PublicKey.parse": () => PublicKey.parse(pick()),
    sign: () => payseal.sign(pick(), pick()),
    "sign(valid key)": () => payseal.sign(PEM, pick()),
    verify: () => payseal.verify(pick(), pick(), pick()),
    "verify(valid key)": () => payseal.verify(SPKI, pick(), pick()),
    signAsync: () => payseal.signAsync(pick(), pick()),
    verifyAsync: () => payseal.verifyAsync(SPKI, pick(), pick()),
    "new PayerMax": () => new PayerMax(pick()),
    "new PayerMax(fields)": () => new PayerMax({ appId: pick(), merchantNo: pick(), privateKey: pick(), platformPublicKey: pick(), environment: pick(), baseUrl: pick() }),
    request: () => pm.request(pick(), pick(), pick()),
    "request(options)": () => pm.request("orderQuery", {}, { requestTime: pick(), version: pick() }),
    requestAsync: () => pm.requestAsync(pick(), pick(), pick()),
    verifyNotification: () => pm.verifyNotification(pick(), pick(), pick()),
    verifyNotificationAsync: () => pm.verifyNotificationAsync(pick(), pick(), pick()),
    verifyResponse: () => pm.verifyResponse(pick(), pick()),
    generateTestNotification: () => pm.generateTestNotification(pick(), pick(), pick()),
    "new Cashy": () => new Cashy(pick()),
    "Cashy.payout": () => cashy.payout(pick(), pick()),
    "Cashy.payoutQuery": () => cashy.payoutQuery(pick()),
    "Cashy.verifyCallback": () => cashy.verifyCallback(pick(), pick()),
    "Cashy.verifyResponse": () => cashy.verifyResponse(pick()),
    validateField: () => payseal.validateField(pick(), pick(), pick()),
    "validateField(kind)": () => payseal.validateField(payseal.ruleSets ? ["iban", "pe.cci", "phone", "url", "ng.nuban"][rand(5)] : "", pick(), pick()),
    validatePayee: () => payseal.validatePayee(pick(), pick(), pick()),
    "validatePayee(rule set)": () => payseal.validatePayee("payermax.payout.BR.BANK_TRANSFER", pick(), { parameters: pick() }),
  };
  const stats = { answered: 0, thrown: 0, bad: [], codes: new Set() };
  const pending = [];
  for (let round = 0; round < 120; round++) {
    for (const [name, fn] of Object.entries(calls)) {
      const p = attempt(name, fn, stats);
      if (p) pending.push(p);
    }
  }
  await Promise.all(pending);
  assert.deepEqual(stats.bad.slice(0, 10), []);
  assert.ok(stats.thrown + stats.answered >= 3000, `${stats.thrown + stats.answered} calls`);
  for (const code of ["KEY_FORMAT", "KEY_TYPE", "INVALID_ARGUMENT", "CONFIG_INVALID", "JSON_INVALID", "BODY_NOT_RAW", "INPUT_TOO_LARGE", "SIGN_HEADER_MISSING"]) {
    assert.ok(stats.codes.has(code), `never saw ${code}: ${[...stats.codes]}`);
  }

  // The same instance still works.
  const key = PrivateKey.parse(PEM);
  const sig = payseal.sign(key, "after the storm");
  assert.equal(sig, crypto.sign("sha256", Buffer.from("after the storm"), rsa.privateKey).toString("base64"));
  assert.equal(payseal.verify(SPKI, "after the storm", sig), true);
  assert.equal(await payseal.verifyAsync(SPKI, "after the storm", sig), true);
  assert.equal(payseal.validateField("pe.cci", "00219300247595201411").valid, true);
  const req = pm.request("orderQuery", { outTradeNo: "X" });
  assert.ok(crypto.verify("sha256", Buffer.from(req.body), rsa.publicKey, Buffer.from(req.headers.sign, "base64")));
});
