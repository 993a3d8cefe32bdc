// Cashy: Sign cross-checked with node:crypto and openssl md5, callbacks, the
// stand-in round trip, and the Worker route in workerd.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Cashy, PaysealError, validatePayee } from "payseal";
import { startCashyStandIn } from "../../www-example/node/cashy-standin.mjs";
import { cashyCallbackHandler } from "../../www-example/node/cashy.mjs";
import { startWorker } from "./workerd.mjs";

const KEY = "k3y-ñ-🔑";
const cashy = new Cashy({ merchantId: "100001", apiKey: KEY, baseUrl: "https://cashy.example/" });
const md5 = (body) => crypto.createHash("md5").update(Buffer.concat([Buffer.from(body), Buffer.from(KEY)])).digest("hex");
const GOOD = {
  accountName: "José Ñúñez", accountNo: "19312345678901", cciAccountNo: "00219300247595201411", accountType: 1, currency: "PEN",
  amount: 150.5, bankId: 12, mchOrderNo: "P123456", notifyUrl: "https://shop.example.com/cashy", idType: "DNI", idCard: "10117410",
  email: "jose@example.com", remark: "pago año 2026",
};

test("Sign = MD5(body + apiKey): node:crypto and openssl agree, for non-ASCII bodies", () => {
  const req = cashy.payout(GOOD);
  assert.equal(req.url, "https://cashy.example/api/payOut");
  assert.equal(req.method, "POST");
  assert.equal(req.headers.MerchantId, "100001");
  assert.equal(req.headers["content-type"], "application/json");
  assert.equal(req.headers.Sign, md5(req.body).toUpperCase());
  const viaOpenssl = execFileSync("openssl", ["md5", "-r"], { input: Buffer.concat([Buffer.from(req.body), Buffer.from(KEY)]) }).toString().split(" ")[0];
  assert.equal(req.headers.Sign, viaOpenssl.toUpperCase());
  // Caller's order and bytes kept; nonceStr appended: 32 CSPRNG characters.
  const body = JSON.parse(req.body);
  assert.deepEqual(Object.keys(body), [...Object.keys(GOOD), "nonceStr"]);
  assert.match(body.nonceStr, /^[0-9A-Za-z]{32}$/);
  assert.notEqual(cashy.payout(GOOD).body, req.body);
  const text = '{"amount":150.50,"nonceStr":"fixed"}';
  assert.equal(cashy.payout(text, { validate: false }).body, text);
});

test("payout refuses to sign an invalid payout, with the field errors", () => {
  try {
    cashy.payout({ ...GOOD, amount: 2500, cciAccountNo: "00219300247595201412" });
    assert.fail("signed an invalid payout");
  } catch (e) {
    assert.ok(e instanceof PaysealError);
    assert.equal(e.code, "PAYEE_INVALID");
    assert.deepEqual(e.validation.validationFailedFields.map((f) => [f.field, f.code]), [["cciAccountNo", "INVALID_CHECKSUM"], ["amount", "OUT_OF_RANGE"]]);
  }
  assert.ok(cashy.payout({ ...GOOD, amount: 2500 }, { validate: false }).headers.Sign);
  const big = new Cashy({ merchantId: "1", apiKey: "k", baseUrl: "http://127.0.0.1:1", payoutRules: { maxAmount: "10000.00", largeBankIds: [12] } });
  const { cciAccountNo, ...noCci } = GOOD;
  assert.ok(big.payout({ ...noCci, amount: 2500 }).headers.Sign);
});

test("a form validating before payout() passes without nonceStr, which payout() fills in", () => {
  assert.equal(GOOD.nonceStr, undefined);
  const report = validatePayee("cashy.pe.payout", GOOD);
  assert.deepEqual(report.validationFailedFields, []);
  assert.equal(report.validationCode, "PASS");
  const body = JSON.parse(cashy.payout(GOOD).body);
  assert.match(body.nonceStr, /^[0-9A-Za-z]{32}$/);
  // Still checked when sent.
  const long = validatePayee("cashy.pe.payout", { ...GOOD, nonceStr: "n".repeat(33) });
  assert.deepEqual(long.validationFailedFields.map((f) => [f.field, f.code]), [["nonceStr", "TOO_LONG"]]);
  assert.throws(() => cashy.payout({ ...GOOD, nonceStr: "n".repeat(33) }), { code: "INVALID_ARGUMENT" });
  assert.equal(validatePayee("cashy.pe.payout", { ...GOOD, nonceStr: "abc" }).validationCode, "PASS");
});

