// PayerMax request envelopes: body === JSON.stringify(envelope), byte for
// byte, the right version per endpoint, and a signature node:crypto accepts.
import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { PayerMax, PaysealError } from "payseal";
import { rsaKeys, nodeSign, nodeVerify } from "./helpers.mjs";

const { privateKey, publicKey } = rsaKeys(2048);
const pem = privateKey.export({ type: "pkcs8", format: "pem" });
const TIME = "2022-01-17T08:04:13.879+00:00";
const pm = new PayerMax({ appId: "3b242b56a8b64274bcc37dac281120e3", merchantNo: "020213827212251", privateKey: pem, environment: "sandbox" });

function expected(version, data, extra = {}) {
  return JSON.stringify({
    version, keyVersion: "1", requestTime: TIME, appId: "3b242b56a8b64274bcc37dac281120e3",
    merchantNo: "020213827212251", ...extra, data,
  });
}

// The version table of GATEWAYS.md, typed in independently of the crate.
const VERSIONS = {
  "1.0": ["orderConfirm", "addOrDelRiskNameList"],
  "1.1": ["createPaybylink", "queryPaybylink", "expirePaybylink", "exchange", "exchangeQuery"],
  "1.2": ["inquirePaymentToken", "removePaymentToken", "quoteQuery"],
  "1.3": ["currentBalanceQuery", "dayEndBalanceQuery"],
  "1.4": ["orderAndPay", "orderQuery", "refund", "refundQuery", "confirmPayment", "capture", "cancel", "caseReplay",
    "applyPaymentToken", "InquireApplyRequest", "paymentOrderPay", "paymentOrderQry", "paymentFieldValidation", "putRfiMaterialList"],
  "1.5": ["caseSearch", "subscriptionCreate", "subscriptionQuery", "subscriptionCancel"],
  "1.6": ["applyDropinSession", "applyDDC"],
};

test("every endpoint of the gateway table gets its version, URL and app field", () => {
  for (const [version, names] of Object.entries(VERSIONS)) {
    for (const name of names) {
      const req = pm.request(name, { a: 1 }, { requestTime: TIME, check: false });
      assert.equal(req.url, `https://pay-gate-uat.payermax.com/aggregate-pay/api/gateway/${name}`);
      const body = JSON.parse(req.body);
      assert.equal(body.version, version, name);
      if (version === "1.0") {
        assert.equal(body.merchantAppId, "3b242b56a8b64274bcc37dac281120e3");
        assert.equal(body.appId, undefined);
      } else {
        assert.equal(req.body, expected(version, { a: 1 }), name);
      }
      assert.equal(req.method, "POST");
      assert.equal(req.headers["content-type"], "application/json");
      assert.equal(req.headers.sign, nodeSign(privateKey, req.body));
    }
  }
  for (const name of ["applyToken", "paymentOrderBatchQry", "orderClose", "consultPaymentMethod", "queryClientExchangeRate"]) {
    assert.ok(pm.request(name, {}, { requestTime: TIME, check: false }).url.endsWith(name));
  }
});

const TRICKY = [
  { totalAmount: 10, refundAmount: 10.5, z: 0.1, big: 1e21, small: 1e-7, neg: -0, max: Number.MAX_VALUE, min: 5e-324 },
  { b: 1, a: 2, "10": "numeric keys move first, as in JS", "": "empty key" },
  { s: 'quote " backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul \u0000 us \u001f del \u007f' },
  { emoji: "😀👍🏽", ls: "\u2028\u2029", lone: "\ud800 and \udfff", bom: "\ufeff", cjk: "付款" },
  { nested: [1, [2, [3, { x: null, y: true, z: false }]], [], {}], arr: [1.5, "2", null] },
  { payeeType: "PERSONAL", "payeeType ": "trailing space kept" },
  { amount: "10000.00", n: 10000.0, bigint: 9007199254740993 },
  { date: new Date(0), undef: undefined, fn() {}, sym: Symbol("x") },
];

