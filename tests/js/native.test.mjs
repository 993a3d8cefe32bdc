// The native engine (node:crypto) against the wasm code (payseal/portable):
// byte-identical signatures and identical verdicts on random keys and
// messages, every Wycheproof vector, every error; which path each entry
// takes, in Node and in workerd with and without nodejs_compat; no wasm
// memory growth from key text.
import test, { before } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as payseal from "payseal";
import * as portable from "payseal/portable";
import { compareEngines } from "./engine-cases.mjs";
import { startWorker } from "./workerd.mjs";

const ran = globalThis[Symbol.for("payseal.rsaOperations")];
const memoryBytes = globalThis[Symbol.for("payseal.wasmMemoryBytes")];

// Runs `fn` and returns how many RSA operations each engine made.
function counted(fn) {
  const before = { ...ran };
  fn();
  return Object.fromEntries(Object.keys(ran).map((k) => [k, ran[k] - before[k]]));
}

// Random keys: 2048, 3072 and 4096 bits, public exponents 3 and 65537.
const keys = [];
const SIZES = [2048, 3072, 4096];
before(async () => {
  const made = await Promise.all(
    SIZES.flatMap((modulusLength) => [3, 65537].map((publicExponent) =>
      promisify(crypto.generateKeyPair)("rsa", { modulusLength, publicExponent }).then((k) => ({ ...k, modulusLength, publicExponent })))),
  );
  keys.push(...made);
});

const der = ({ privateKey, publicKey }) => ({
  pkcs8: privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
  spki: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
});

// Random messages: bytes of random lengths, and strings of random code
// points, astral ones included (a string with a lone surrogate is refused
// by both paths alike: see surrogates.test.mjs).
function randomMessages(count) {
  const out = ["", "hello"];
  for (let i = 0; i < count; i++) {
    const length = crypto.randomInt(0, 3000);
    if (i % 2) {
      out.push({ bytes: crypto.randomBytes(length).toString("base64") });
    } else {
      let text = "";
      for (let j = 0; j < length / 4; j++) {
        text += crypto.randomInt(0, 4) === 0
          ? String.fromCodePoint(crypto.randomInt(0x10000, 0x110000))
          : String.fromCharCode(crypto.randomInt(0x20, 0x2fff));
      }
      out.push(text);
    }
  }
  return out;
}

const messageBytes = (m) => (typeof m === "string" ? Buffer.from(m) : Buffer.from(m.bytes, "base64"));

// Every signature equals node:crypto's; every verdict is the same through
// both entries, true only for the valid cases; and each entry ran the
// engine it should (`native`: whether the default entry has node:crypto).
function checkComparison(result, usedKeys, messages, native) {
  let i = 0;
  for (const key of usedKeys) {
    for (const m of messages) {
      const expected = crypto.sign("sha256", messageBytes(m), key.privateKey).toString("base64");
      assert.deepEqual(result.signatures[i++], [expected, expected], `RSA-${key.modulusLength} e=${key.publicExponent}`);
    }
  }
  assert.equal(i, result.signatures.length);
  for (const v of result.verifications) {
    assert.equal(v.default, v.portable, `key ${v.key}: ${v.name}`);
    assert.equal(v.default, v.name.startsWith("valid"), `key ${v.key}: ${v.name}`);
  }
  const operations = result.signatures.length + result.verifications.length;
  assert.equal(result.ran.portable.native ?? 0, 0, "payseal/portable never takes the native path");
  assert.equal(result.ran.portable.webCrypto ?? 0, 0);
  if (native) {
    assert.equal(result.ran.default.wasm ?? 0, 0, "the default entry never falls back here");
    assert.ok(result.ran.default.native >= result.signatures.length, "the default entry signs natively");
    assert.ok(result.ran.default.native < operations);
  } else {
    assert.equal(result.ran.default.native ?? 0, 0);
  }
}

test("random keys and messages: native signatures byte-identical to the wasm code's, the same verdicts", () => {
  // A 4096-bit signature in wasm takes 80 ms or so: more messages for the small keys.
  const few = randomMessages(2);
  checkComparison(compareEngines(payseal, portable, keys.map(der), few), keys, few, true);
  const small = keys.filter((k) => k.modulusLength === 2048);
  const more = randomMessages(8);
  checkComparison(compareEngines(payseal, portable, small.map(der), more), small, more, true);
});

