// The README is a contract: every fenced JS/TS block in README.md runs here,
// against the built package (`import ... from "payseal"` resolves to pkg/
// through node_modules/payseal) and the local gateway stand-ins with the demo
// keys, so that a README change that breaks an example fails.
//
// Blocks are discovered, never listed here. What a block needs is said in
// the README by an HTML comment on the line just before its fence (readers
// of the rendered page do not see it):
//
//   <!-- fragment: wrap=NAME -->   the block is a piece of a program: the
//                                  wrapper NAME (WRAPPERS below) supplies what
//                                  it uses and does not define (`payermax`,
//                                  `rawBody`...), then the whole runs.
//   <!-- not run: REASON -->       parsed (TypeScript: type-checked) only.
//   <!-- prints: TEXT -->          the run must print TEXT.
//
// Several directives may share one comment, separated by ";". Otherwise a
// JS block runs as it is: as an ES module, or as CommonJS when it uses
// `require` and no import/export (or is tagged `cjs`); a block exporting a
// `fetch` handler runs as a Cloudflare Worker in workerd and gets a signed
// notification and a forged one. TypeScript blocks are compiled by strict
// `tsc`, then transpiled by esbuild and run; JS blocks are compiled by
// strict `tsc` too (checkJs), as TypeScript users paste them. Every run must exit 0 with
// nothing on stderr. Shell blocks are not run, but the repository scripts
// and files they name must exist.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PayerMax } from "payseal";
import { startPayerMaxStandIn, DEMO_APP_ID, DEMO_MERCHANT_NO } from "../../www-example/node/payermax-standin.mjs";
import { startCashyStandIn, DEMO_MERCHANT_ID, DEMO_API_KEY } from "../../www-example/node/cashy-standin.mjs";
import { startWorker } from "./workerd.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const keyDir = join(root, "www-example/demo-keys");
const demoKey = (name) => readFileSync(join(keyDir, name), "utf8");
// Under the repository, so that "payseal" resolves through node_modules.
const work = join(root, "target/readme-blocks");
const run = promisify(execFile);

const JS = new Set(["js", "javascript", "mjs", "cjs", "ts", "typescript"]);
const TS = new Set(["ts", "typescript"]);

/** Every fenced block of `markdown`: its language, code, line, and the directives of the comment just before it. */
export function readmeBlocks(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  let heading = "";
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (h) heading = h[1];
    const open = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const start = i;
    const code = [];
    for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence); i++) code.push(lines[i]);
    // The directive comment: the lines just before the fence, back to its `<!--`.
    let comment = "";
    if (/-->\s*$/.test(lines[start - 1] ?? "")) {
      let j = start - 1;
      while (j > 0 && !lines[j].includes("<!--")) j--;
      comment = lines.slice(j, start).join(" ");
    }
    blocks.push({ lang: open[2].toLowerCase(), code: code.join("\n") + "\n", line: start + 1, heading, directives: parseDirectives(comment) });
  }
  return blocks;
}

function parseDirectives(comment) {
  const body = /<!--([\s\S]*)-->/.exec(comment)?.[1].trim();
  if (!body) return {};
  const directives = {};
  for (const part of body.split(";").map((s) => s.trim()).filter(Boolean)) {
    const m = /^(fragment|not run|prints):\s*([\s\S]*)$/.exec(part);
    if (!m) continue; // another comment (bench markers...), not for this test
    if (m[1] === "fragment") {
      const wrap = /^wrap=([\w-]+)$/.exec(m[2].trim());
      if (!wrap) throw new Error(`"${part}": a fragment names its wrapper as wrap=NAME`);
      directives.wrap = wrap[1];
    } else if (m[1] === "not run") {
      if (!m[2].trim()) throw new Error(`"${part}": say why the block is not run`);
      directives.notRun = m[2].trim();
    } else {
      directives.prints = m[2].trim();
    }
  }
  return directives;
}