test("NaN and the infinities are refused with their paths, checked or not, never sent as null", () => {
  for (const check of [true, false]) {
    const data = { outTradeNo: "T_1", trade: { amount: NaN, n: [1, Infinity] }, ok: 1, inf: -Infinity };
    assert.throws(() => pm.request("orderQuery", data, { check }), (e) => {
      assert.equal(e.code, "DATA_INVALID");
      assert.deepEqual(e.fields.map((f) => [f.field, f.code]), [["trade.amount", "NOT_FINITE"], ["trade.n[1]", "NOT_FINITE"], ["inf", "NOT_FINITE"]]);
      assert.match(e.message, /trade\.amount is NaN/);
      return true;
    });
  }
});

test("body equals JSON.stringify of the envelope for tricky data", () => {
  for (const data of TRICKY) {
    const req = pm.request("orderAndPay", data, { requestTime: TIME, check: false });
    assert.equal(req.body, expected("1.4", data));
    assert.ok(nodeVerify(publicKey, req.body, req.headers.sign));
  }
});

test("body equals JSON.stringify for generated data", () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const strings = ["", "a", "é", "😀", "\ud83d", "\n", '"', "\\", "\u0001", "x y"];
  const gen = (depth) => {
    const r = rand();
    if (depth > 3 || r < 0.3) {
      const k = Math.floor(rand() * 6);
      return [null, true, false, (rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30), strings[Math.floor(rand() * strings.length)], Math.floor(rand() * 1e6)][k];
    }
    if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1));
    const o = {};
    for (let i = 0; i < Math.floor(rand() * 5); i++) o[strings[Math.floor(rand() * strings.length)] + i] = gen(depth + 1);
    return o;
  };
  for (let i = 0; i < 300; i++) {
    const data = { case: i, value: gen(0) };
    assert.equal(pm.request("orderQuery", data, { requestTime: TIME, check: false }).body, expected("1.4", data));
  }
});

test("data given as a JSON string is embedded unchanged after it is checked", () => {
  const text = '{ "totalAmount" : 10000.00, "b":[1e2, -0.0] }';
  const req = pm.request("orderAndPay", text, { requestTime: TIME, check: false });
  assert.ok(req.body.endsWith(`"data":${text}}`));
  assert.ok(nodeVerify(publicKey, req.body, req.headers.sign));
  for (const bad of ["", "{", "{'a':1}", "[1]", "1", '"s"', "null", '{"a":1}x', "{\"a\":01}", "\ufeff{}"]) {
    assert.throws(() => pm.request("orderAndPay", bad, { requestTime: TIME, check: false }), { code: "JSON_INVALID" }, bad);
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => pm.request("orderAndPay", cyclic), { code: "JSON_INVALID" });
  assert.throws(() => pm.request("orderAndPay", { n: 10n }), { code: "JSON_INVALID" });
  assert.throws(() => pm.request("orderAndPay", undefined), { code: "JSON_INVALID" });
  assert.throws(() => pm.request("orderAndPay", [1, 2]), { code: "JSON_INVALID" });
});

