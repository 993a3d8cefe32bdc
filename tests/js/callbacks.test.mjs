// Every callback of the PayerMax OpenAPI description through the JS API:
// its own example, signed with a real platform key, verifies through its
// typed entry (sync, async and payseal/portable agreeing); each field that
// binds it to its kind and merchant, taken away, gets it refused; a data
// field taken away is accepted and reported; the answers with data are the
// exact bodies.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import { PayerMax, PayerMaxMerchants, PaysealError } from "payseal";
import * as portable from "payseal/portable";

const SPEC = JSON.parse(readFileSync(new URL("../../../shared/reference/payermax-openapi.json", import.meta.url), "utf8"));
const platform = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const spki = platform.publicKey.export({ type: "spki", format: "der" }).toString("base64");
const config = { appId: "app-1", merchantNo: "M-1", platformPublicKey: spki };
const pm = new PayerMax(config);
const portablePm = new portable.PayerMax(config);
const sign = (body) => crypto.sign("sha256", Buffer.from(body), platform.privateKey).toString("base64");
const NOW = Date.parse("2024-02-27T10:59:10Z");

// The callbacks (every path that is not a gateway operation), with their
// request example; pageReturn is a browser redirect, not a callback.
const CALLBACKS = Object.entries(SPEC.paths)
  .filter(([path]) => !path.startsWith("/aggregate-pay/") && path !== "/pageReturn")
  .map(([path, item]) => {
    const content = item.post.requestBody.content["application/json"];
    return { path, schema: content.schema, example: content.example ?? Object.values(content.examples)[0].value };
  });

const kindOf = ({ path, example }) =>
  example.notifyType ? "notification" : { "/rfiNotifyUrl": "rfi", "/billPaymentValidationUrl": "billPaymentValidation" }[path];
const METHOD = { notification: "verifyNotification", rfi: "verifyRfiNotification", billPaymentValidation: "verifyBillPaymentValidation" };

// The example addressed to this merchant, sent now.
function addressed({ example }) {
  const body = structuredClone(example);
  for (const [field, value] of [["appId", config.appId], ["merchantAppId", config.appId], ["merchantNo", config.merchantNo]]) {
    if (field in body) body[field] = value;
  }
  if ("notifyTime" in body) body.notifyTime = new Date(NOW).toISOString();
  return body;
}

// The same call on the sync, async and portable paths: one answer.
async function verified(kind, bodyText, opts) {
  const run = async (fn) => {
    try {
      return { value: await fn() };
    } catch (e) {
      assert.ok(e instanceof PaysealError, `${e}`);
      return { code: e.code, message: e.message };
    }
  };
  const method = METHOD[kind];
  const sig = sign(bodyText);
  const sync = await run(() => pm[method](bodyText, sig, opts));
  assert.deepEqual(await run(() => pm[`${method}Async`](bodyText, sig, opts)), sync, `${kind} async`);
  assert.deepEqual(await run(() => portablePm[method](bodyText, sig, opts)), sync, `${kind} portable`);
  return sync;
}

test("the description has 17 callbacks, and each example verifies through its typed entry", async () => {
  assert.equal(CALLBACKS.length, 17);
  const seen = new Set();
  for (const cb of CALLBACKS) {
    const kind = kindOf(cb);
    assert.ok(kind, `${cb.path}: no entry`);
    const body = addressed(cb);
    const opts = kind === "billPaymentValidation" ? undefined : { now: NOW, toleranceSeconds: 300 };
    const { value: n, code, message } = await verified(kind, JSON.stringify(body), opts);
    assert.ok(n, `${cb.path}: ${code} ${message}`);
    assert.equal(n.raw, JSON.stringify(body));
    if (kind === "billPaymentValidation") {
      assert.deepEqual(n.data, body);
      assert.match(n.eventKey, /^BILL_PAYMENT_VALIDATION:TEST100001:[0-9a-f]{16}$/);
    } else {
      assert.deepEqual(n.data, body.data);
      assert.equal(n.appId, config.appId);
      assert.equal(n.notifyType, body.notifyType ?? null);
      if (kind === "notification") assert.equal(n.knownType, true);
      if (kind === "rfi") assert.match(n.eventKey, /^RFI:testRFINo001:[0-9a-f]{16}$/);
    }
    // The description's own examples are whole, but for what they leave out
    // (reported, never refused).
    for (const issue of n.dataIssues) assert.match(issue.code, /^(REQUIRED|TYPE_MISMATCH)$/, `${cb.path}: ${JSON.stringify(issue)}`);
    seen.add(body.notifyType ?? kind);
  }
  assert.deepEqual([...seen].sort(), ["CANCEL", "CAPTURE", "DISPUTE", "EXCHANGE", "FRAUD", "PAYBYLINK", "PAYMENT", "PAYOUT", "RECEIVE",
    "REFUND", "REPAYMENT_RECEIPT", "SUBSCRIPTION", "SUBSCRIPTION_PAYMENT", "TOKENIZATION", "billPaymentValidation", "rfi"]);
});