// ---------------------------------------------------------------------------
// What fragments may use without defining it. Each definition is Node ESM
// code (for the run) and, for TypeScript blocks, a declared type (for tsc).
// A fragment gets exactly the definitions it names and does not declare
// itself, with what they depend on.
const DEFINITIONS = {
  payermax: {
    js: `const payermax = new __payseal.PayerMax({ appId: process.env.PAYERMAX_APP_ID, merchantNo: process.env.PAYERMAX_MERCHANT_NO, privateKey: process.env.PAYERMAX_PRIVATE_KEY, platformPublicKey: process.env.PAYERMAX_PLATFORM_PUBLIC_KEY, baseUrl: process.env.PAYERMAX_BASE_URL });`,
    ts: `import("payseal").PayerMax`,
  },
  cashy: {
    js: `const cashy = new __payseal.Cashy({ merchantId: process.env.CASHY_MERCHANT_ID, apiKey: process.env.CASHY_API_KEY, baseUrl: process.env.CASHY_BASE_URL });`,
    ts: `import("payseal").Cashy`,
  },
  // A PAYOUT notification as the gateway sends it, signed by node:crypto with the platform key.
  __notification: {
    js: `const __notificationBody = JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: process.env.PAYERMAX_APP_ID, merchantNo: process.env.PAYERMAX_MERCHANT_NO, notifyTime: new Date().toISOString(), notifyType: "PAYOUT", data: { outTradeNo: "P_1", tradeNo: "T_1", status: "SUCCESS" } });
const __notificationSign = __crypto.sign("sha256", Buffer.from(__notificationBody), __demoKey("platform-private.pem")).toString("base64");`,
  },
  rawBody: { deps: ["__notification"], js: `const rawBody = Buffer.from(__notificationBody);`, ts: `Uint8Array` },
  raw: { deps: ["__notification"], js: `const raw = new TextEncoder().encode(__notificationBody);`, ts: `Uint8Array` },
  signHeader: { deps: ["__notification"], js: `const signHeader = __notificationSign;`, ts: `string` },
  // A signed answer of the stand-in to a paymentOrderQry.
  __response: {
    deps: ["payermax"],
    js: `const __responseRequest = payermax.request("paymentOrderQry", { outTradeNo: "P_1" });
const __response = await fetch(__responseRequest.url, __responseRequest);`,
  },
  text: { deps: ["__response"], js: `const text = await __response.text();`, ts: `string` },
  responseSign: { deps: ["__response"], js: `const responseSign = __response.headers.get("sign");`, ts: `string | null` },
  req: { deps: ["payermax"], js: `const req = payermax.request("orderQuery", { outTradeNo: "ORDER-1001" });`, ts: `import("payseal").SignedRequest<"orderQuery">` },
  endpoint: { js: `const endpoint = "paymentOrderPay";`, ts: `"paymentOrderPay"` },
  data: {
    js: `const data = { outTradeNo: "P_1700000000000", country: "PE", trade: { amount: "150.00", currency: "PEN" }, notifyUrl: "https://shop.example/webhooks/payermax", payeeInfo: { paymentMethodType: "BANK_TRANSFER", accountInfo: { accountNo: "00219300247595201411" }, name: { firstName: "Rosa", lastName: "Quispe" } } };`,
    ts: `import("payseal").RequestData<"paymentOrderPay"> & import("payseal").JsonObject`,
  },
  requestTime: { js: `const requestTime = new Date();`, ts: `Date` },
  version: { js: `const version = "1.4";`, ts: `string` },
  log: { js: `const log = { warn: (...args) => console.log("warn:", ...args) };`, ts: `{ warn(...args: unknown[]): void }` },
  updateOrder: { js: `const updateOrder = async (n) => {};`, ts: `(n: import("payseal").Notification) => Promise<void>` },
  configOfShopA: {
    js: `const configOfShopA = { appId: process.env.PAYERMAX_APP_ID, merchantNo: process.env.PAYERMAX_MERCHANT_NO, platformPublicKey: process.env.PAYERMAX_PLATFORM_PUBLIC_KEY };`,
    ts: `import("payseal").PayerMaxConfig`,
  },
  configOfShopB: {
    js: `const configOfShopB = { appId: "shop-b-app", merchantNo: "shop-b", platformPublicKey: __crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }) };`,
    ts: `import("payseal").PayerMaxConfig`,
  },
  bills: {
    js: `const bills = { find: async (referenceNo) => (referenceNo === "TEST100001" ? { min: 20, max: 300 } : undefined) };`,
    ts: `{ find(referenceNo: string): Promise<{ min: number; max: number } | undefined> }`,
  },
  uploadedPublicKey: { js: `const uploadedPublicKey = __demoKey("platform-public.txt");`, ts: `string` },
  appId: { js: `const appId = process.env.PAYERMAX_APP_ID;`, ts: `string` },
  merchantNo: { js: `const merchantNo = process.env.PAYERMAX_MERCHANT_NO;`, ts: `string` },
  platformPublicKey: { js: `const platformPublicKey = process.env.PAYERMAX_PLATFORM_PUBLIC_KEY;`, ts: `string` },
  require: { js: `const require = __createRequire(import.meta.url);`, ts: `(id: string) => any` },
  // The package's classes, for fragments whose imports are elsewhere in their program.
  PayerMax: { js: `const PayerMax = __payseal.PayerMax;`, ts: `typeof import("payseal").PayerMax` },
  Cashy: { js: `const Cashy = __payseal.Cashy;`, ts: `typeof import("payseal").Cashy` },
  PaysealError: { js: `const PaysealError = __payseal.PaysealError;`, ts: `typeof import("payseal").PaysealError` },
};

const PRELUDE = `import * as __payseal from "payseal";
import __crypto from "node:crypto";
import __assert from "node:assert/strict";
import { readFileSync as __readFileSync } from "node:fs";
import { createRequire as __createRequire } from "node:module";
const __demoKey = (name) => __readFileSync(${JSON.stringify(keyDir)} + "/" + name, "utf8");
`;

// The worked flows: each block is a whole program against the stand-in.
// Afterwards the stand-in's log must show exactly the requests the flow
// makes and the notifications it sent, each acknowledged by the block's
// webhook with PayerMax.ACK, and the ids must match from request to
// notification to query (CHECK, which also sees the block's variables).
function flowWrapper(endpoints, kinds, check) {
  return {
    complete: true,
    around: `const __standInLog = async () => (await fetch(process.env.PAYERMAX_BASE_URL + "/standin/log")).json();
const __before = await __standInLog();
BLOCK
{
  const log = await __standInLog();
  const requests = log.requests.slice(__before.requests.length);
  const deliveries = log.deliveries.slice(__before.deliveries.length);
  __assert.deepEqual(requests.map((r) => r.endpoint), ${JSON.stringify(endpoints)}, "the requests of the flow");
  __assert.deepEqual(deliveries.map((d) => d.kind), ${JSON.stringify(kinds)}, "the notifications of the flow");
  for (const d of deliveries) __assert.deepEqual([d.status, d.answer], [200, __payseal.PayerMax.ACK], d.kind + " acknowledged by the block's webhook");
  const sent = (i) => requests[i].envelope.data;
  const notified = (i) => JSON.parse(deliveries[i].body).data;
  ${check}
}`,
  };
}

