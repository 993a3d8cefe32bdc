// The gateway stand-ins run on their own: `node www-example/node/<x>-standin.mjs`
// prints its URL and the environment to use, serves signed requests, and stops
// on Ctrl-C (SIGINT).
import test from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import crypto from "node:crypto";
import { PayerMax, Cashy } from "payseal";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

/** Starts a stand-in as its own process; resolves once it has printed its last `export` line. */
export async function startStandInProcess(script, lastVariable) {
  const child = spawn(process.execPath, [script], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr.on("data", (d) => (out += d));
  await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no environment in 10 s:\n${out}`)), 10_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (new RegExp(`^export ${lastVariable}=.*\\n`, "m").test(out)) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}):\n${out}`)));
  });
  // The printed `export NAME=value` lines, `"$(cat file)"` read as the shell would.
  const env = {};
  for (const [, name, value] of out.matchAll(/^export (\w+)=(.*)$/gm)) {
    const cat = /^"\$\(cat (.+)\)"$/.exec(value);
    env[name] = cat ? readFileSync(resolve(root, cat[1]), "utf8").replace(/\n$/, "") : value;
  }
  const stop = () => new Promise((r) => {
    if (child.exitCode !== null) return r(child.exitCode);
    child.once("exit", (code, signal) => r(code ?? signal));
    child.kill("SIGINT");
  });
  return { out, env, stop, child };
}

test("the PayerMax stand-in runs on its own and serves a signed request", async () => {
  const standIn = await startStandInProcess("www-example/node/payermax-standin.mjs", "PAYERMAX_PLATFORM_PUBLIC_KEY");
  try {
    const { env, out } = standIn;
    const url = /^PayerMax stand-in on (http:\/\/127\.0\.0\.1:\d+) /.exec(out)?.[1];
    assert.ok(url, out);
    assert.equal(env.PAYERMAX_BASE_URL, url);
    assert.match(out, /merchant-private\.txt/);
    const payermax = new PayerMax({
      appId: env.PAYERMAX_APP_ID,
      merchantNo: env.PAYERMAX_MERCHANT_NO,
      privateKey: env.PAYERMAX_PRIVATE_KEY,
      platformPublicKey: env.PAYERMAX_PLATFORM_PUBLIC_KEY,
      baseUrl: env.PAYERMAX_BASE_URL,
    });
    const req = payermax.request("orderAndPay", {
      outTradeNo: "ORDER-1", subject: "plan", totalAmount: 10000, currency: "IDR", country: "ID", userId: "u-1",
      integrate: "Hosted_Checkout", frontCallbackUrl: "https://shop.example/return", notifyUrl: "https://shop.example/webhooks/payermax",
    });
    assert.ok(req.url.startsWith(`${url}/`), req.url);
    const res = await fetch(req.url, req);
    const answer = payermax.verifyResponse(await res.text(), res.headers.get("sign"), req);
    assert.equal(answer.verified, true);
    assert.equal(answer.code, "APPLY_SUCCESS");
    assert.equal(answer.data?.outTradeNo, "ORDER-1");
    assert.match(answer.data?.redirectUrl ?? "", /^http:\/\/127\.0\.0\.1:\d+\/cashier\/TP/);

    // Signed with another key: the stand-in refuses it (unsigned error answer).
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
    const forged = new PayerMax({ appId: env.PAYERMAX_APP_ID, merchantNo: env.PAYERMAX_MERCHANT_NO, privateKey: other, platformPublicKey: env.PAYERMAX_PLATFORM_PUBLIC_KEY, baseUrl: url });
    const bad = forged.request("orderQuery", { outTradeNo: "ORDER-1" });
    const refused = await fetch(bad.url, bad);
    const refusal = forged.verifyResponse(await refused.text(), refused.headers.get("sign"));
    assert.deepEqual([refusal.verified, refusal.ok, refusal.code], [false, false, "SIGN_VERIFY_FAILED"]);
  } finally {
    assert.equal(await standIn.stop(), 0);
  }
});