test("one code per cause: a value JSON cannot carry, an object that throws when read, a class called without new", async () => {
  const { Cashy, PayerMaxMerchants, validatePayee } = await import("payseal");
  const base = { appId: "A", merchantNo: "M", privateKey: pem };
  const hostile = () => new Proxy({}, { get() { throw new Error("hostile getter"); }, ownKeys() { throw new Error("hostile keys"); } });
  const getter = () => ({ get outTradeNo() { throw new Error("getter says no"); } });
  const cyclic = () => { const o = {}; o.self = o; return o; };
  // Wherever a caller's object goes (configuration, data, options, a rule
  // set), the same cause gives the same code.
  const places = {
    configuration: (v) => new PayerMax({ ...base, extra: v }),
    data: (v) => pm.request("orderQuery", { nested: v }, { check: false }),
    "request options": (v) => pm.request("orderQuery", {}, { check: false, requestTime: v }),
    "notification options": (v) => pm.verifyNotification("{}", "c2ln", { now: v }),
    "rule set": (v) => validatePayee({ id: "x", fields: { a: v } }, {}),
    "payee options": (v) => validatePayee("cashy.pe.payout", {}, { parameters: v }),
  };
  for (const [place, call] of Object.entries(places)) {
    for (const [what, value, code] of [["Proxy", hostile(), "INVALID_ARGUMENT"], ["getter", getter(), "INVALID_ARGUMENT"], ["cycle", cyclic(), "JSON_INVALID"], ["BigInt", 10n, "JSON_INVALID"]]) {
      assert.throws(() => call(value), (e) => (e.code === code && (code !== "INVALID_ARGUMENT" || e.cause instanceof Error)) || assert.fail(`${place} / ${what}: ${e.code} ${e.message}`));
    }
  }
  const classes = { PayerMax: [PayerMax, base], PayerMaxMerchants: [PayerMaxMerchants, [base]], Cashy: [Cashy, { merchantId: "100001", apiKey: "k", baseUrl: "http://127.0.0.1:9" }] };
  for (const [name, [cls, arg]] of Object.entries(classes)) {
    assert.equal(cls.name, name, "the class goes by the name it is exported as, whatever the bundle calls it");
    assert.throws(() => cls(arg), (e) => e instanceof PaysealError && e.code === "INVALID_ARGUMENT" && e.message === `${name} is a class: create one with new ${name}(...)`);
    const made = new cls(arg);
    assert.ok(made instanceof cls);
  }
  assert.ok(pm instanceof PayerMax);
  assert.equal(PayerMax.ACK, '{"code":"SUCCESS","msg":"Success"}');
});

test("unknown endpoints name the closest known ones unless a version is given", () => {
  try {
    pm.request("paymentOrderQuery", {});
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof PaysealError);
    assert.equal(e.code, "ENDPOINT_UNKNOWN");
    assert.match(e.message, /paymentOrderQry/);
  }
  assert.throws(() => pm.request("OrderAndPay", {}), { code: "ENDPOINT_UNKNOWN", message: /orderAndPay/ });
  const custom = pm.request("brandNewEndpoint", { a: 1 }, { version: "1.9", requestTime: TIME });
  assert.equal(custom.body, expected("1.9", { a: 1 }));
  assert.ok(custom.url.endsWith("/brandNewEndpoint"));
  assert.equal(JSON.parse(pm.request("orderAndPay", {}, { version: "1.5", check: false }).body).version, "1.5");
  assert.throws(() => pm.request("../../admin", {}, { version: "1.4" }), { code: "INVALID_ARGUMENT" });
  assert.throws(() => pm.request("orderAndPay", {}, { version: "v1" }), { code: "INVALID_ARGUMENT" });
  assert.throws(() => pm.request(42, {}), { code: "INVALID_ARGUMENT" });
});