test("every Wycheproof SHA-256 PKCS#1 v1.5 vector: node:crypto and the wasm code agree, and with the expected result", () => {
  const vectors = (name) => JSON.parse(readFileSync(new URL(`../vectors/wycheproof/${name}`, import.meta.url), "utf8"));
  const hex = (s) => Buffer.from(s, "hex");
  let checked = 0;
  for (const group of vectors("rsa_signature_2048_sha256_test.json").testGroups) {
    const key = payseal.PublicKey.parse(hex(group.publicKeyDer));
    for (const c of group.tests) {
      const signature = hex(c.sig).toString("base64");
      const ops = counted(() => {
        assert.equal(payseal.verify(key, hex(c.msg), signature), c.result === "valid", `tcId ${c.tcId} (${c.comment})`);
      });
      assert.equal(portable.verify(key, hex(c.msg), signature), c.result === "valid", `tcId ${c.tcId}`);
      assert.equal(ops.wasm, 0, `tcId ${c.tcId}: no fallback`);
      checked++;
    }
  }
  for (const group of vectors("rsa_pkcs1_2048_sig_gen_test.json").testGroups.filter((g) => g.sha === "SHA-256")) {
    const key = payseal.PrivateKey.parse(hex(group.privateKeyPkcs8));
    for (const c of group.tests) {
      assert.equal(payseal.sign(key, hex(c.msg)), hex(c.sig).toString("base64"), `tcId ${c.tcId}`);
      assert.equal(portable.sign(key, hex(c.msg)), hex(c.sig).toString("base64"), `tcId ${c.tcId}`);
      checked++;
    }
  }
  assert.ok(checked > 260);
});

test("PayerMax: the same requests, responses and notifications through both entries, natively in the default one", () => {
  const platform = keys.find((k) => k.modulusLength === 2048);
  const merchant = keys.find((k) => k.modulusLength === 3072);
  const config = {
    appId: "A", merchantNo: "M", baseUrl: "http://127.0.0.1:1",
    privateKey: merchant.privateKey.export({ type: "pkcs8", format: "pem" }),
    platformPublicKey: platform.publicKey.export({ type: "spki", format: "pem" }),
  };
  const a = new payseal.PayerMax(config);
  const b = new portable.PayerMax(config);
  const requestTime = "2022-01-17T08:04:13.879+00:00";
  const ops = counted(() => {
    for (const data of [{ outTradeNo: "X" }, '{"outTradeNo":"Y","totalAmount":10000.00,"subject":"é😀"}']) {
      const req = a.request("orderQuery", data, { requestTime });
      assert.deepEqual(req, b.request("orderQuery", data, { requestTime }));
      assert.ok(crypto.verify("sha256", Buffer.from(req.body), merchant.publicKey, Buffer.from(req.headers.sign, "base64")));
    }
  });
  assert.deepEqual(ops, { native: 2, webCrypto: 0, wasm: 2 });

  const signed = (body) => crypto.sign("sha256", Buffer.from(body), platform.privateKey).toString("base64");
  const note = (over = {}) => JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: "A", merchantNo: "M", notifyTime: new Date().toISOString(), notifyType: "PAYMENT", data: { x: 1 }, ...over });
  const good = note();
  const cases = [
    [good, signed(good)],
    [good, ` ${signed(good)} `],
    [good.replace("PAYMENT", "REFUND"), signed(good)],
    [good, signed(good).slice(0, -2)],
    [good, "junk"],
    [good, ""],
    [good, undefined],
    [note({ keyVersion: "2" }), signed(note({ keyVersion: "2" }))],
    [note({ appId: "B" }), signed(note({ appId: "B" }))],
    [note({ code: "ERROR" }), undefined],
    ["not json", signed("not json")],
    ["[1]", signed("[1]")],
    [good, "A".repeat(2000)],
  ];
  const outcome = (fn) => {
    try {
      const { eventKey, ok, verified, code } = fn();
      return { eventKey, ok, verified, code };
    } catch (e) {
      assert.ok(e instanceof payseal.PaysealError, String(e));
      return { error: e.code, message: e.message };
    }
  };
  const defaultOps = counted(() => {
    for (const [body, sign] of cases) {
      for (const method of ["verifyNotification", "verifyResponse"]) {
        assert.deepEqual(outcome(() => a[method](body, sign)), outcome(() => b[method](body, sign)), `${method} ${body} ${sign}`);
      }
    }
  });
  assert.ok(defaultOps.native > 0);
  const notification = a.generateTestNotification({ data: { y: 2 } }, platform.privateKey.export({ type: "pkcs1", format: "pem" }));
  assert.ok(crypto.verify("sha256", Buffer.from(notification.body), platform.publicKey, Buffer.from(notification.sign, "base64")));
});