test("the Cashy stand-in runs on its own and serves a signed payout", async () => {
  const standIn = await startStandInProcess("www-example/node/cashy-standin.mjs", "CASHY_API_KEY");
  try {
    const { env, out } = standIn;
    const url = /^Cashy stand-in on (http:\/\/127\.0\.0\.1:\d+) /.exec(out)?.[1];
    assert.ok(url, out);
    assert.equal(env.CASHY_BASE_URL, url);
    const cashy = new Cashy({ merchantId: env.CASHY_MERCHANT_ID, apiKey: env.CASHY_API_KEY, baseUrl: env.CASHY_BASE_URL });
    const req = cashy.payout({
      accountName: "Rosa Quispe", accountNo: "19312345678901", cciAccountNo: "00219300247595201411", accountType: 1,
      currency: "PEN", amount: 150.5, bankId: 12, mchOrderNo: "P1", notifyUrl: "https://shop.example.com/webhooks/cashy",
      idType: "DNI", idCard: "10117410", remark: "payout",
    });
    const answer = cashy.verifyResponse(await (await fetch(req.url, req)).text());
    assert.equal(answer.ok, true, answer.msg);
    const query = cashy.payoutQuery({ orderNo: answer.data.orderNo });
    const queried = cashy.verifyResponse(await (await fetch(query.url, query)).text());
    assert.deepEqual([queried.ok, queried.data.mchOrderNo], [true, "P1"]);

    // Another API key: the stand-in refuses the Sign.
    const wrong = new Cashy({ merchantId: env.CASHY_MERCHANT_ID, apiKey: "not-the-key", baseUrl: url });
    const bad = wrong.payoutQuery({ orderNo: answer.data.orderNo });
    const refusal = wrong.verifyResponse(await (await fetch(bad.url, bad)).text());
    assert.deepEqual([refusal.ok, refusal.msg], [false, "sign error"]);
  } finally {
    assert.equal(await standIn.stop(), 0);
  }
});

// ---------------------------------------------------------------------------
// The stand-in as the flows use it: every endpoint answers signed, shaped as
// the description's example with the request's ids, keeps state between a
// create and its query, and notifies; every notification kind verifies.
import http from "node:http";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { startPayerMaxStandIn, notificationBody, NOTIFICATION_KINDS, DEMO_APP_ID, DEMO_MERCHANT_NO } from "../../www-example/node/payermax-standin.mjs";

const demoKey = (name) => readFileSync(resolve(root, "www-example/demo-keys", name), "utf8");
const platformPublicKey = crypto.createPublicKey({ key: Buffer.from(demoKey("platform-public.txt").trim(), "base64"), format: "der", type: "spki" });
const examples = JSON.parse(readFileSync(resolve(root, "www-example/node/payermax-examples.json"), "utf8"));

/** A stand-in, a merchant configured for it, and a webhook that records what arrives and answers `answer(body)`. */
async function setUp(answer = () => ({ status: 200, body: PayerMax.ACK }), options = {}) {
  const gateway = await startPayerMaxStandIn({
    merchantPublicKey: demoKey("merchant-public.pem"), platformPrivateKey: demoKey("platform-private.pem"), appId: DEMO_APP_ID, merchantNo: DEMO_MERCHANT_NO, ...options,
  });
  const payermax = new PayerMax({
    appId: DEMO_APP_ID, merchantNo: DEMO_MERCHANT_NO, privateKey: demoKey("merchant-private.txt"), platformPublicKey: demoKey("platform-public.txt"), baseUrl: gateway.url,
  });
  const arrived = [];
  const webhook = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      arrived.push({ body: body.toString("utf8"), sign: req.headers.sign });
      const a = answer(body.toString("utf8"));
      if (a) res.writeHead(a.status, { "content-type": "application/json" }).end(a.body);
    });
  });
  await new Promise((r) => webhook.listen(0, "127.0.0.1", r));
  const notifyUrl = `http://127.0.0.1:${webhook.address().port}/webhooks/payermax`;
  /**
   * Sends a signed request; its answer verified against it. A signed
   * answer is shaped as the description's example for the endpoint: the
   * same code, msg and data fields.
   */
  const call = async (endpoint, data, opts) => {
    const req = payermax.request(endpoint, data, opts);
    const res = await fetch(req.url, req);
    const answer = payermax.verifyResponse(await res.text(), res.headers.get("sign"), req);
    if (answer.verified) {
      const direct = endpoint === "orderAndPay" && data.integrate === "Direct_Payment";
      const example = examples.responses[direct ? "orderAndPay/direct" : endpoint];
      assert.deepEqual([answer.code, answer.msg], [example.code, example.msg], endpoint);
      assert.deepEqual(Object.keys(answer.data ?? {}).sort(), Object.keys(example.data).map((k) => SHAPE[endpoint]?.[k] ?? k).sort(), `${endpoint}: the example's fields`);
    }
    return { http: res.status, ...answer };
  };
  /** The notifications that arrived, each verified. */
  const notifications = async () => {
    await gateway.settled();
    return arrived.map((a) => payermax.verifyNotification(a.body, a.sign));
  };
  const close = async () => {
    await gateway.close();
    webhook.closeAllConnections();
    await new Promise((r) => webhook.close(r));
  };
  return { gateway, payermax, notifyUrl, call, notifications, arrived, close };
}