test("requestTime: from the clock in the exact gateway format, or given", () => {
  const before = Date.now();
  const body = JSON.parse(pm.request("orderQuery", {}, { check: false }).body);
  assert.match(body.requestTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  const t = Date.parse(body.requestTime);
  assert.ok(t >= before - 1 && t <= Date.now() + 1);
  assert.equal(JSON.parse(pm.request("orderQuery", {}, { requestTime: new Date(1642406653879), check: false }).body).requestTime, TIME);
  assert.equal(JSON.parse(pm.request("orderQuery", {}, { requestTime: 1642406653879, check: false }).body).requestTime, TIME);
  assert.equal(JSON.parse(pm.request("orderQuery", {}, { requestTime: "2022-01-17T16:04:13.879+08:00", check: false }).body).requestTime, "2022-01-17T16:04:13.879+08:00");
  for (const bad of ["2022-01-17T08:04:13Z", "yesterday", "2022-01-17T08:04:13.879", NaN, {}]) {
    assert.throws(() => pm.request("orderQuery", {}, { requestTime: bad }), { code: /REQUEST_TIME_INVALID|INVALID_ARGUMENT/ });
  }
});

test("configuration: environments, base URL, ISV mode, key version, clear errors", () => {
  const base = { appId: "A", merchantNo: "M", privateKey: pem };
  assert.ok(new PayerMax({ ...base, environment: "production" }).request("orderQuery", {}, { check: false }).url.startsWith("https://pay-gate.payermax.com/aggregate-pay/api/gateway/"));
  assert.equal(new PayerMax({ ...base, baseUrl: "http://127.0.0.1:9/" }).request("orderQuery", {}, { check: false }).url, "http://127.0.0.1:9/aggregate-pay/api/gateway/orderQuery");
  const isv = new PayerMax({ ...base, spMerchantNo: "SP1", keyVersion: "2" });
  const data = { a: 1 };
  assert.equal(
    isv.request("orderQuery", data, { requestTime: TIME, check: false }).body,
    JSON.stringify({ version: "1.4", keyVersion: "2", requestTime: TIME, appId: "A", merchantNo: "M", spMerchantNo: "SP1", data }),
  );
  assert.throws(() => new PayerMax({ ...base, appId: "" }), { code: "CONFIG_INVALID" });
  assert.throws(() => new PayerMax({ merchantNo: "M" }), { code: "CONFIG_INVALID", message: /appId/ });
  assert.throws(() => new PayerMax({ ...base, environment: "prod" }), { code: "CONFIG_INVALID" });
  assert.throws(() => new PayerMax({ ...base, privatekey: pem }), { code: "CONFIG_INVALID", message: /privatekey/ });
  assert.throws(() => new PayerMax({ ...base, baseUrl: "ftp://x" }), { code: "CONFIG_INVALID" });
  assert.throws(() => new PayerMax({ ...base, privateKey: publicKey.export({ type: "spki", format: "pem" }) }), { code: "KEY_NOT_PRIVATE" });
  assert.throws(() => new PayerMax(null), { code: "CONFIG_INVALID" });
  assert.throws(() => new PayerMax({ appId: "A", merchantNo: "M" }).request("orderQuery", {}), { code: "CONFIG_INVALID", message: /privateKey/ });
});

test("requestAsync signs the same bytes as request", async () => {
  for (const data of TRICKY.slice(0, 4)) {
    const a = pm.request("refund", data, { requestTime: TIME, check: false });
    const b = await pm.requestAsync("refund", data, { requestTime: TIME, check: false });
    assert.deepEqual(b, a);
  }
  await assert.rejects(pm.requestAsync("nope", {}), { code: "ENDPOINT_UNKNOWN" });
});

test("fetch(req.url, req) just works against a gateway on 127.0.0.1", async () => {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ path: req.url, type: req.headers["content-type"], ok: nodeVerify(publicKey, body, req.headers.sign), body: body.toString() });
      res.end("{}");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const client = new PayerMax({ appId: "A", merchantNo: "M", privateKey: pem, baseUrl: `http://127.0.0.1:${server.address().port}` });
    const req = client.request("paymentOrderPay", { outTradeNo: "T1", trade: { amount: "10.00", currency: "PEN" }, note: "ñandú 😀" }, { check: false });
    const res = await fetch(req.url, req);
    assert.equal(res.status, 200);
    assert.deepEqual(seen, [{ path: "/aggregate-pay/api/gateway/paymentOrderPay", type: "application/json", ok: true, body: req.body }]);
  } finally {
    server.close();
  }
});

test("ISV: merchantAuthToken travels in the merchant_auth_token header, beside spMerchantNo", async () => {
  const isv = new PayerMax({ appId: "A", merchantNo: "M", privateKey: pem, spMerchantNo: "SP1", merchantAuthToken: "tok-123" });
  for (const req of [isv.request("orderQuery", { outTradeNo: "T_1" }), await isv.requestAsync("orderQuery", { outTradeNo: "T_1" })]) {
    assert.equal(req.headers.merchant_auth_token, "tok-123");
    assert.equal(JSON.parse(req.body).spMerchantNo, "SP1");
  }
  assert.equal(pm.request("orderQuery", { outTradeNo: "T_1" }).headers.merchant_auth_token, undefined);
  assert.throws(() => new PayerMax({ appId: "A", merchantNo: "M", merchantAuthToken: "bad\ntoken" }), { code: "CONFIG_INVALID" });
});