// Servers a block starts listen on a free port of 127.0.0.1 instead of the
// one written; __servers holds them.
const FREE_PORT = `import __http from "node:http";
const __servers = [];
const __listen = __http.Server.prototype.listen;
__http.Server.prototype.listen = function () { __servers.push(this); return __listen.call(this, 0, "127.0.0.1"); };
`;

// A block that only serves webhooks: its server listens on a free port of
// 127.0.0.1 instead of the one written; the stand-in sends it notifications
// (send(kind, data, path) resolves to what the block answered), CHECK
// asserts the answers and the block's state, then the server closes.
function webhookServerWrapper(check) {
  return {
    complete: true,
    prelude: FREE_PORT,
    around: `BLOCK
{
  __assert.equal(__servers.length, 1, "the block starts one server");
  const server = __servers[0];
  if (!server.listening) await new Promise((r) => server.once("listening", r));
  const base = \`http://127.0.0.1:\${server.address().port}\`;
  const send = async (kind, data, path = "/webhooks/payermax") => {
    const res = await fetch(process.env.PAYERMAX_BASE_URL + "/standin/notify", { method: "POST", body: JSON.stringify({ kind, data, url: base + path }) });
    __assert.equal(res.status, 200);
    return res.json();
  };
  const redeliver = (d, path = "/webhooks/payermax") => fetch(base + path, { method: "POST", headers: { sign: d.sign }, body: d.body });
  const forge = (d, path = "/webhooks/payermax") => fetch(base + path, { method: "POST", headers: { sign: d.sign }, body: d.body.replace(/"data":\\{/, '"data":{"forged":1,') });
  const ACK = __payseal.PayerMax.ACK;
  ${check}
  server.close();
  server.closeAllConnections?.();
}`,
  };
}

