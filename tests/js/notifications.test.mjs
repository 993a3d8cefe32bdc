// PayerMax.verifyNotification / verifyResponse through the JS API: error
// codes, key rotation, sync/async parity, helpers.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { PayerMax, PaysealError, PrivateKey } from "payseal";
import { rsaKeys } from "./helpers.mjs";

const v1 = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const v2 = rsaKeys(2048);
const spki = (k) => k.publicKey.export({ type: "spki", format: "der" }).toString("base64");
const pm = new PayerMax({ appId: "A", merchantNo: "M", platformPublicKeys: { 1: spki(v1), 2: spki(v2) } });
const nodeSign = (body, k = v1.privateKey) => crypto.sign("sha256", Buffer.from(body), k).toString("base64");
const body = (over = {}) => JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: "A", merchantNo: "M",
  notifyTime: "2024-02-27T10:59:08.295Z", notifyType: "REFUND", data: { refundTradeNo: "R1", status: "SUCCESS", refundAmount: 10.0 }, ...over });
const NOW = Date.parse("2024-02-27T10:59:08.295Z");

async function both(fn) {
  // Runs the sync and the async form and checks they agree.
  let sync;
  let async_;
  try { sync = { value: fn(false) }; } catch (e) { sync = { code: e.code, isPaysealError: e instanceof PaysealError }; }
  try { async_ = { value: await fn(true) }; } catch (e) { async_ = { code: e.code, isPaysealError: e instanceof PaysealError }; }
  assert.deepEqual(async_, sync);
  return sync;
}
const verifyN = (b, s, o) => (isAsync) => (isAsync ? pm.verifyNotificationAsync(b, s, o) : pm.verifyNotification(b, s, o));

test("a valid notification, as string, Buffer, Uint8Array and ArrayBuffer", async () => {
  const b = body();
  const s = nodeSign(b);
  for (const form of [b, Buffer.from(b), new Uint8Array(Buffer.from(b)), new Uint8Array(Buffer.from(b)).buffer]) {
    const { value: n } = await both(verifyN(form, s, { now: NOW, toleranceSeconds: 60 }));
    assert.equal(n.notifyType, "REFUND");
    assert.equal(n.knownType, true);
    assert.deepEqual(n.data, { refundTradeNo: "R1", status: "SUCCESS", refundAmount: 10 });
    assert.equal(n.raw, b);
    assert.match(n.eventKey, /^REFUND:R1:[0-9a-f]{16}$/);
  }
});

test("every error code, the same in sync and async", async () => {
  const b = body();
  const s = nodeSign(b);
  const cases = [
    [b, undefined, {}, "SIGN_HEADER_MISSING"],
    [b, "", {}, "SIGN_HEADER_MISSING"],
    [b, "  ", {}, "SIGN_HEADER_MISSING"],
    [b, "junk", {}, "SIGNATURE_INVALID"],
    [b, nodeSign(b, v2.privateKey), {}, "SIGNATURE_INVALID"],
    [b.replace("10", "99"), s, {}, "SIGNATURE_INVALID"],
    [JSON.parse(b), s, {}, "BODY_NOT_RAW"],
    [null, s, {}, "INVALID_ARGUMENT"],
    [b, 42, {}, "INVALID_ARGUMENT"],
    ["oops", nodeSign("oops"), {}, "JSON_INVALID"],
    [body({ appId: "B" }), nodeSign(body({ appId: "B" })), {}, "MERCHANT_MISMATCH"],
    [body({ appId: undefined }), nodeSign(body({ appId: undefined })), {}, "MERCHANT_MISMATCH"],
    [body({ notifyType: undefined }), nodeSign(body({ notifyType: undefined })), {}, "NOT_A_NOTIFICATION"],
    [body({ keyVersion: "7" }), nodeSign(body({ keyVersion: "7" })), {}, "KEY_VERSION_UNKNOWN"],
    [b, s, { now: NOW + 61_000, toleranceSeconds: 60 }, "NOTIFICATION_EXPIRED"],
    [b, s, { now: NOW - 61_000, toleranceSeconds: 60 }, "NOTIFICATION_EXPIRED"],
    [b, s, { toleranceSeconds: -1 }, "INVALID_ARGUMENT"],
    [b, s, { now: "today" }, "INVALID_ARGUMENT"],
  ];
  for (const [bb, ss, oo, code] of cases) {
    const r = await both(verifyN(bb, ss, oo));
    assert.equal(r.code, code, `${String(bb).slice(0, 30)} / ${ss}`);
    assert.equal(r.isPaysealError, true);
  }
});