test("payoutQuery needs mchOrderNo or orderNo", () => {
  assert.throws(() => cashy.payoutQuery({}), { code: "INVALID_ARGUMENT", message: /mchOrderNo or orderNo/ });
  assert.throws(() => cashy.payoutQuery({ orderNo: "" }), { code: "INVALID_ARGUMENT" });
  const q = cashy.payoutQuery({ orderNo: "PAYOUT1" });
  assert.equal(q.url, "https://cashy.example/api/payOutQuery");
  assert.equal(q.headers.Sign, md5(q.body).toUpperCase());
  assert.ok(cashy.payoutQuery({ mchOrderNo: "P1" }));
});

test("callbacks: upper and lower case, tampered, wrong key, missing header, parsed body", () => {
  const body = JSON.stringify({ orderStatus: "SUCCESS", amount: 100.0, fee: 0, mchOrderNo: "P1", merchantId: "100001", orderNo: "PAYOUT1", resultDesc: "SUCCESS" });
  for (const sign of [md5(body), md5(body).toUpperCase(), ` ${md5(body)} `]) {
    const c = cashy.verifyCallback(body, sign);
    assert.equal(c.orderStatus, "SUCCESS");
    assert.equal(c.knownStatus, true);
    assert.equal(c.data.orderNo, "PAYOUT1");
  }
  assert.equal(cashy.verifyCallback(Buffer.from(body), md5(body)).resultDesc, "SUCCESS");
  const code = (fn) => { try { fn(); } catch (e) { return e.code; } return "accepted"; };
  assert.equal(code(() => cashy.verifyCallback(body.replace("SUCCESS", "FAIL"), md5(body))), "SIGNATURE_INVALID");
  const other = crypto.createHash("md5").update(body + "other-key").digest("hex");
  assert.equal(code(() => cashy.verifyCallback(body, other)), "SIGNATURE_INVALID");
  assert.equal(code(() => cashy.verifyCallback(body, undefined)), "SIGN_HEADER_MISSING");
  assert.equal(code(() => cashy.verifyCallback(body, "")), "SIGN_HEADER_MISSING");
  assert.equal(code(() => cashy.verifyCallback(body, "zz")), "SIGNATURE_INVALID");
  assert.equal(code(() => cashy.verifyCallback(JSON.parse(body), md5(body))), "BODY_NOT_RAW");
  const foreign = body.replace("100001", "999");
  assert.equal(code(() => cashy.verifyCallback(foreign, md5(foreign))), "MERCHANT_MISMATCH");
  assert.equal(code(() => cashy.verifyCallback("nope", md5("nope"))), "JSON_INVALID");
  // A repeated key: refused once the Sign holds (which orderStatus would count?).
  const repeated = body.replace('"orderStatus":"SUCCESS"', '"orderStatus":"FAIL","orderStatus":"SUCCESS"');
  assert.equal(code(() => cashy.verifyCallback(repeated, md5(repeated))), "JSON_INVALID");
  assert.equal(code(() => cashy.verifyCallback(repeated, md5(body))), "SIGNATURE_INVALID");
  const newStatus = body.replace('"SUCCESS","amount"', '"REVERSED","amount"');
  assert.equal(cashy.verifyCallback(newStatus, md5(newStatus)).knownStatus, false);
  assert.equal(Cashy.ACK, "SUCCESS");
});

test("configuration errors", () => {
  assert.throws(() => new Cashy({ merchantId: "1", apiKey: " k ", baseUrl: "https://x.example" }), { code: "CONFIG_INVALID", message: /white space/ });
  assert.throws(() => new Cashy({ merchantId: "1", apiKey: "k", baseUrl: "ftp://x" }), { code: "CONFIG_INVALID" });
  assert.throws(() => new Cashy({ merchantId: "1", apikey: "k", baseUrl: "https://x.example" }), { code: "CONFIG_INVALID", message: /apikey/ });
  assert.throws(() => new Cashy({ apiKey: "k", baseUrl: "https://x.example" }), { code: "CONFIG_INVALID", message: /merchantId/ });
});