test("each binding field taken away gets the callback refused with its code", async () => {
  for (const cb of CALLBACKS) {
    const kind = kindOf(cb);
    const opts = kind === "billPaymentValidation" ? undefined : { now: NOW };
    const cases = [];
    const body = addressed(cb);
    if (kind === "billPaymentValidation") {
      const { referenceNo, ...rest } = body;
      cases.push([rest, "NOT_A_NOTIFICATION"]);
      cases.push([{ ...body, appId: config.appId }, "NOT_A_NOTIFICATION"]);
      cases.push([{ code: "APPLY_SUCCESS", msg: "", data: body }, "NOT_A_NOTIFICATION"]);
    } else {
      const app = "merchantAppId" in body ? "merchantAppId" : "appId";
      const { [app]: _, ...noApp } = body;
      cases.push([noApp, "MERCHANT_MISMATCH"]);
      cases.push([{ ...body, [app]: "someone-else" }, "MERCHANT_MISMATCH"]);
      cases.push([{ ...body, merchantNo: "M-2" }, "MERCHANT_MISMATCH"]);
      if (kind === "notification") {
        const { notifyType, ...untyped } = body;
        cases.push([untyped, "NOT_A_NOTIFICATION"]);
      } else {
        cases.push([{ ...body, notifyType: "PAYMENT" }, "NOT_A_NOTIFICATION"]);
        cases.push([{ ...body, code: "APPLY_SUCCESS" }, "NOT_A_NOTIFICATION"]);
      }
      const late = { ...body, notifyTime: new Date(NOW - 3600_000).toISOString() };
      assert.equal((await verified(kind, JSON.stringify(late), { now: NOW, toleranceSeconds: 300 })).code, "NOTIFICATION_EXPIRED");
    }
    for (const [bad, code] of cases) {
      const got = await verified(kind, JSON.stringify(bad), opts);
      assert.equal(got.code, code, `${cb.path}: ${JSON.stringify(bad).slice(0, 120)}: ${got.message}`);
    }
  }
  // A message of one kind is not accepted as another, whichever way round.
  const rfi = JSON.stringify(addressed(CALLBACKS.find((c) => c.path === "/rfiNotifyUrl")));
  const payout = JSON.stringify(addressed(CALLBACKS.find((c) => c.path === "/disbursementResultNotifyUrl")));
  const bill = JSON.stringify(addressed(CALLBACKS.find((c) => c.path === "/billPaymentValidationUrl")));
  assert.match((await verified("notification", rfi, {})).message, /verifyRfiNotification/);
  assert.match((await verified("rfi", payout, {})).message, /verifyNotification/);
  assert.equal((await verified("billPaymentValidation", payout)).code, "NOT_A_NOTIFICATION");
  assert.equal((await verified("notification", bill, {})).code, "NOT_A_NOTIFICATION");
  assert.equal((await verified("rfi", bill, {})).code, "MERCHANT_MISMATCH");
  // A validation has no time to check.
  assert.equal((await verified("billPaymentValidation", bill, { toleranceSeconds: 60 })).code, "INVALID_ARGUMENT");
  // Signed by another key: refused before anything is read.
  assert.throws(() => pm.verifyBillPaymentValidation(bill, sign(bill + " ")), { code: "SIGNATURE_INVALID" });
});

test("a data field the description requires, missing or of another type, is accepted and reported", async () => {
  for (const cb of CALLBACKS) {
    const kind = kindOf(cb);
    const body = addressed(cb);
    const data = kind === "billPaymentValidation" ? body : body.data;
    const schema = kind === "billPaymentValidation" ? cb.schema : cb.schema.properties.data;
    // FRAUD is also one of the disputes callback's notifyTypes: a field is
    // required of it only where both callbacks require it.
    const also = body.notifyType === "FRAUD" ? CALLBACKS.find((c) => c.path === "/chargeBaclNotifyUrl").schema.properties.data.required : null;
    const required = (schema.required ?? []).filter((f) => f in data && (!also || also.includes(f)));
    assert.ok(required.length > 0, `${cb.path}: no required data field to take away`);
    const field = required.find((f) => f !== "referenceNo"); // a validation's referenceNo names the bill
    const { [field]: _, ...rest } = data;
    const lacking = kind === "billPaymentValidation" ? rest : { ...body, data: rest };
    const opts = kind === "billPaymentValidation" ? undefined : { now: NOW };
    const { value: n, message } = await verified(kind, JSON.stringify(lacking), opts);
    assert.ok(n, `${cb.path} without ${field}: ${message}`);
    assert.ok(n.dataIssues.some((i) => i.field === field && i.code === "REQUIRED"), `${cb.path}: ${JSON.stringify(n.dataIssues)}`);
    // Another JSON type: an object where the description has a string or number.
    const retyped = kind === "billPaymentValidation" ? { ...body, [field]: { x: 1 } } : { ...body, data: { ...data, [field]: { x: 1 } } };
    const typed = (await verified(kind, JSON.stringify(retyped), opts)).value;
    if (["string", "number", "integer", "boolean"].includes(schema.properties[field].type)) {
      assert.ok(typed.dataIssues.some((i) => i.field === field && i.code === "TYPE_MISMATCH"), `${cb.path}: ${JSON.stringify(typed.dataIssues)}`);
    }
  }
  // No data at all: still the event, reported.
  const payout = addressed(CALLBACKS.find((c) => c.path === "/disbursementResultNotifyUrl"));
  delete payout.data;
  const n = (await verified("notification", JSON.stringify(payout), {})).value;
  assert.deepEqual(n.dataIssues, [{ field: "data", code: "REQUIRED", errorMsg: "data is missing" }]);
});

