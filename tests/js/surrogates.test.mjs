// A lone UTF-16 surrogate has no UTF-8 form: TextEncoder would send U+FFFD
// instead, so what is signed would differ from what was given. Each place a
// JS string becomes bytes refuses it, naming where.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { PayerMax, Cashy, PaysealError, sign, verify, signAsync, validatePayee } from "payseal";
import * as portable from "payseal/portable";
import { rsaKeys, nodeSign } from "./helpers.mjs";

const { privateKey, publicKey } = rsaKeys(2048);
const pem = privateKey.export({ type: "pkcs8", format: "pem" });
const spki = publicKey.export({ type: "spki", format: "pem" });
const TIME = "2022-01-17T08:04:13.879+00:00";
const config = { appId: "APP", merchantNo: "M1", privateKey: pem, platformPublicKey: spki };
const LONE = ["\ud800", "\udbff", "\udc00", "\udfff", "a\ud83d", "\ude00b", "\ude00\ud83d"];
// Where the first lone surrogate of `prefix + s` is.
const at = (prefix, s) => prefix.length + (s.startsWith("a") ? 1 : 0);

function refusal(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PaysealError, String(e));
    return e;
  }
  assert.fail("accepted");
}

test("the surrogates are what TextEncoder would change; a pair is fine", () => {
  for (const s of LONE) assert.notEqual(new TextDecoder().decode(new TextEncoder().encode(s)), s);
  const pm = new PayerMax(config);
  const req = pm.request("orderQuery", { outTradeNo: "O-😀" }, { requestTime: TIME });
  assert.equal(JSON.parse(req.body).data.outTradeNo, "O-😀");
});

test("configuration strings: INVALID_ARGUMENT naming the option", () => {
  for (const Api of [PayerMax, portable.PayerMax]) {
    for (const s of LONE) {
      const e = refusal(() => new Api({ ...config, appId: `A${s}` }));
      assert.equal(e.code, "INVALID_ARGUMENT");
      assert.match(e.message, /configuration\.appId/);
      assert.match(e.message, new RegExp(`lone UTF-16 surrogate at index ${at("A", s)},`));
    }
    assert.equal(refusal(() => new Api({ ...config, merchantNo: "\ud800" })).code, "INVALID_ARGUMENT");
    assert.equal(refusal(() => new Api({ ...config, platformPublicKeys: { "1\udc00": spki } })).code, "INVALID_ARGUMENT");
  }
  const e = refusal(() => new Cashy({ merchantId: "1", apiKey: "k\ud800", baseUrl: "https://cashy.example" }));
  assert.equal(e.code, "INVALID_ARGUMENT");
  assert.match(e.message, /configuration\.apiKey/);
  // Per-call options too.
  const pm = new PayerMax(config);
  assert.match(refusal(() => pm.request("orderQuery", { outTradeNo: "O" }, { requestTime: TIME, version: "1.\ud8004" })).message, /options\.version/);
});