// Wrappers: where a fragment goes (`around`, its code in place of BLOCK) and
// what is done with it afterwards.
const WRAPPERS = {
  "flow-payout": flowWrapper(["paymentOrderPay", "paymentOrderQry"], ["PAYOUT"], `
  __assert.equal(requests[0].envelope.version, "1.4");
  __assert.equal(deliveries[0].url, sent(0).notifyUrl);
  __assert.deepEqual([notified(0).outTradeNo, notified(0).tradeNo, notified(0).status], [sent(0).outTradeNo, accepted.data?.tradeNo, "SUCCESS"]);
  __assert.deepEqual(notified(0).trade, sent(0).trade);
  __assert.equal(sent(1).outTradeNo, sent(0).outTradeNo);
  __assert.deepEqual([accepted.status, queried.status, queried.data?.tradeNo], ["PENDING", "SUCCESS", accepted.data?.tradeNo]);
  __assert.deepEqual(payouts.get(sent(0).outTradeNo), { tradeNo: accepted.data?.tradeNo, status: "SUCCESS" });`),
  "flow-refund": flowWrapper(["orderAndPay", "refund", "refundQuery"], ["PAYMENT", "REFUND"], `
  __assert.equal(notified(0).outTradeNo, sent(0).outTradeNo);
  __assert.deepEqual([notified(1).outRefundNo, notified(1).outTradeNo, notified(1).refundTradeNo, notified(1).status], [sent(1).outRefundNo, sent(0).outTradeNo, refund.data?.refundTradeNo, "REFUND_SUCCESS"]);
  __assert.equal(deliveries[1].url, sent(1).refundNotifyUrl);
  __assert.deepEqual([refund.status, refund.data?.tradeOrderNo], ["REFUND_PENDING", order.data?.tradeToken]);
  __assert.deepEqual([sent(2).outRefundNo, queried.status, queried.data?.refundAmount, queried.data?.refundTradeNo], [sent(1).outRefundNo, "REFUND_SUCCESS", 40000, refund.data?.refundTradeNo]);
  __assert.equal(refunds.get(sent(1).outRefundNo), "REFUND_SUCCESS");`),
  "flow-paybylink": flowWrapper(["createPaybylink", "queryPaybylink", "expirePaybylink"], ["PAYBYLINK"], `
  __assert.equal(requests[0].envelope.version, "1.1");
  __assert.deepEqual([notified(0).merchantLinkId, notified(0).linkId, notified(0).payByLinkInfo.length], [sent(0).merchantLinkId, link.data?.linkId, 1]);
  __assert.equal(sent(1).merchantLinkId, sent(0).merchantLinkId);
  __assert.equal(sent(2).merchantLinkId, sent(0).merchantLinkId);
  __assert.deepEqual([details.data?.linkStatus, details.data?.payByLinkInfo?.[0]?.outTradeNo], ["ACTIVE", notified(0).payByLinkInfo[0].outTradeNo]);
  __assert.deepEqual([expired.ok, expired.data?.linkStatus, expired.data?.linkId], [true, "EXPIRED", link.data?.linkId]);
  __assert.equal((await fetch(link.data?.linkUrl ?? "")).status, 410, "an expired link takes no more payments");`),
  "flow-autodebit": flowWrapper(["orderAndPay", "orderAndPay", "removePaymentToken"], ["PAYMENT", "PAYMENT"], `
  __assert.deepEqual(requests.map((r) => r.envelope.version), ["1.5", "1.5", "1.2"]);
  __assert.deepEqual([sent(0).paymentDetail.tokenForFutureUse, sent(0).paymentDetail.merchantInitiated], [true, false]);
  __assert.match(paymentTokenID, /^PMTOKEN/);
  __assert.deepEqual([notified(0).outTradeNo, notified(0).paymentDetails[0].paymentTokenID], [sent(0).outTradeNo, paymentTokenID]);
  __assert.deepEqual([sent(1).paymentDetail.merchantInitiated, sent(1).paymentDetail.paymentTokenID], [true, paymentTokenID]);
  __assert.deepEqual([notified(1).outTradeNo, notified(1).status, debit.status], [sent(1).outTradeNo, "SUCCESS", "SUCCESS"]);
  __assert.deepEqual([sent(2).paymentTokenID, removed.data?.paymentTokenID, removed.data?.paymentTokenStatus], [paymentTokenID, paymentTokenID, "Deleted"]);`),
  "webhooks-subscription": webhookServerWrapper(`
  const active = await send("SUBSCRIPTION", { subscriptionPlan: { subscriptionNo: "SUB1", subscriptionStatus: "ACTIVE" } });
  __assert.deepEqual([active.status, active.answer], [200, ACK]);
  const failed = await send("SUBSCRIPTION_PAYMENT", { subscriptionPlan: { subscriptionNo: "SUB1" }, subscriptionPaymentDetail: { subscriptionIndex: 1, paymentStatus: "FAILED" } });
  __assert.deepEqual([failed.status, failed.answer], [200, ACK]);
  __assert.deepEqual(plans.get("SUB1"), { status: "ACTIVE", period1: "FAILED" });
  const again = await redeliver(failed);
  __assert.deepEqual([again.status, await again.text()], [200, ACK]);
  __assert.equal((await forge(failed)).status, 401);
  const paid = await send("SUBSCRIPTION_PAYMENT", { subscriptionPlan: { subscriptionNo: "SUB1" }, subscriptionPaymentDetail: { subscriptionIndex: 1, paymentStatus: "SUCCESS" } });
  const cancelled = await send("SUBSCRIPTION", { subscriptionPlan: { subscriptionNo: "SUB1", subscriptionStatus: "CANCEL" } });
  __assert.deepEqual([paid.answer, cancelled.answer], [ACK, ACK]);
  __assert.deepEqual(plans.get("SUB1"), { status: "CANCEL", period1: "SUCCESS" });`),
  "webhooks-dispute": webhookServerWrapper(`
  const inquiry = await send("DISPUTE", { caseId: "C1", outTradeNo: "O1", status: "DISPUTE_INQUIRY", caseResult: "", expirationDate: "2030-01-31" });
  const closed = await send("CHARGEBACK", { caseId: "C2", outTradeNo: "O2", status: "CASE_CLOSED", caseResult: "FAIL" });
  __assert.deepEqual([inquiry.status, inquiry.answer, closed.status, closed.answer], [200, ACK, 200, ACK]);
  __assert.deepEqual(cases.get("C1"), { outTradeNo: "O1", status: "DISPUTE_INQUIRY", result: "", reason: "4842 Late Presentment", replyBy: "2030-01-31" });
  __assert.deepEqual([cases.get("C2").outTradeNo, cases.get("C2").status, cases.get("C2").result], ["O2", "CASE_CLOSED", "FAIL"]);
  __assert.equal((await forge(closed)).status, 401);
  __assert.equal(cases.size, 2);`),
  "webhooks-bill": webhookServerWrapper(`
  const known = await send("billPaymentValidation", { referenceNo: "TEST100001", amount: 40.85, currency: "PHP" }, "/payermax/bill-validation");
  __assert.deepEqual([known.status, JSON.parse(known.answer)], [200, { code: "SUCCESS", msg: "Success", data: { referenceNo: "TEST100001", minAmount: 20, maxAmount: 300, currency: "PHP", confirmation: "Y" } }]);
  const unknown = await send("billPaymentValidation", { referenceNo: "TEST100002", amount: 40.85, currency: "PHP" }, "/payermax/bill-validation");
  __assert.deepEqual(JSON.parse(unknown.answer).data, { referenceNo: "TEST100002", minAmount: 0, maxAmount: 0, currency: "PHP", confirmation: "N", failureReason: "unknown bill" });
  const forgedValidation = await fetch(base + "/payermax/bill-validation", { method: "POST", headers: { sign: known.sign }, body: known.body.replace("40.85", "4085") });
  __assert.equal(forgedValidation.status, 401);
  const receipt = await send("REPAYMENT_RECEIPT", { referenceNo: "TEST100001", totalAmount: 40.85, payStatus: "PAY_SUCCESS" }, "/payermax/bill-receipt");
  const tradeToken = JSON.parse(receipt.body).data.tradeToken;
  __assert.deepEqual([receipt.status, JSON.parse(receipt.answer)], [200, { code: "SUCCESS", msg: "Success", data: { referenceNo: "TEST100001", tradeToken, amount: 40.85, currency: "PHP", confirmation: "Y" } }]);
  __assert.equal((await redeliver(receipt, "/payermax/bill-receipt")).status, 200);
  __assert.equal(bills.get("TEST100001").paid, 40.85, "booked once");
  const stranger = await send("REPAYMENT_RECEIPT", { referenceNo: "TEST100009", totalAmount: 5, payStatus: "PAY_SUCCESS" }, "/payermax/bill-receipt");
  __assert.deepEqual([JSON.parse(stranger.answer).data.confirmation, JSON.parse(stranger.answer).data.failureReason], ["N", "unknown bill"]);
  __assert.equal((await forge(receipt, "/payermax/bill-receipt")).status, 401);
  const other = await send("PAYMENT", {}, "/payermax/bill-receipt");
  __assert.deepEqual([other.status, other.answer], [200, ACK]);`),
  // Statements at the top of a module, after the definitions they use.
  merchant: { around: "BLOCK" },
  // As `merchant`, but the notification was signed with its keys sorted (as
  // FastJSON writes them) and arrives in another order: its signature fails.
  "keys-sorted-body": {
    around: "BLOCK",
    definitions: {
      signHeader: {
        deps: ["__notification"],
        js: `const __sortKeys = (v) => Array.isArray(v) ? v.map(__sortKeys) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, __sortKeys(v[k])])) : v;
const signHeader = __crypto.sign("sha256", Buffer.from(JSON.stringify(__sortKeys(JSON.parse(__notificationBody)))), __demoKey("platform-private.pem")).toString("base64");`,
      },
    },
  },
  // Top-level code of a CommonJS module, written in an ES module.
  "node-require": { around: "BLOCK" },
  // A Next.js route handler module: POST gets a signed notification, then a forged one.
  "next-route": {
    around: `BLOCK
{
  const signed = new Request("http://127.0.0.1/api/webhook", { method: "POST", headers: { sign: __notificationSign }, body: __notificationBody });
  const answer = await POST(signed);
  __assert.equal(answer.status, 200);
  __assert.equal(await answer.text(), __payseal.PayerMax.ACK);
  const forged = new Request("http://127.0.0.1/api/webhook", { method: "POST", headers: { sign: __notificationSign }, body: __notificationBody.replace("SUCCESS", "FAILED") });
  await __assert.rejects(POST(forged), { code: "SIGNATURE_INVALID" });
}`,
    deps: ["__notification"],
  },
  // The body of a Cashy callback handler: a signed callback is acknowledged, a forged one refused.
  "cashy-callback": {
    typed: `/** @param {Request} request @param {Uint8Array} rawBody */
async function __handle(request, rawBody) {
BLOCK
}`,
    around: `async function __handle(request, rawBody) {
BLOCK
}
{
  const body = JSON.stringify({ orderStatus: "SUCCESS", amount: "150.50", fee: 0, mchOrderNo: "P1", merchantId: process.env.CASHY_MERCHANT_ID, orderNo: "PAYOUT1", completionTime: "2022-08-08 08:08:08", resultDesc: "SUCCESS" });
  const md5 = (text) => __crypto.createHash("md5").update(text).digest("hex").toUpperCase();
  const post = (text, sign) => new Request("http://127.0.0.1/webhooks/cashy", { method: "POST", headers: { sign }, body: text });
  const answer = await __handle(post(body, md5(body + process.env.CASHY_API_KEY)), new TextEncoder().encode(body));
  __assert.equal(answer.status, 200);
  __assert.equal(await answer.text(), "SUCCESS");
  const forged = body.replace("SUCCESS", "FAIL");
  await __assert.rejects(__handle(post(forged, md5(body + process.env.CASHY_API_KEY)), new TextEncoder().encode(forged)), { code: "SIGNATURE_INVALID" });
}`,
  },
  // The body of a bill payment validation handler: a known bill is
  // confirmed with its limits, an unknown one refused with a reason, a
  // forged validation refused before any answer is built.
  "bill-validation": {
    typed: `/** @param {Uint8Array} rawBody @param {string} signHeader */
async function __handle(rawBody, signHeader) {
BLOCK
}`,
    around: `async function __handle(rawBody, signHeader) {
BLOCK
}
{
  const sign = (text) => __crypto.sign("sha256", Buffer.from(text), __demoKey("platform-private.pem")).toString("base64");
  const known = JSON.stringify({ referenceNo: "TEST100001", amount: 40.85, currency: "PHP" });
  const answer = await __handle(Buffer.from(known), sign(known));
  __assert.equal(answer.status, 200);
  __assert.equal(await answer.text(), JSON.stringify({ code: "SUCCESS", msg: "Success", data: { referenceNo: "TEST100001", minAmount: 20, maxAmount: 300, currency: "PHP", confirmation: "Y" } }));
  const unknown = known.replace("TEST100001", "TEST100002");
  __assert.match(await (await __handle(Buffer.from(unknown), sign(unknown))).text(), /"confirmation":"N","failureReason":"unknown bill"/);
  await __assert.rejects(__handle(Buffer.from(known), sign(unknown)), { code: "SIGNATURE_INVALID" });
}`,
  },
  // A node:http server: it listens on a free port of 127.0.0.1 instead of
  // the one written, gets a signed notification and a forged one, and closes.
  "http-server": {
    prelude: FREE_PORT,
    around: `BLOCK
{
  __assert.equal(__servers.length, 1, "the block starts one server");
  const server = __servers[0];
  if (!server.listening) await new Promise((r) => server.once("listening", r));
  const url = \`http://127.0.0.1:\${server.address().port}/webhooks/payermax\`;
  const signed = await fetch(url, { method: "POST", headers: { sign: __notificationSign }, body: __notificationBody });
  __assert.equal(signed.status, 200);
  __assert.equal(await signed.text(), __payseal.PayerMax.ACK);
  const forged = await fetch(url, { method: "POST", headers: { sign: __notificationSign }, body: __notificationBody.replace("SUCCESS", "FAILED") });
  __assert.equal(forged.status, 401);
  server.close();
  server.closeAllConnections?.();
}`,
    deps: ["__notification"],
  },
};