// Where the stand-in departs from an example's field names: the refundQuery
// example has `totalAmount` where its schema (and the REFUND notification)
// have `refundAmount`.
const SHAPE = { refundQuery: { totalAmount: "refundAmount" } };

const payout = (outTradeNo, notifyUrl) => ({
  outTradeNo, country: "PE", trade: { amount: "150.00", currency: "PEN" }, notifyUrl,
  payeeInfo: { paymentMethodType: "BANK_TRANSFER", accountInfo: { accountNo: "00219300247595201411", accountType: "CCI" }, name: { firstName: "Rosa", lastName: "Quispe" } },
});

test("stand-in: every notification kind is the description's example, signed with the platform key, for this merchant", async () => {
  const t = await setUp();
  try {
    for (const kind of NOTIFICATION_KINDS) {
      const delivery = await t.gateway.notify(kind, {}, t.notifyUrl);
      assert.deepEqual([delivery.status, delivery.answer], [200, PayerMax.ACK], kind);
      const { body, sign } = t.arrived.at(-1);
      assert.equal(body, delivery.body);
      // node:crypto agrees with payseal (below) that the platform key signed it.
      assert.ok(crypto.verify("sha256", Buffer.from(body), platformPublicKey, Buffer.from(sign, "base64")), kind);
      const sent = JSON.parse(body);
      const example = examples.callbacks[kind === "CHARGEBACK" ? "DISPUTE" : kind];
      if (kind === "billPaymentValidation") {
        const v = t.payermax.verifyBillPaymentValidation(body, sign);
        assert.deepEqual(v.data, example);
        continue;
      }
      if (kind === "rfi") {
        const n = t.payermax.verifyRfiNotification(body, sign);
        assert.deepEqual(n.data, example.data);
        assert.deepEqual([n.appId, n.merchantNo], [DEMO_APP_ID, DEMO_MERCHANT_NO]);
        continue;
      }
      const n = t.payermax.verifyNotification(body, sign, { toleranceSeconds: 60 });
      assert.equal(n.notifyType, kind);
      assert.equal(n.knownType, true);
      assert.deepEqual(n.data, example.data, kind);
      assert.deepEqual(Object.keys(sent).sort(), Object.keys(example).sort(), `${kind}: the envelope of the example`);
      assert.equal(n.merchantNo, DEMO_MERCHANT_NO);
      assert.equal(sent.appId ?? sent.merchantAppId, DEMO_APP_ID);
    }
    // A kind it does not know is refused before anything is sent.
    await assert.rejects(t.gateway.notify("NOT_A_KIND", {}, t.notifyUrl), /unknown notification kind/);
    // `data` is written into the example's data; code and msg into its envelope.
    const failed = await t.gateway.notify("PAYMENT", { outTradeNo: "X1", status: "FAILED" }, t.notifyUrl, { code: "PAYMENT_FAILED", msg: "Provider failed to process." });
    const n = t.payermax.verifyNotification(failed.body, failed.sign);
    assert.deepEqual([n.code, n.msg, n.data.outTradeNo, n.data.status, n.data.currency], ["PAYMENT_FAILED", "Provider failed to process.", "X1", "FAILED", examples.callbacks.PAYMENT.data.currency]);
  } finally {
    await t.close();
  }
});