test("errors are the same through both entries", () => {
  const key = keys[0].privateKey.export({ type: "pkcs8", format: "pem" });
  const failures = [
    (api) => api.sign("not a key", "m"),
    (api) => api.sign(key, 42),
    (api) => api.sign(api.PrivateKey.parse(key).publicKey(), "m"),
    (api) => api.verify(key, "m", "x"),
    (api) => api.sign(key, "x".repeat(1024 * 1024 + 1)),
    (api) => api.sign(key, "é".repeat(600_000)), // under 1 MiB as UTF-16, over it as UTF-8
    (api) => new api.PayerMax({ appId: "A", merchantNo: "M" }).request("nope", {}),
    (api) => new api.PayerMax({ appId: "A", merchantNo: "M", privateKey: key }).request("nope", {}),
    (api) => new api.PayerMax({ appId: "A", merchantNo: "M", privateKey: key }).request("orderQuery", {}, { version: 5 }),
    (api) => new api.PayerMax({ appId: "A", merchantNo: "M", privateKey: key }).request("orderQuery", "x".repeat(1024 * 1024)),
  ];
  const error = (fn) => {
    try {
      fn();
    } catch (e) {
      return [e.name, e.code, e.message];
    }
    assert.fail("no error");
  };
  for (const [i, f] of failures.entries()) assert.deepEqual(error(() => f(payseal)), error(() => f(portable)), `case ${i}`);
});

test("where node:crypto refuses, the wasm code answers: the same signature", () => {
  const nodeCrypto = createRequire(import.meta.url)("node:crypto");
  const original = nodeCrypto.sign;
  const key = payseal.PrivateKey.parse(keys[0].privateKey.export({ type: "pkcs8", format: "pem" }));
  const expected = portable.sign(key, "m");
  nodeCrypto.sign = () => {
    throw new Error("refused");
  };
  try {
    const ops = counted(() => assert.equal(payseal.sign(key, "m"), expected));
    assert.deepEqual(ops, { native: 0, webCrypto: 0, wasm: 1 });
  } finally {
    nodeCrypto.sign = original;
  }
  assert.deepEqual(counted(() => assert.equal(payseal.sign(key, "m"), expected)), { native: 1, webCrypto: 0, wasm: 0 });
});

test("async: WebCrypto in the default entry, the wasm code in payseal/portable", async () => {
  const key = payseal.PrivateKey.parse(keys[0].privateKey.export({ type: "pkcs8", format: "pem" }));
  const before = { ...ran };
  const a = await payseal.signAsync(key, "m");
  assert.equal(ran.webCrypto - before.webCrypto, 1);
  const b = await portable.signAsync(key, "m");
  assert.equal(a, b);
  assert.equal(await portable.verifyAsync(key.publicKey(), "m", a), true);
  assert.equal(ran.webCrypto - before.webCrypto, 1);
  assert.equal(ran.native - before.native, 0);
  assert.equal(ran.wasm - before.wasm, 2);
});

test("key text in a loop does not grow the wasm memory", () => {
  const pem = keys[0].privateKey.export({ type: "pkcs8", format: "pem" });
  const spki = keys[0].publicKey.export({ type: "spki", format: "pem" });
  const signature = payseal.sign(pem, "m");
  for (let i = 0; i < 200; i++) payseal.verify(spki, "m", signature);
  const start = memoryBytes();
  for (let i = 0; i < 20_000; i++) assert.equal(payseal.verify(spki, "m", signature), true);
  for (let i = 0; i < 1_000; i++) payseal.sign(pem, "m");
  for (let i = 0; i < 2_000; i++) portable.verify(spki, "m", signature);
  assert.equal(memoryBytes(), start);
  // A key the caller parsed stays usable.
  const key = payseal.PublicKey.parse(spki);
  payseal.verify(key, "m", signature);
  assert.equal(key.bits, 2048);
});

test("require('payseal/portable') is the same API on the wasm code", () => {
  const cjs = createRequire(import.meta.url)("payseal/portable");
  for (const name of Object.keys(payseal).filter((n) => !n.startsWith("__"))) assert.ok(name in cjs, name);
  const pem = keys[0].privateKey.export({ type: "pkcs8", format: "pem" });
  assert.equal(cjs.sign(pem, "cjs"), payseal.sign(pem, "cjs"));
});

for (const nodejsCompat of [true, false]) {
  test(`workerd ${nodejsCompat ? "with" : "without"} nodejs_compat: the same bytes and verdicts, ${nodejsCompat ? "natively" : "in wasm"}`, async (t) => {
    const worker = await startWorker(fileURLToPath(new URL("../workerd/engine-worker.mjs", import.meta.url)), { nodejsCompat });
    t.after(() => worker.stop());
    const used = [keys[0], keys[1], keys[2], keys[5]];
    const messages = randomMessages(2).slice(0, 3);
    const res = await fetch(worker.url, { method: "POST", body: JSON.stringify({ keys: used.map(der), messages }) });
    assert.equal(res.status, 200, worker.log());
    checkComparison(await res.json(), used, messages, nodejsCompat);
  });
}