/** Names a block declares itself (const/let/var/function/class, imports, destructuring). */
function declaredNames(code) {
  const names = new Set();
  for (const m of code.matchAll(/\b(?:const|let|var)\s+(\{[^}]*\}|\[[^\]]*\]|[\w$]+)/g)) {
    for (const n of m[1].replace(/[{}[\]]/g, "").split(",")) {
      const name = n.split(":").pop().split("=")[0].trim();
      if (name) names.add(name);
    }
  }
  for (const m of code.matchAll(/\b(?:function\*?|class)\s+([\w$]+)/g)) names.add(m[1]);
  for (const m of code.matchAll(/^\s*import\s+(?:type\s+)?([\s\S]*?)\s+from\s/gm)) {
    for (const n of m[1].replace(/[{}*]/g, ",").split(",")) {
      const name = n.trim().split(/\s+as\s+/).pop().replace(/^type\s+/, "").trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** The definitions a fragment gets, in dependency order. */
function definitionsFor(code, extra = []) {
  const declared = declaredNames(code);
  const wanted = [];
  const add = (name) => {
    if (wanted.includes(name) || declared.has(name)) return;
    for (const dep of DEFINITIONS[name].deps ?? []) add(dep);
    wanted.push(name);
  };
  for (const name of Object.keys(DEFINITIONS)) {
    if (!name.startsWith("__") && new RegExp(`(?<![\\w$.])${name.replace("$", "\\$")}\\b`).test(code)) add(name);
  }
  for (const name of extra) add(name);
  return wanted;
}

/** Import declarations of a block (hoisted out of a wrapper that puts the block in a function). */
function splitImports(code) {
  const imports = [];
  const rest = code.replace(/^import\s[\s\S]*?from\s+["'][^"']+["'];?[ \t]*$\n?/gm, (m) => {
    imports.push(m);
    return "";
  });
  return { imports: imports.join(""), rest };
}

/** The module text of a fragment wrapped by `wrapperName`. */
function wrapFragment(block) {
  const wrapper = WRAPPERS[block.directives.wrap];
  assert.ok(wrapper, `README line ${block.line}: unknown wrapper "${block.directives.wrap}" (known: ${Object.keys(WRAPPERS).join(", ")})`);
  const { imports, rest } = splitImports(block.code);
  // A whole program (`complete`) gets no definitions: its names are its own.
  const defs = wrapper.complete ? [] : definitionsFor(block.code, wrapper.deps);
  const js = PRELUDE + (wrapper.prelude ?? "") + imports + defs.map((n) => (wrapper.definitions?.[n] ?? DEFINITIONS[n]).js).join("\n") + "\n" + wrapper.around.replace("BLOCK", () => rest) + "\n";
  const tsDeclarations = () => defs
    .filter((n) => !n.startsWith("__"))
    .map((n) => {
      assert.ok(DEFINITIONS[n].ts, `README line ${block.line}: "${n}" has no TypeScript type for fragments`);
      return `declare const ${n}: ${DEFINITIONS[n].ts};`;
    })
    .join("\n");
  return { js, tsDeclarations, imports, rest };
}

// ---------------------------------------------------------------------------

const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = readmeBlocks(readme);
const jsBlocks = blocks.filter((b) => JS.has(b.lang));
const counts = { run: 0, checked: 0, shell: 0 };

let payermaxGateway, cashyGateway, env;
before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  payermaxGateway = await startPayerMaxStandIn({
    merchantPublicKey: demoKey("merchant-public.pem"),
    platformPrivateKey: demoKey("platform-private.pem"),
    appId: DEMO_APP_ID,
    merchantNo: DEMO_MERCHANT_NO,
  });
  cashyGateway = await startCashyStandIn({ merchantId: DEMO_MERCHANT_ID, apiKey: DEMO_API_KEY });
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PAYERMAX_BASE_URL: payermaxGateway.url,
    PAYERMAX_APP_ID: DEMO_APP_ID,
    PAYERMAX_MERCHANT_NO: DEMO_MERCHANT_NO,
    PAYERMAX_PRIVATE_KEY: demoKey("merchant-private.txt").trim(),
    PAYERMAX_PLATFORM_PUBLIC_KEY: demoKey("platform-public.txt").trim(),
    PAYERMAX_ENV: "sandbox",
    CASHY_BASE_URL: cashyGateway.url,
    CASHY_MERCHANT_ID: DEMO_MERCHANT_ID,
    CASHY_API_KEY: DEMO_API_KEY,
  };
});
after(async () => {
  await payermaxGateway?.close();
  await cashyGateway?.close();
  console.log(`README.md: ${counts.run} JS/TS blocks run, ${counts.checked} checked without running (of ${jsBlocks.length}); ${counts.shell} shell blocks checked`);
});