test("stand-in: it reports what the merchant answered, and a notification it could not deliver", async () => {
  const t = await setUp((body) => (body.includes('"REFUND"') ? { status: 503, body: "busy" } : { status: 200, body: PayerMax.ACK }));
  try {
    assert.deepEqual((({ status, answer }) => ({ status, answer }))(await t.gateway.notify("REFUND", {}, t.notifyUrl)), { status: 503, answer: "busy" });
    const lost = await t.gateway.notify("PAYOUT", {}, "http://127.0.0.1:1/nowhere");
    assert.equal(lost.status, 0);
    assert.match(lost.answer, /^not delivered: /);
    // From another process: POST /standin/notify, GET /standin/log.
    const res = await fetch(`${t.gateway.url}/standin/notify`, { method: "POST", body: JSON.stringify({ kind: "SUBSCRIPTION", data: { userId: "u-9" }, url: t.notifyUrl }) });
    const delivery = await res.json();
    assert.deepEqual([delivery.kind, delivery.status, delivery.answer], ["SUBSCRIPTION", 200, PayerMax.ACK]);
    assert.equal(t.payermax.verifyNotification(delivery.body, delivery.sign).data.userId, "u-9");
    const log = await (await fetch(`${t.gateway.url}/standin/log`)).json();
    assert.deepEqual(log.deliveries.map((d) => d.kind), ["REFUND", "PAYOUT", "SUBSCRIPTION"]);
  } finally {
    await t.close();
  }
});

test("stand-in: a merchant that never answers: the notification is reported as not delivered", async () => {
  const t = await setUp(() => null, { notifyTimeoutMs: 300 });
  try {
    const started = Date.now();
    const lost = await t.gateway.notify("PAYOUT", {}, t.notifyUrl);
    assert.equal(lost.status, 0);
    assert.match(lost.answer, /^not delivered: /);
    assert.ok(Date.now() - started < 5_000);
    assert.equal(t.arrived.length, 1, "it was sent");
  } finally {
    await t.close();
  }
});

test("stand-in: a request whose signature does not verify gets a 401, unsigned", async () => {
  const t = await setUp();
  try {
    const req = t.payermax.request("paymentOrderQry", { outTradeNo: "P1" });
    const res = await fetch(req.url, { ...req, body: req.body.replace("P1", "P2") });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("sign"), null);
    const refusal = t.payermax.verifyResponse(await res.text(), null);
    assert.deepEqual([refusal.verified, refusal.ok, refusal.code], [false, false, "SIGN_VERIFY_FAILED"]);
    assert.equal(t.gateway.received.length, 0);
  } finally {
    await t.close();
  }
});

test("stand-in: payout — paymentOrderPay, the PAYOUT notification, paymentOrderQry", async () => {
  const t = await setUp();
  try {
    const unknown = await t.call("paymentOrderQry", { outTradeNo: "PO1" });
    assert.deepEqual([unknown.verified, unknown.code], [false, "ORDER_NOT_EXIST"]);
    const paid = await t.call("paymentOrderPay", payout("PO1", t.notifyUrl));
    assert.deepEqual([paid.verified, paid.ok, paid.status, paid.data?.outTradeNo, paid.msg], [true, true, "PENDING", "PO1", examples.responses.paymentOrderPay.msg]);
    assert.match(paid.data?.tradeNo ?? "", /^\d{14}PO\d{12}$/);
    const [n, ...more] = await t.notifications();
    assert.equal(more.length, 0);
    assert.equal(n.notifyType, "PAYOUT");
    assert.deepEqual([n.data.outTradeNo, n.data.tradeNo, n.data.status, n.data.trade], ["PO1", paid.data?.tradeNo, "SUCCESS", { amount: "150.00", currency: "PEN" }]);
    assert.deepEqual(n.dataIssues, []);
    const queried = await t.call("paymentOrderQry", { outTradeNo: "PO1" });
    assert.deepEqual([queried.verified, queried.status, queried.data?.tradeNo, queried.data?.trade], [true, "SUCCESS", paid.data?.tradeNo, { amount: "150.00", currency: "PEN" }]);
    assert.deepEqual(Object.keys(queried.data ?? {}).sort(), Object.keys(examples.responses.paymentOrderQry.data).sort());
    const again = await t.call("paymentOrderPay", payout("PO1", t.notifyUrl));
    assert.deepEqual([again.verified, again.code], [false, "ORDER_REPEAT"]);
  } finally {
    await t.close();
  }
});