test("round trip with the Cashy stand-in on 127.0.0.1", async () => {
  const gateway = await startCashyStandIn({ merchantId: "100001", apiKey: KEY });
  const client = new Cashy({ merchantId: "100001", apiKey: KEY, baseUrl: gateway.url });
  const seen = [];
  const receiver = http.createServer(cashyCallbackHandler(client, (c) => seen.push(c)));
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const req = client.payout({ ...GOOD, notifyUrl: `http://127.0.0.1:${receiver.address().port}/cb` }, { validate: false });
    const answer = client.verifyResponse(await (await fetch(req.url, req)).text());
    assert.equal(answer.ok, true, answer.msg);
    assert.equal(answer.orderStatus, "PROCESSING");
    const q = client.payoutQuery({ mchOrderNo: GOOD.mchOrderNo });
    assert.equal(client.verifyResponse(await (await fetch(q.url, q)).text()).data.resultDesc, "SUCCESS");
    const wrong = new Cashy({ merchantId: "100001", apiKey: "wrong", baseUrl: gateway.url }).payoutQuery({ orderNo: "x" });
    const refused = client.verifyResponse(await (await fetch(wrong.url, wrong)).text());
    assert.equal(refused.ok, false);
    assert.equal(refused.code, "402");
    const delivered = await gateway.complete(answer.data.orderNo, "SUCCESS");
    assert.deepEqual(delivered, { status: 200, body: "SUCCESS" });
    assert.equal(seen[0].orderStatus, "SUCCESS");
  } finally {
    receiver.close();
    await gateway.close();
  }
});

test("the Node callback receiver answers 413 to a 20 MB chunked body once past 1 MiB, then verifies the next callback", async () => {
  const { postChunked } = await import("./webhook-cases.mjs");
  const seen = [];
  const receiver = http.createServer(cashyCallbackHandler(cashy, (c) => seen.push(c)));
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const url = `http://127.0.0.1:${receiver.address().port}/cb`;
    const res = await postChunked(url, 20 * 1024 * 1024, { sign: "00" });
    assert.equal(res.status, 413);
    assert.equal(res.text, "INPUT_TOO_LARGE");
    assert.ok(res.sentBeforeAnswer < 16 * 1024 * 1024, `answered after ${res.sentBeforeAnswer} bytes`);
    const body = JSON.stringify({ orderNo: "C1", mchOrderNo: "P1", orderStatus: "SUCCESS", resultDesc: "ok" });
    const ok = await fetch(url, { method: "POST", headers: { sign: md5(body).toUpperCase() }, body });
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "SUCCESS");
    assert.equal(seen.length, 1);
  } finally {
    receiver.close();
  }
});

let worker;
before(async () => {
  worker = await startWorker(fileURLToPath(new URL("../../www-example/worker/src/index.js", import.meta.url)), {
    bindings: { CASHY_MERCHANT_ID: "100001", CASHY_API_KEY: KEY, CASHY_BASE_URL: "https://cashy.example", PAYERMAX_APP_ID: "A", PAYERMAX_MERCHANT_NO: "M", PAYERMAX_PLATFORM_PUBLIC_KEY: "unused" },
    durableObjects: { HANDLED_EVENTS: "HandledEvents" },
  });
});
after(() => worker?.stop());

test("the Worker accepts Cashy callbacks on /webhooks/cashy (workerd)", async () => {
  const body = JSON.stringify({ orderStatus: "FAIL", amount: 100, mchOrderNo: "P9", merchantId: "100001", orderNo: "PAYOUT9", resultDesc: "ACCOUNT_INVALID" });
  const post = async (b, headers) => {
    const res = await fetch(`${worker.url}/webhooks/cashy`, { method: "POST", headers, body: b });
    return [res.status, await res.text()];
  };
  assert.deepEqual(await post(body, { Sign: md5(body).toUpperCase() }), [200, "SUCCESS"]);
  assert.deepEqual(await post(body, { Sign: md5(body) }), [200, "SUCCESS"]);
  assert.equal((await post(body.replace("FAIL", "SUCCESS"), { Sign: md5(body) }))[0], 401);
  assert.equal((await post(body, {}))[0], 401);
  assert.equal((await post(body, { Sign: "junk" }))[0], 401);
  assert.equal((await post("not json", { Sign: md5("not json") }))[0], 400);
  assert.deepEqual(await post(body, { Sign: md5(body) }), [200, "SUCCESS"]);
  assert.doesNotMatch(worker.log(), /Uncaught|panicked|RuntimeError|unreachable/);
});