const fileFor = (block, ext) => join(work, `line-${block.line}${ext}`);

/** Runs a module file with Node against the stand-ins; it must exit 0 with nothing on stderr. */
async function runNode(block, file) {
  // A relative import names a file of the examples: link it beside the block.
  for (const [, name] of block.code.matchAll(/from\s+["']\.\/([\w.-]+)["']/g)) {
    const found = ["www-example/node", "www-example/worker/src", "www-example/browser"].map((d) => join(root, d, name)).find(existsSync);
    assert.ok(found, `README line ${block.line}: ./${name} is no file of www-example/`);
    if (!existsSync(join(work, name))) symlinkSync(found, join(work, name));
  }
  let result;
  try {
    result = await run(process.execPath, [file], { cwd: work, env, timeout: 60_000 });
  } catch (e) {
    assert.fail(`README line ${block.line} (${block.heading}) failed:\n${e.stderr || e.message}\n--- as run (${file}) ---\n${readFileSync(file, "utf8")}`);
  }
  assert.equal(result.stderr, "", `README line ${block.line}: wrote to stderr`);
  if (block.directives.prints) assert.ok(result.stdout.includes(block.directives.prints), `README line ${block.line}: should print ${block.directives.prints}, printed:\n${result.stdout}`);
  return result.stdout;
}

/** Strict tsc over one file (and the types of the built package). */
async function typeCheck(block, file) {
  const config = join(work, `tsconfig-${block.line}.json`);
  writeFileSync(config, JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false },
    files: [file],
  }));
  try {
    await run(join(root, "node_modules/.bin/tsc"), ["-p", config], { cwd: root });
  } catch (e) {
    assert.fail(`README line ${block.line} (${block.heading}) does not compile under strict TypeScript:\n${e.stdout}${e.stderr}\n--- as compiled ---\n${readFileSync(file, "utf8")}`);
  }
}