test("BODY_NOT_RAW explains how to get the raw body in Workers, Node and Express", () => {
  try {
    pm.verifyNotification({ code: "APPLY_SUCCESS" }, "x");
    assert.fail();
  } catch (e) {
    assert.equal(e.code, "BODY_NOT_RAW");
    assert.match(e.message, /request\.text\(\)/);
    assert.match(e.message, /Buffer\.concat/);
    assert.match(e.message, /express\.raw/);
  }
});

test("key rotation: keyVersion picks the platform key", async () => {
  const b2 = body({ keyVersion: "2" });
  assert.equal((await both(verifyN(b2, nodeSign(b2, v2.privateKey)))).value.keyVersion, "2");
  assert.equal((await both(verifyN(b2, nodeSign(b2, v1.privateKey)))).code, "SIGNATURE_INVALID");
  // The single-key form serves the configured keyVersion.
  const single = new PayerMax({ appId: "A", merchantNo: "M", platformPublicKey: spki(v1), keyVersion: "1" });
  assert.equal(single.verifyNotification(body(), nodeSign(body())).keyVersion, "1");
  assert.throws(() => single.verifyNotification(b2, nodeSign(b2, v2.privateKey)), { code: "KEY_VERSION_UNKNOWN" });
  assert.throws(() => new PayerMax({ appId: "A", merchantNo: "M", platformPublicKey: spki(v1), platformPublicKeys: { 1: spki(v2) } }), { code: "CONFIG_INVALID" });
  assert.throws(() => new PayerMax({ appId: "A", merchantNo: "M" }).verifyNotification(body(), "x"), { code: "CONFIG_INVALID" });
});

test("verifyResponse: signed successes, unsigned errors, classification", async () => {
  const ok = JSON.stringify({ code: "APPLY_SUCCESS", msg: "", data: { tradeNo: "T", status: "SUCCESS" } });
  for (const isAsync of [false, true]) {
    const f = (b, s) => (isAsync ? pm.verifyResponseAsync(b, s) : pm.verifyResponse(b, s));
    const r = await f(ok, nodeSign(ok));
    assert.deepEqual({ ...r, raw: undefined }, { verified: true, ok: true, code: "APPLY_SUCCESS", msg: "", status: "SUCCESS", data: { tradeNo: "T", status: "SUCCESS" }, raw: undefined });
    await assert.rejects(async () => f(ok, undefined), { code: "SIGN_HEADER_MISSING" });
    await assert.rejects(async () => f(ok, nodeSign(ok, v2.privateKey)), { code: "SIGNATURE_INVALID" });
    const err = '{"code":"TOO_MANY_REQUEST","msg":"slow down"}';
    const e = await f(err, null);
    assert.equal(e.verified, false);
    assert.equal(e.ok, false);
    assert.equal(e.code, "TOO_MANY_REQUEST");
    await assert.rejects(async () => f(JSON.parse(ok), "x"), { code: "BODY_NOT_RAW" });
  }
});

test("ACK and the full HTTP answer", async () => {
  assert.equal(PayerMax.ACK, '{"code":"SUCCESS","msg":"Success"}');
  assert.deepEqual(PayerMax.ack(), { status: 200, headers: { "content-type": "application/json" }, body: PayerMax.ACK });
  const res = PayerMax.ackResponse();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.equal(await res.text(), PayerMax.ACK);
});