test("stand-in: auto-debit — a first payment saves a token, a merchant-initiated debit uses it, refund, removePaymentToken", async () => {
  const t = await setUp();
  try {
    const first = await t.call("orderAndPay", {
      outTradeNo: "AD1", subject: "plan", totalAmount: 10, currency: "USD", country: "KR", userId: "u-1", integrate: "Hosted_Checkout",
      frontCallbackUrl: "https://shop.example/return", notifyUrl: t.notifyUrl,
      paymentDetail: { paymentMethodType: "WALLET", targetOrg: "NAVERPAY", mitType: "UNSCHEDULED", tokenForFutureUse: true, merchantInitiated: false },
    }, { version: "1.5" });
    assert.deepEqual([first.verified, first.status, first.data?.outTradeNo], [true, "PENDING", "AD1"]);
    assert.deepEqual(await t.notifications(), [], "nothing is notified before the payer pays");
    const page = await fetch(first.data?.redirectUrl ?? "");
    assert.equal(page.status, 200);
    const [paidNote] = await t.notifications();
    const tokenId = paidNote.data.paymentDetails[0].paymentTokenID;
    assert.match(tokenId, /^PMTOKEN\d+$/);
    assert.deepEqual([paidNote.notifyType, paidNote.data.outTradeNo, paidNote.data.tradeToken, paidNote.data.status, paidNote.data.totalAmount], ["PAYMENT", "AD1", first.data?.tradeToken, "SUCCESS", 10]);
    assert.equal((await fetch(first.data?.redirectUrl ?? "")).status, 410, "an order is paid once");
    const order = await t.call("orderQuery", { outTradeNo: "AD1" });
    assert.deepEqual([order.verified, order.status, order.data?.paymentDetails?.[0]?.paymentTokenID], [true, "SUCCESS", tokenId]);
    const listed = await t.call("inquirePaymentToken", { userId: "u-1", tokenScope: "tokenAcq" });
    assert.deepEqual(listed.data?.tokenList?.map((x) => [x.paymentTokenID, x.paymentTokenStatus]), [[tokenId, "Activated"]]);

    const debit = (outTradeNo, userId = "u-1") => t.call("orderAndPay", {
      outTradeNo, subject: "plan", totalAmount: 10, currency: "USD", country: "KR", userId, integrate: "Direct_Payment", notifyUrl: t.notifyUrl,
      paymentDetail: { paymentMethodType: "WALLET", targetOrg: "NAVERPAY", mitType: "UNSCHEDULED", tokenForFutureUse: false, merchantInitiated: true, paymentTokenID: tokenId },
    }, { version: "1.5" });
    const mit = await debit("AD2");
    assert.deepEqual([mit.verified, mit.status, mit.data?.outTradeNo], [true, "SUCCESS", "AD2"]);
    const [, mitNote] = await t.notifications();
    assert.deepEqual([mitNote.data.outTradeNo, mitNote.data.status, mitNote.data.paymentDetails[0].paymentTokenID], ["AD2", "SUCCESS", tokenId]);
    assert.deepEqual([(await debit("AD3", "u-2")).code], ["PARAMS_INVALID"], "another user's token");

    const refund = await t.call("refund", { outRefundNo: "R1", outTradeNo: "AD2", refundAmount: 4, refundCurrency: "USD" });
    assert.deepEqual([refund.verified, refund.status, refund.data?.outRefundNo, refund.data?.tradeOrderNo], [true, "REFUND_PENDING", "R1", mit.data?.tradeToken]);
    const [, , refundNote] = await t.notifications();
    assert.deepEqual([refundNote.notifyType, refundNote.data.outRefundNo, refundNote.data.refundTradeNo, refundNote.data.outTradeNo, refundNote.data.status], ["REFUND", "R1", refund.data?.refundTradeNo, "AD2", "REFUND_SUCCESS"]);
    const refundQueried = await t.call("refundQuery", { outRefundNo: "R1" });
    assert.deepEqual([refundQueried.verified, refundQueried.status, refundQueried.data?.refundAmount, refundQueried.data?.refundTradeNo], [true, "REFUND_SUCCESS", 4, refund.data?.refundTradeNo]);
    assert.equal((await t.call("refund", { outRefundNo: "R2", outTradeNo: "AD2", refundAmount: 7, refundCurrency: "USD" })).code, "PARAMS_INVALID", "more than is left");

    const removed = await t.call("removePaymentToken", { userId: "u-1", paymentTokenID: tokenId, removeReason: "cancelled by the user" });
    assert.deepEqual([removed.verified, removed.data?.paymentTokenID, removed.data?.paymentTokenStatus], [true, tokenId, "Deleted"]);
    assert.equal((await t.call("removePaymentToken", { userId: "u-1", paymentTokenID: tokenId })).code, "PARAMS_INVALID");
    assert.equal((await debit("AD4")).code, "PARAMS_INVALID", "a removed token debits nothing");
  } finally {
    await t.close();
  }
});