test("request data as JSON text: JSON_INVALID, nothing signed; as an object, the escape JSON.stringify writes", async () => {
  for (const Api of [PayerMax, portable.PayerMax]) {
    const pm = new Api(config);
    for (const s of LONE) {
      const text = `{"outTradeNo":"O${s}"}`;
      const e = refusal(() => pm.request("orderQuery", text, { requestTime: TIME }));
      assert.equal(e.code, "JSON_INVALID");
      assert.match(e.message, new RegExp(`data \\(JSON text\\) has a lone UTF-16 surrogate at index ${at('{"outTradeNo":"O', s)},`));
      await assert.rejects(pm.requestAsync("orderQuery", text, { requestTime: TIME }), { code: "JSON_INVALID" });
      // An object: JSON.stringify writes the surrogate as an ASCII escape,
      // signed as it is (what the gateway reads back is what was given).
      const data = { outTradeNo: `O${s}`, [`k${s}`]: [s] };
      const req = pm.request("orderQuery", data, { requestTime: TIME });
      assert.equal(req.body.slice(req.body.indexOf('"data":') + 7, -1), JSON.stringify(data));
      assert.ok(req.body.isWellFormed() && !req.body.includes("\ufffd"));
      assert.ok(crypto.verify("sha256", Buffer.from(req.body), publicKey, Buffer.from(req.headers.sign, "base64")));
      assert.deepEqual(JSON.parse(req.body).data, data);
    }
    // Written as an escape in JSON text, it is ASCII: signed as given.
    const escaped = '{"outTradeNo":"O\\ud800"}';
    assert.ok(pm.request("orderQuery", escaped, { requestTime: TIME }).body.includes(escaped));
  }
  const cashy = new Cashy({ merchantId: "1", apiKey: "k", baseUrl: "https://cashy.example" });
  assert.equal(refusal(() => cashy.payoutQuery('{"orderNo":"P\ud800"}')).code, "JSON_INVALID");
  assert.equal(refusal(() => validatePayee("cashy.pe.payout", '{"remark":"\udfff"}')).code, "JSON_INVALID");
});

test("bodies and messages given as strings: INVALID_ARGUMENT, on the sync and async paths", async () => {
  const pm = new PayerMax(config);
  // JSON.stringify would escape it: the surrogate itself, as a body read wrongly might hold it.
  const body = JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: "APP", merchantNo: "M1",
    notifyTime: "2024-02-27T10:59:08.295Z", notifyType: "PAYMENT", data: { outTradeNo: "OX" } }).replace("OX", "O\ud800");
  assert.ok(!body.isWellFormed());
  // The signature over the UTF-8 of the well-formed replacement: what would have been checked.
  const replaced = nodeSign(privateKey, body);
  for (const call of [
    () => pm.verifyNotification(body, replaced),
    () => pm.verifyResponse(body, replaced),
    () => portable.sign(pem, body),
    () => sign(pem, body),
    () => verify(spki, body, replaced),
    () => new Cashy({ merchantId: "1", apiKey: "k", baseUrl: "https://c.example" }).verifyCallback(body, "00"),
  ]) {
    const e = refusal(call);
    assert.equal(e.code, "INVALID_ARGUMENT");
    assert.match(e.message, /lone UTF-16 surrogate at index \d+/);
  }
  await assert.rejects(pm.verifyNotificationAsync(body, replaced), { code: "INVALID_ARGUMENT" });
  await assert.rejects(signAsync(pem, body), { code: "INVALID_ARGUMENT" });
  // The same bytes as a Uint8Array are what they are: verified as such.
  const bytes = new TextEncoder().encode(body);
  assert.equal(verify(spki, bytes, crypto.sign("sha256", bytes, privateKey).toString("base64")), true);
});

test("the fallback for engines without String.prototype.isWellFormed finds the same strings", () => {
  const { isWellFormed } = String.prototype;
  assert.equal(typeof isWellFormed, "function", "Node 20+ has it");
  delete String.prototype.isWellFormed;
  try {
    assert.ok(!("isWellFormed" in String.prototype));
    for (const s of LONE) {
      const e = refusal(() => new PayerMax({ ...config, appId: `A${s}` }));
      assert.equal(e.code, "INVALID_ARGUMENT", JSON.stringify(s));
      assert.match(e.message, new RegExp(`at index ${at("A", s)},`));
      assert.equal(refusal(() => sign(pem, s)).code, "INVALID_ARGUMENT");
      assert.equal(refusal(() => new PayerMax(config).request("orderQuery", `"${s}"`, { requestTime: TIME })).code, "JSON_INVALID");
    }
    assert.ok(new PayerMax({ ...config, appId: "A😀" }));
    assert.ok(sign(pem, "😀\u{10ffff}"));
  } finally {
    String.prototype.isWellFormed = isWellFormed;
  }
});