test("answers with data: the exact bodies, checked before they are built", async () => {
  const validation = { referenceNo: "TEST100001", confirmation: "Y", minAmount: 20, maxAmount: 300, currency: "PHP", failureReason: "" };
  const answer = PayerMax.answer("billPaymentValidation", validation);
  assert.deepEqual(answer, {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: "SUCCESS", msg: "Success", data: validation }),
  });
  const response = PayerMax.answerResponse("billPaymentValidation", validation);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal(response.headers.get("sign"), null);
  assert.equal(await response.text(), answer.body);

  const receipt = { referenceNo: "TEST100001", tradeToken: "T20240131032712345123456", amount: 40.85, currency: "PHP", confirmation: "N", failureReason: "bill already paid" };
  assert.equal(PayerMax.answer("REPAYMENT_RECEIPT", receipt).body, JSON.stringify({ code: "SUCCESS", msg: "Success", data: receipt }));
  // The description's own answer examples pass.
  for (const path of ["/billPaymentValidationUrl", "/collectResultNotifyUrlForBillPayment"]) {
    const example = SPEC.paths[path].post.responses["200"].content["application/json"].example;
    const kind = path === "/billPaymentValidationUrl" ? "billPaymentValidation" : "REPAYMENT_RECEIPT";
    assert.equal(PayerMax.answer(kind, example.data).body, JSON.stringify({ code: "SUCCESS", msg: "Success", data: example.data }));
  }

  // Every failure at once; nothing built.
  const { failureReason, ...refusedWithoutReason } = { ...receipt };
  assert.throws(() => PayerMax.answer("REPAYMENT_RECEIPT", { ...refusedWithoutReason, tradeToken: undefined, currency: "PHPX", confirmation: "N" }), (e) => {
    assert.equal(e.code, "DATA_INVALID");
    assert.deepEqual(e.fields.map((f) => `${f.field} ${f.code}`).sort(), ["currency TOO_LONG", "failureReason REQUIRED", "tradeToken REQUIRED"]);
    assert.match(e.message, /no answer to the "REPAYMENT_RECEIPT" callback was built/);
    return true;
  });
  assert.throws(() => PayerMax.answer("billPaymentValidation", { ...validation, confirmation: "yes" }), (e) => e.code === "DATA_INVALID" && e.fields[0].field === "confirmation" && e.fields[0].code === "NOT_ALLOWED");
  assert.throws(() => PayerMax.answer("PAYMENT", {}), { code: "INVALID_ARGUMENT", message: /PayerMax\.ack\(\)/ });
  assert.throws(() => PayerMax.answer("billPaymentValidation", null), { code: "INVALID_ARGUMENT" });
  assert.throws(() => PayerMax.answer("billPaymentValidation", { ...validation, minAmount: NaN }), { code: "DATA_INVALID" });
});

test("several merchants: an RFI notification goes to the merchant it names", async () => {
  const other = { appId: "app-2", merchantNo: "M-2", platformPublicKey: spki };
  const merchants = new PayerMaxMerchants([config, other]);
  const rfi = addressed(CALLBACKS.find((c) => c.path === "/rfiNotifyUrl"));
  const forOther = JSON.stringify({ ...rfi, appId: "app-2", merchantNo: "M-2" });
  const n = merchants.verifyRfiNotification(forOther, sign(forOther), { now: NOW });
  assert.equal(n.merchant.merchantNo, "M-2");
  assert.equal((await merchants.verifyRfiNotificationAsync(forOther, sign(forOther), { now: NOW })).merchant.appId, "app-2");
  const nobody = JSON.stringify({ ...rfi, appId: "app-9", merchantNo: "M-9" });
  assert.throws(() => merchants.verifyRfiNotification(nobody, sign(nobody)), { code: "MERCHANT_MISMATCH" });
});