const isWorker = (code) => /export\s+default\s*\{[\s\S]*\bfetch\s*\(/.test(code);
const isCommonJs = (block) => block.lang === "cjs" || (/\brequire\s*\(/.test(block.code) && !/^\s*(import|export)\s/m.test(block.code));

for (const block of jsBlocks) {
  const name = `README line ${block.line} (${block.heading}, ${block.lang}${block.directives.wrap ? `, wrap=${block.directives.wrap}` : ""})`;
  const ts = TS.has(block.lang);

  if (block.directives.notRun) {
    test(`${name}: parses (not run: ${block.directives.notRun})`, async () => {
      const file = fileFor(block, ts ? ".ts" : isCommonJs(block) ? ".cjs" : ".mjs");
      writeFileSync(file, block.code);
      if (ts) {
        // Parsed by esbuild (no type check: a block that is not run may use anything).
        await run(join(root, "node_modules/.bin/esbuild"), [file, "--log-level=error"], { cwd: work });
      } else {
        await run(process.execPath, ["--check", file], { cwd: work });
      }
      counts.checked++;
    });
    continue;
  }

  if (isWorker(block.code) && !block.directives.wrap) {
    test(`${name}: a Worker in workerd (with and without nodejs_compat) answers a signed notification and refuses a forged one`, async () => {
      const file = fileFor(block, ".mjs");
      writeFileSync(file, block.code);
      const { PAYERMAX_BASE_URL, PATH, HOME, ...bindings } = env;
      for (const nodejsCompat of [true, false]) {
        const worker = await startWorker(file, { bindings, nodejsCompat });
        try {
          const delivered = await payermaxGateway.notify(`${worker.url}/webhooks/payermax`, { notifyType: "PAYOUT", data: { outTradeNo: "P_1", tradeNo: "T_1", status: "SUCCESS" } });
          assert.deepEqual(delivered, { status: 200, body: PayerMax.ACK }, worker.log());
          const body = JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: env.PAYERMAX_APP_ID, merchantNo: env.PAYERMAX_MERCHANT_NO, notifyTime: new Date().toISOString(), notifyType: "PAYOUT", data: { outTradeNo: "P_1", status: "SUCCESS" } });
          const forged = await fetch(`${worker.url}/webhooks/payermax`, { method: "POST", headers: { sign: Buffer.alloc(256, 7).toString("base64") }, body });
          assert.notEqual(forged.status, 200);
          assert.notEqual(await forged.text(), PayerMax.ACK);
          assert.doesNotMatch(worker.log(), /panicked|RuntimeError|unreachable/);
        } finally {
          await worker.stop();
        }
      }
      counts.run++;
    });
    continue;
  }

  test(`${name}: runs`, async () => {
    let js;
    if (block.directives.wrap) {
      const wrapped = wrapFragment(block);
      js = wrapped.js;
      if (ts) {
        const file = fileFor(block, ".ts");
        writeFileSync(file, `${wrapped.imports}${wrapped.tsDeclarations()}\n${wrapped.rest}\nexport {};\n`);
        await typeCheck(block, file);
      }
    } else if (ts) {
      const file = fileFor(block, ".ts");
      writeFileSync(file, block.code);
      await typeCheck(block, file);
      js = block.code;
    } else {
      js = block.code;
    }
    const commonJs = !block.directives.wrap && isCommonJs(block);
    const file = fileFor(block, commonJs ? ".cjs" : ".mjs");
    if (ts) {
      const source = fileFor(block, ".run.ts");
      writeFileSync(source, js);
      await run(join(root, "node_modules/.bin/esbuild"), [source, "--format=esm", "--platform=node", "--log-level=error", `--outfile=${file}`], { cwd: work });
    } else {
      writeFileSync(file, js);
    }
    await runNode(block, file);
    counts.run++;
  });
}

// The JS blocks compile under strict TypeScript too (checkJs), as a
// TypeScript user would paste them: one program, one module per block;
// what fragments use is declared globally with the types of DEFINITIONS.
// Strict but for what JS cannot say: implicit `any` parameters and `catch`
// variables; `process.env` holds the README's variables as strings (set,
// as in the runs above).
test("the JS blocks compile under strict TypeScript (checkJs)", async () => {
  const dir = join(work, "checkjs");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  const typed = Object.entries(DEFINITIONS).filter(([name, d]) => !name.startsWith("__") && d.ts && name !== "require");
  writeFileSync(join(dir, "globals.d.ts"), `// What README fragments use without defining it.
declare global {
  var process: { env: { [name: string]: string } };
${typed.map(([name, d]) => `  var ${name}: ${d.ts};`).join("\n")}
}
export {};
`);
  // Node's modules and the globals the blocks use, untyped (no @types/node here).
  writeFileSync(join(dir, "node.d.ts"), `declare module "node:http";\ndeclare module "node:events";\ndeclare var Buffer: { concat(chunks: Uint8Array[]): Uint8Array };\n`);
  files.push("globals.d.ts", "node.d.ts");
  for (const block of jsBlocks.filter((b) => !TS.has(b.lang) && !b.directives.notRun)) {
    const commonJs = !block.directives.wrap && isCommonJs(block);
    const name = `line-${block.line}.${commonJs ? "cjs" : "mjs"}`;
    const wrapper = WRAPPERS[block.directives.wrap] ?? {};
    let code = block.code;
    if (wrapper.typed) {
      const { imports, rest } = splitImports(block.code);
      code = imports + wrapper.typed.replace("BLOCK", () => rest);
    }
    writeFileSync(join(dir, name), code);
    files.push(name);
    // An example file a block imports is checked by its own tests, not here.
    for (const [, imported] of block.code.matchAll(/from\s+["']\.\/([\w.-]+)["']/g)) {
      const found = ["www-example/node", "www-example/worker/src", "www-example/browser"].map((d) => join(root, d, imported)).find(existsSync);
      if (found) writeFileSync(join(dir, imported), `// @ts-nocheck\n${readFileSync(found, "utf8")}`);
    }
  }
  const config = join(dir, "tsconfig.json");
  writeFileSync(config, JSON.stringify({
    compilerOptions: { strict: true, noImplicitAny: false, useUnknownInCatchVariables: false, noEmit: true, allowJs: true, checkJs: true, moduleDetection: "force", module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false },
    files,
  }));
  try {
    await run(join(root, "node_modules/.bin/tsc"), ["-p", config], { cwd: root });
  } catch (e) {
    const report = `${e.stdout}${e.stderr}`.replace(/target\/readme-blocks\/checkjs\/line-(\d+)\.[cm]js\((\d+),(\d+)\)/g, (_, line, row, col) => `README.md:${Number(line) + Number(row)}:${col}`);
    assert.fail(`README JS blocks do not compile under strict TypeScript:\n${report}`);
  }
});

test("every JS/TS block of the README is run or marked as not run", () => {
  assert.ok(jsBlocks.length > 0, "README.md has JS blocks");
  for (const block of jsBlocks) {
    const marked = block.directives.notRun || block.directives.wrap;
    // Complete blocks are run as they are; what a block uses and does not
    // define fails its run (a ReferenceError), so a fragment must say so.
    if (!marked) {
      const missing = Object.keys(DEFINITIONS).filter((n) => !n.startsWith("__") && n !== "require" && definitionsFor(block.code).includes(n));
      assert.deepEqual(missing.filter((n) => new RegExp(`(?<![\\w$."'])${n}\\b(?!\\s*:)`).test(block.code.replace(/\/\/.*$/gm, ""))), [],
        `README line ${block.line} (${block.heading}) uses names it does not define: mark it <!-- fragment: wrap=NAME --> or define them`);
    }
  }
  for (const block of blocks.filter((b) => !JS.has(b.lang))) {
    assert.ok(!block.directives.wrap && !block.directives.notRun && !block.directives.prints, `README line ${block.line}: a ${block.lang || "plain"} block carries a JS directive`);
  }
});

test("shell blocks name scripts and files that exist", () => {
  for (const block of blocks.filter((b) => ["sh", "bash", "shell", "console"].includes(b.lang))) {
    for (const line of block.code.split("\n")) {
      const command = line.replace(/#.*$/, "").trim();
      for (const [, path] of command.matchAll(/(?:^|\s)((?:scripts|www-example|tests)\/[\w./-]+)/g)) {
        assert.ok(existsSync(join(root, path)), `README line ${block.line}: ${path} does not exist`);
        if (path.startsWith("scripts/")) assert.ok(statSync(join(root, path)).mode & 0o111, `README line ${block.line}: ${path} is not executable`);
      }
    }
    counts.shell++;
  }
});