test("stand-in: Pay by Link — createPaybylink, queryPaybylink, the PAYBYLINK notification, expirePaybylink", async () => {
  const t = await setUp();
  try {
    const link = {
      merchantLinkId: "L1", linkType: "ONETIME", expiresTime: "3600", country: "ID", currency: "IDR", totalAmount: "40000", description: "Running shoes",
      userInfo: { userId: "u-1" }, goodsDetails: [{ goodsName: "Shoes", goodsDescription: "Running shoes", quantity: "2", price: "20000", goodsCurrency: "IDR", showUrl: "https://shop.example/shoes.png" }],
      merchantInfo: { contactEmail: "shop@example.com" }, notifyUrl: t.notifyUrl,
    };
    const created = await t.call("createPaybylink", link);
    assert.deepEqual([created.verified, created.data?.merchantLinkId, created.data?.linkStatus], [true, "L1", "ACTIVE"]);
    assert.deepEqual(Object.keys(created.data ?? {}).sort(), Object.keys(examples.responses.createPaybylink.data).sort());
    assert.ok(Math.abs(Date.parse(created.data?.expiresAt ?? "") - Date.now() - 3600_000) < 10_000);
    const before = await t.call("queryPaybylink", { merchantLinkId: "L1" });
    assert.deepEqual([before.data?.linkId, before.data?.linkStatus, before.data?.totalAmount, before.data?.payByLinkInfo], [created.data?.linkId, "ACTIVE", "40000", []]);
    assert.equal((await fetch(created.data?.linkUrl ?? "")).status, 200);
    const [n] = await t.notifications();
    assert.deepEqual([n.notifyType, n.data.merchantLinkId, n.data.linkId, n.data.payByLinkInfo.length, n.data.payByLinkInfo[0].status], ["PAYBYLINK", "L1", created.data?.linkId, 1, "SUCCESS"]);
    const after = await t.call("queryPaybylink", { merchantLinkId: "L1" });
    assert.deepEqual(after.data?.payByLinkInfo?.[0]?.outTradeNo, n.data.payByLinkInfo[0].outTradeNo);
    const expired = await t.call("expirePaybylink", { merchantLinkId: "L1" });
    assert.deepEqual([expired.verified, expired.data?.linkStatus], [true, "EXPIRED"]);
    assert.equal((await t.call("queryPaybylink", { merchantLinkId: "L1" })).data?.linkStatus, "EXPIRED");
    assert.equal((await fetch(created.data?.linkUrl ?? "")).status, 410, "an expired link takes no payment");
    assert.equal((await t.call("expirePaybylink", { merchantLinkId: "L2" })).code, "ORDER_NOT_EXIST");
  } finally {
    await t.close();
  }
});

test("stand-in: its examples are the OpenAPI description's (when the description is at hand)", { skip: !existsSync(resolve(root, "../shared/reference/payermax-openapi.json")) && "the description is not beside the repository" }, async () => {
  await promisify(execFile)(resolve(root, "scripts/gen-standin-examples"), ["--check"], { cwd: root });
});

test("stand-in: notificationBody writes data into the example and names the merchant as the example does", () => {
  const token = notificationBody("TOKENIZATION", { userId: "u-1" }, { appId: "app", merchantNo: "m" });
  assert.deepEqual([token.merchantAppId, token.appId, token.merchantNo, token.data.userId, token.data.tokenScope], ["app", undefined, "m", "u-1", "tokenAcq"]);
  const chargeback = notificationBody("CHARGEBACK", {}, { appId: "app", merchantNo: "m" });
  assert.deepEqual([chargeback.notifyType, chargeback.data.caseId], ["CHARGEBACK", examples.callbacks.DISPUTE.data.caseId]);
});