test("generateTestNotification builds what verifyNotification accepts", () => {
  const key = PrivateKey.parse(v2.privateKey.export({ type: "pkcs8", format: "pem" }));
  const t = pm.generateTestNotification({ notifyType: "PAYOUT", keyVersion: "2", data: { tradeNo: "P1", status: "FAILED" } }, key);
  assert.ok(crypto.verify("sha256", Buffer.from(t.body), v2.publicKey, Buffer.from(t.sign, "base64")));
  const n = pm.verifyNotification(t.body, t.headers.sign, { toleranceSeconds: 5 });
  assert.equal(n.notifyType, "PAYOUT");
  assert.equal(n.data.status, "FAILED");
  const old = pm.generateTestNotification({ keyVersion: "2" }, key, { notifyTime: Date.now() - 3600_000 });
  assert.throws(() => pm.verifyNotification(old.body, old.sign, { toleranceSeconds: 60 }), { code: "NOTIFICATION_EXPIRED" });
});

test("a notification is not an answer: verifyResponse refuses it on both paths", async () => {
  const n = body();
  for (const verify of [(x, y) => pm.verifyResponse(x, y), (x, y) => pm.verifyResponseAsync(x, y)]) {
    await assert.rejects(async () => verify(n, nodeSign(n)), { code: "NOT_A_RESPONSE" });
  }
});

test("per-call options are checked by name: a typo never turns a check off", async () => {
  const n = body();
  for (const verify of [(o) => pm.verifyNotification(n, nodeSign(n), o), (o) => pm.verifyNotificationAsync(n, nodeSign(n), o)]) {
    await assert.rejects(async () => verify({ tolerance: 5 }), (e) => e.code === "INVALID_ARGUMENT" && /tolerance/.test(e.message) && /toleranceSeconds/.test(e.message));
  }
  assert.throws(() => pm.request("orderQuery", { outTradeNo: "T" }, { versoin: "1.4" }), { code: "INVALID_ARGUMENT", message: /versoin.*version/ });
});

test("a signed body that repeats a key is JSON_INVALID on every path, a forged one SIGNATURE_INVALID", async () => {
  const { PayerMax: PortablePayerMax } = await import("payseal/portable");
  const portable = new PortablePayerMax({ appId: "A", merchantNo: "M", platformPublicKeys: { 1: spki(v1), 2: spki(v2) } });
  const verifyP = (b, s, o) => (isAsync) => (isAsync ? portable.verifyNotificationAsync(b, s, o) : portable.verifyNotification(b, s, o));
  const repeated = [
    // JSON.parse would give status SUCCESS; another parser FAILED.
    body().replace('"status":"SUCCESS"', '"status":"FAILED","status":"SUCCESS"'),
    body({ data: { refundTradeNo: "R1", items: [{ id: 1 }] } }).replace('{"id":1}', '{"id":1,"id":2}'),
    body().replace('"appId":"A"', '"appId":"B","appId":"A"'),
  ];
  for (const b of repeated) {
    assert.ok(b.length > 0 && JSON.parse(b));
    for (const verify of [verifyN, verifyP]) {
      const refused = await both(verify(b, nodeSign(b), { now: NOW, toleranceSeconds: 60 }));
      assert.deepEqual(refused, { code: "JSON_INVALID", isPaysealError: true }, b);
      const forged = await both(verify(b, nodeSign(b, v2.privateKey), { now: NOW }));
      assert.equal(forged.code, "SIGNATURE_INVALID", b);
    }
  }
  try {
    pm.verifyNotification(repeated[0], nodeSign(repeated[0]), { now: NOW });
    assert.fail("accepted");
  } catch (e) {
    assert.match(e.message, /repeats the key "status" in "data"/);
  }
  const response = '{"code":"APPLY_SUCCESS","msg":"Success","data":{"status":"SUCCESS"},"code":"FAILED"}';
  for (const p of [pm, portable]) {
    const r = await both((isAsync) => (isAsync ? p.verifyResponseAsync : p.verifyResponse).call(p, response, nodeSign(response)));
    assert.equal(r.code, "JSON_INVALID");
    assert.equal((await both((isAsync) => (isAsync ? p.verifyResponseAsync : p.verifyResponse).call(p, response, nodeSign(response, v2.privateKey)))).code, "SIGNATURE_INVALID");
  }
});
