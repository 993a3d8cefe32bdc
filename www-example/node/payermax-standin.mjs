// A small local stand-in for the PayerMax gateway, for the demo and tests.
// It uses node:crypto only (never payseal): it checks the merchant's `sign`
// over the raw body, answers with a signed response, and sends signed
// notifications, the way the gateway does.
//
//   node www-example/node/payermax-standin.mjs   (PORT=8686 to choose the port)
//
// runs it on its own with the demo keys and prints the environment to point
// a merchant at it; Ctrl-C stops it.
//
// Answers and notifications are shaped as the examples of the official
// OpenAPI description (payermax-examples.json, copied from it by
// scripts/gen-standin-examples), with the request's own ids and amounts, and
// the stand-in keeps what it was asked so that a query answers what was
// created: payouts (paymentOrderPay, paymentOrderQry), payments (orderAndPay,
// orderQuery), refunds (refund, refundQuery), payment links (createPaybylink,
// queryPaybylink, expirePaybylink) and payment tokens (inquirePaymentToken,
// removePaymentToken). As the gateway does, it notifies the request's
// notifyUrl once a result is final:
//   paymentOrderPay                      -> PAYOUT, status SUCCESS
//   refund                               -> REFUND, status REFUND_SUCCESS (refundNotifyUrl, else the order's notifyUrl)
//   orderAndPay with a paymentTokenID    -> PAYMENT, status SUCCESS (a merchant-initiated debit)
//   GET of an orderAndPay redirectUrl    -> the payer pays: PAYMENT, status SUCCESS, with a
//                                           paymentTokenID when tokenForFutureUse was asked
//   GET of a payment link's linkUrl      -> the payer pays: PAYBYLINK with the payment
// Every other kind is sent on demand: `notify(kind, data, url)`, or from
// another process `POST /standin/notify {kind, data, url}`; `GET /standin/log`
// lists the requests received and the notifications delivered.
import http from "node:http";
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GATEWAY = "/aggregate-pay/api/gateway/";
const EXAMPLES = JSON.parse(readFileSync(new URL("./payermax-examples.json", import.meta.url), "utf8"));

/** The notification kinds `notify` sends: each notifyType, and the two callbacks without one. */
export const NOTIFICATION_KINDS = [
  "PAYMENT", "REFUND", "PAYOUT", "PAYBYLINK", "TOKENIZATION", "SUBSCRIPTION", "SUBSCRIPTION_PAYMENT",
  "CHARGEBACK", "DISPUTE", "REPAYMENT_RECEIPT", "billPaymentValidation", "rfi",
];

const copy = (v) => structuredClone(v);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** `base` with `over` written into it: objects merged key by key, anything else (arrays too) replaced. */
function merge(base, over) {
  if (!isObject(base) || !isObject(over)) return copy(over);
  const out = copy(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = k in out ? merge(out[k], v) : copy(v);
  }
  return out;
}
/** `2023-03-08T10:22:05 +0000`, the form the payout examples use. */
const payoutTime = (d = new Date()) => d.toISOString().replace(/\.\d{3}Z$/, " +0000");

/**
 * The body of a notification of `kind` for this merchant, as the
 * description's example for that callback, with `data` written into its
 * data (or, for billPaymentValidation, into the body, which is its data).
 */
export function notificationBody(kind, data = {}, { appId, merchantNo, code, msg, notifyTime = new Date().toISOString() }) {
  if (!NOTIFICATION_KINDS.includes(kind)) throw new Error(`unknown notification kind ${kind} (known: ${NOTIFICATION_KINDS.join(", ")})`);
  if (kind === "billPaymentValidation") return merge(EXAMPLES.callbacks.billPaymentValidation, data);
  // Chargebacks are sent on the dispute callback, in the same shape.
  const example = copy(EXAMPLES.callbacks[kind === "CHARGEBACK" ? "DISPUTE" : kind]);
  if (kind === "CHARGEBACK") example.notifyType = "CHARGEBACK";
  // The envelope names the app as the example does (appId, or merchantAppId).
  if ("merchantAppId" in example) example.merchantAppId = appId;
  else example.appId = appId;
  example.merchantNo = merchantNo;
  example.notifyTime = notifyTime;
  example.keyVersion = "1";
  if (code !== undefined && "code" in example) example.code = code;
  if (msg !== undefined && "msg" in example) example.msg = msg;
  example.data = merge(example.data, data);
  return example;
}

export async function startPayerMaxStandIn({ merchantPublicKey, platformPrivateKey, appId, merchantNo, port = 0, notifyTimeoutMs = 10_000 }) {
  const received = [];
  const deliveries = [];
  const payouts = new Map(); // outTradeNo -> payout
  const orders = new Map(); // outTradeNo -> order
  const refunds = new Map(); // outRefundNo -> refund
  const links = new Map(); // merchantLinkId -> link
  const tokens = new Map(); // paymentTokenID -> token
  let serial = 0;
  const stamp = () => new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const nextId = (infix) => `${stamp()}${infix}${String(++serial).padStart(12, "0")}`;
  const signed = (text) => crypto.sign("sha256", Buffer.from(text), platformPrivateKey).toString("base64");
  const pending = new Set();

  /** POSTs a signed notification; resolves to what the merchant answered. */
  async function deliver(kind, body, target) {
    const text = JSON.stringify(body);
    const sign = signed(text);
    const delivery = { kind, url: target, body: text, sign, status: 0, answer: "" };
    deliveries.push(delivery);
    try {
      // The gateway gives up on an answer after a while too (then retries).
      const res = await fetch(target, { method: "POST", headers: { "content-type": "application/json", sign }, body: text, signal: AbortSignal.timeout(notifyTimeoutMs) });
      delivery.status = res.status;
      delivery.answer = await res.text();
    } catch (e) {
      delivery.answer = `not delivered: ${e.message}`;
    }
    return delivery;
  }
  /**
   * After the current answer is written, the result becomes final
   * (`settle`) and is notified, as the gateway notifies after it accepted
   * a request.
   */
  function later(kind, data, target, settle = () => {}) {
    const job = new Promise((r) => setTimeout(r, 5))
      .then(() => {
        settle();
        return target && notify(kind, data, target);
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  /**
   * Sends a notification of `kind` to `url`, signed with the platform key,
   * shaped as the description's example with `data` written in; for an
   * order, payout, refund or link the stand-in knows (by the ids in `data`),
   * its own ids and amounts come first. `opts.code`/`opts.msg` set the
   * envelope's. Resolves to `{ kind, url, body, sign, status, answer }`.
   *
   * The older form `notify(url, { notifyType, data, notifyTime, code })`
   * sends that envelope as it is.
   */
  async function notify(kind, data = {}, url, opts = {}) {
    if (typeof kind === "string" && /^https?:\/\//.test(kind)) {
      const [target, { notifyType, data: d, notifyTime = new Date().toISOString(), code = "APPLY_SUCCESS" }] = [kind, data];
      const body = { code, msg: "Success", keyVersion: "1", appId, merchantNo, notifyTime, notifyType, data: d };
      const { status, answer } = await deliver(notifyType, body, target);
      return { status, body: answer };
    }
    return deliver(kind, notificationBody(kind, { ...known(kind, data), ...data }, { appId, merchantNo, ...opts }), url);
  }

  /** What the stand-in knows of the object a notification of `kind` is about. */
  function known(kind, data) {
    if (kind === "PAYOUT" && payouts.has(data.outTradeNo)) {
      const p = payouts.get(data.outTradeNo);
      const money = (side) => ({ ...EXAMPLES.callbacks.PAYOUT.data[side], amount: p.trade.amount, currency: p.trade.currency, feeCurrency: p.trade.currency, taxCurrency: p.trade.currency });
      return { outTradeNo: p.outTradeNo, tradeNo: p.tradeNo, status: p.status, trade: p.trade, source: money("source"), destination: money("destination"), transactionUtcTime: p.created, payFinishTime: payoutTime(), reference: p.reference ?? "" };
    }
    if (kind === "PAYMENT" && orders.has(data.outTradeNo)) {
      const o = orders.get(data.outTradeNo);
      return { outTradeNo: o.outTradeNo, tradeToken: o.tradeToken, totalAmount: o.totalAmount, currency: o.currency, country: o.country ?? "", status: o.status, completeTime: o.completeTime ?? "", reference: o.reference ?? "", paymentDetails: [paymentDetailOf(o)] };
    }
    if (kind === "TOKENIZATION" && tokens.has(data.paymentTokenID)) {
      const t = tokens.get(data.paymentTokenID);
      return { outTradeNo: t.outTradeNo, userId: t.userId, paymentTokenID: t.paymentTokenID, paymentTokenStatus: t.status, paymentMethodType: t.paymentMethodType, targetOrg: t.targetOrg, country: t.country ?? "" };
    }
    if (kind === "REFUND" && refunds.has(data.outRefundNo)) {
      const r = refunds.get(data.outRefundNo);
      return { outRefundNo: r.outRefundNo, refundTradeNo: r.refundTradeNo, outTradeNo: r.outTradeNo, refundAmount: r.refundAmount, refundCurrency: r.refundCurrency, status: r.status, refundFinishTime: r.finished ?? "" };
    }
    if (kind === "PAYBYLINK" && links.has(data.merchantLinkId)) return linkData(links.get(data.merchantLinkId));
    return {};
  }
  const paymentDetailOf = (o) => {
    const detail = { paymentMethodType: o.paymentDetail?.paymentMethodType ?? "WALLET", targetOrg: o.paymentDetail?.targetOrg ?? "" };
    if (o.paymentTokenID) detail.paymentTokenID = o.paymentTokenID;
    return detail;
  };
  const linkData = (l) => ({
    linkId: l.linkId, merchantLinkId: l.merchantLinkId, totalAmount: l.totalAmount, country: l.country, currency: l.currency,
    linkStatus: l.linkStatus, expiresAt: l.expiresAt, linkUrl: l.linkUrl, qrCodeUrl: l.qrCodeUrl, description: l.description,
    linkDescription: l.linkDescription ?? "", payByLinkInfo: l.payments,
  });

  // A refusal, unsigned as the gateway may send errors.
  const refuse = (code, msg) => ({ refused: { code, msg } });
  // Signed answers: the description's example for the endpoint, the stand-in's data written in.
  const answer = (name, data) => ({ body: { ...EXAMPLES.responses[name], data: merge(EXAMPLES.responses[name].data, data) } });
  const exact = (name, data) => ({ body: { ...EXAMPLES.responses[name], data } });

  const ENDPOINTS = {
    paymentOrderPay(d) {
      if (payouts.has(d.outTradeNo)) return refuse("ORDER_REPEAT", `outTradeNo ${d.outTradeNo} was already used`);
      const p = { outTradeNo: d.outTradeNo, tradeNo: nextId("PO"), status: "PENDING", trade: d.trade, reference: d.reference, created: payoutTime() };
      payouts.set(p.outTradeNo, p);
      // The payout succeeds right after it is accepted; the result is notified.
      later("PAYOUT", { outTradeNo: p.outTradeNo }, d.notifyUrl, () => (p.status = "SUCCESS"));
      return answer("paymentOrderPay", { outTradeNo: p.outTradeNo, tradeNo: p.tradeNo, status: "PENDING" });
    },
    paymentOrderQry(d) {
      const p = payouts.get(d.outTradeNo);
      if (!p) return refuse("ORDER_NOT_EXIST", `no payout ${d.outTradeNo}`);
      const done = p.status !== "PENDING";
      return answer("paymentOrderQry", {
        outTradeNo: p.outTradeNo, tradeNo: p.tradeNo, status: p.status, trade: p.trade, reference: p.reference ?? "",
        transactionUtcTime: p.created, payFinishTime: done ? payoutTime() : "", fundsReturnTime: "", bounceBackTime: "",
      });
    },
    orderAndPay(d) {
      if (orders.has(d.outTradeNo)) return refuse("ORDER_REPEAT", `outTradeNo ${d.outTradeNo} was already used`);
      const detail = d.paymentDetail ?? {};
      const o = { ...d, tradeToken: `TP${Date.now()}${++serial}`, status: "PENDING", refunded: 0 };
      if (detail.merchantInitiated && detail.paymentTokenID) {
        // A merchant-initiated debit: the token stands for the payer's method.
        const t = tokens.get(detail.paymentTokenID);
        if (!t || t.status !== "Activated" || t.userId !== d.userId) return refuse("PARAMS_INVALID", "paymentTokenID is not an active token of this userId");
        Object.assign(o, { status: "SUCCESS", completeTime: new Date().toISOString(), paymentTokenID: t.paymentTokenID, paymentDetail: { ...detail, paymentMethodType: t.paymentMethodType, targetOrg: t.targetOrg } });
        orders.set(o.outTradeNo, o);
        later("PAYMENT", { outTradeNo: o.outTradeNo }, d.notifyUrl);
        return exact("orderAndPay/direct", { outTradeNo: o.outTradeNo, tradeToken: o.tradeToken, status: "SUCCESS" });
      }
      orders.set(o.outTradeNo, o);
      // The payer completes the payment on the page the answer names.
      return answer("orderAndPay", { redirectUrl: `${url}/cashier/${o.tradeToken}`, outTradeNo: o.outTradeNo, tradeToken: o.tradeToken, status: "PENDING" });
    },
    orderQuery(d) {
      const o = orders.get(d.outTradeNo) ?? [...orders.values()].find((x) => x.tradeToken === d.tradeToken);
      if (!o) return refuse("ORDER_NOT_EXIST", `no order ${d.outTradeNo ?? d.tradeToken}`);
      return exact("orderQuery", {
        ...EXAMPLES.responses.orderQuery.data,
        outTradeNo: o.outTradeNo, tradeToken: o.tradeToken, totalAmount: o.totalAmount, currency: o.currency, country: o.country ?? "",
        reference: o.reference ?? "", status: o.status, resultMsg: "", paymentDetails: o.status === "SUCCESS" ? [paymentDetailOf(o)] : [],
      });
    },
    refund(d) {
      if (refunds.has(d.outRefundNo)) return refuse("ORDER_REPEAT", `outRefundNo ${d.outRefundNo} was already used`);
      const o = orders.get(d.outTradeNo) ?? [...orders.values()].find((x) => x.tradeToken === d.tradeToken);
      if (!o) return refuse("ORDER_NOT_EXIST", `no order ${d.outTradeNo ?? d.tradeToken}`);
      if (o.status !== "SUCCESS") return refuse("PARAMS_INVALID", `order ${o.outTradeNo} is ${o.status}: only a paid order is refunded`);
      if (Number(d.refundAmount) + o.refunded > Number(o.totalAmount)) return refuse("PARAMS_INVALID", "refundAmount is more than what is left of the order");
      o.refunded += Number(d.refundAmount);
      const r = { outRefundNo: d.outRefundNo, refundTradeNo: nextId("TI"), outTradeNo: o.outTradeNo, tradeToken: o.tradeToken, refundAmount: d.refundAmount, refundCurrency: d.refundCurrency, status: "REFUND_PENDING" };
      refunds.set(r.outRefundNo, r);
      later("REFUND", { outRefundNo: r.outRefundNo }, d.refundNotifyUrl ?? o.notifyUrl, () => {
        r.status = "REFUND_SUCCESS";
        r.finished = new Date().toISOString();
      });
      return answer("refund", { outRefundNo: r.outRefundNo, tradeOrderNo: o.tradeToken, refundTradeNo: r.refundTradeNo, status: "REFUND_PENDING" });
    },
    refundQuery(d) {
      const r = refunds.get(d.outRefundNo) ?? [...refunds.values()].find((x) => x.refundTradeNo === d.refundTradeNo);
      if (!r) return refuse("ORDER_NOT_EXIST", `no refund ${d.outRefundNo ?? d.refundTradeNo}`);
      const { totalAmount, ...example } = EXAMPLES.responses.refundQuery.data;
      return exact("refundQuery", { ...example, outRefundNo: r.outRefundNo, refundTradeNo: r.refundTradeNo, refundAmount: Number(r.refundAmount), refundCurrency: r.refundCurrency, outTradeNo: r.outTradeNo, status: r.status, refundFinishTime: r.finished ?? "", resultMsg: "" });
    },
    createPaybylink(d) {
      if (links.has(d.merchantLinkId)) return refuse("ORDER_REPEAT", `merchantLinkId ${d.merchantLinkId} was already used`);
      const linkId = crypto.randomBytes(6).toString("base64url").toLowerCase().replace(/[^a-z]/g, "x");
      const seconds = Number(d.expiresTime ?? 86400);
      const l = {
        ...d, linkId, linkStatus: "ACTIVE", payments: [], linkUrl: `${url}/link/${linkId}`, qrCodeUrl: `${url}/link/${linkId}/qrcode`,
        expiresAt: new Date(Date.now() + seconds * 1000).toISOString().replace("Z", "+00:00"),
      };
      links.set(l.merchantLinkId, l);
      return answer("createPaybylink", { linkId, merchantLinkId: l.merchantLinkId, linkUrl: l.linkUrl, linkStatus: l.linkStatus, qrCodeUrl: l.qrCodeUrl, expiresAt: l.expiresAt });
    },
    queryPaybylink(d) {
      const l = links.get(d.merchantLinkId);
      if (!l) return refuse("ORDER_NOT_EXIST", `no payment link ${d.merchantLinkId}`);
      return exact("queryPaybylink", { ...linkData(l), goodsDetails: l.goodsDetails });
    },
    expirePaybylink(d) {
      const l = links.get(d.merchantLinkId);
      if (!l) return refuse("ORDER_NOT_EXIST", `no payment link ${d.merchantLinkId}`);
      l.linkStatus = "EXPIRED";
      l.expiresAt = new Date().toISOString().replace("Z", "+00:00");
      return answer("expirePaybylink", { linkId: l.linkId, merchantLinkId: l.merchantLinkId, linkStatus: l.linkStatus, expiresAt: l.expiresAt, linkUrl: l.linkUrl, qrCodeUrl: l.qrCodeUrl });
    },
    inquirePaymentToken(d) {
      const [example] = EXAMPLES.responses.inquirePaymentToken.data.tokenList;
      const tokenList = [...tokens.values()].filter((t) => t.userId === d.userId).map((t) => ({
        ...example, paymentTokenID: t.paymentTokenID, userId: t.userId, paymentTokenStatus: t.status, paymentMethodType: t.paymentMethodType,
        targetOrg: t.targetOrg, cardInfo: "", brand: "", paymentTokenExpiry: t.expiry,
      }));
      return exact("inquirePaymentToken", { tokenList });
    },
    removePaymentToken(d) {
      const t = tokens.get(d.paymentTokenID);
      if (!t || t.userId !== d.userId || t.status !== "Activated") return refuse("PARAMS_INVALID", "paymentTokenID is not an active token of this userId");
      t.status = "Deleted";
      return exact("removePaymentToken", { paymentTokenID: t.paymentTokenID, userId: t.userId, paymentTokenStatus: t.status });
    },
  };

  /** The payer pays an order on the cashier page its answer named. */
  function payOrder(tradeToken) {
    const o = [...orders.values()].find((x) => x.tradeToken === tradeToken);
    if (!o || o.status !== "PENDING") return false;
    o.status = "SUCCESS";
    o.completeTime = new Date().toISOString();
    const detail = o.paymentDetail ?? {};
    if (detail.tokenForFutureUse) {
      // The payer's method is kept for later debits: its token comes with the payment's notification.
      const t = {
        paymentTokenID: `PMTOKEN${stamp()}${String(++serial).padStart(15, "0")}`, userId: o.userId, outTradeNo: o.outTradeNo, status: "Activated",
        paymentMethodType: detail.paymentMethodType ?? "WALLET", targetOrg: detail.targetOrg ?? "", country: o.country,
        expiry: new Date(Date.now() + 365 * 86400_000).toISOString(),
      };
      tokens.set(t.paymentTokenID, t);
      o.paymentTokenID = t.paymentTokenID;
    }
    later("PAYMENT", { outTradeNo: o.outTradeNo }, o.notifyUrl);
    return true;
  }
  /** The payer pays on a payment link's page. */
  function payLink(linkId) {
    const l = [...links.values()].find((x) => x.linkId === linkId);
    if (!l || l.linkStatus !== "ACTIVE") return false;
    const [info] = EXAMPLES.callbacks.PAYBYLINK.data.payByLinkInfo;
    l.payments.push({ ...info, outTradeNo: `PBL${Date.now()}${++serial}`, status: "SUCCESS", completeAt: new Date().toISOString().replace("Z", "+00:00") });
    later("PAYBYLINK", { merchantLinkId: l.merchantLinkId }, l.notifyUrl);
    return true;
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks);
      const endpoint = req.url.startsWith(GATEWAY) ? req.url.slice(GATEWAY.length) : null;
      const reply = (status, body, sign = true) => {
        const text = JSON.stringify(body);
        const headers = { "content-type": "application/json" };
        if (sign) headers.sign = signed(text);
        res.writeHead(status, headers).end(text);
      };
      // The pages a payer opens (no signature: a browser's GET).
      const page = /^\/(cashier|link)\/([\w-]+)$/.exec(req.url);
      if (req.method === "GET" && page) {
        const paid = page[1] === "cashier" ? payOrder(page[2]) : payLink(page[2]);
        return res.writeHead(paid ? 200 : 410, { "content-type": "text/html" }).end(paid ? "<p>Paid.</p>" : "<p>Nothing to pay here.</p>");
      }
      // For tests and demos in another process: send a notification, read the log.
      if (req.url === "/standin/notify" && req.method === "POST") {
        try {
          const { kind, data, url: target, code, msg } = JSON.parse(raw.toString("utf8"));
          return reply(200, await notify(kind, data, target, { code, msg }), false);
        } catch (e) {
          return reply(400, { error: e.message }, false);
        }
      }
      if (req.url === "/standin/log" && req.method === "GET") {
        await Promise.all([...pending]);
        return reply(200, { requests: received, deliveries }, false);
      }
      if (req.method !== "POST" || !endpoint) return reply(404, { code: "NOT_FOUND", msg: "no such endpoint" }, false);
      const signOk = typeof req.headers.sign === "string"
        && crypto.verify("sha256", raw, merchantPublicKey, Buffer.from(req.headers.sign, "base64"));
      // Error answers are unsigned, as the gateway may send them.
      if (!signOk) return reply(401, { code: "SIGN_VERIFY_FAILED", msg: "sign verify failed" }, false);
      let envelope;
      try {
        envelope = JSON.parse(raw.toString("utf8"));
      } catch {
        return reply(200, { code: "PARAMS_INVALID", msg: "body is not JSON" }, false);
      }
      if (Math.abs(Date.parse(envelope.requestTime) - Date.now()) > 120_000) {
        return reply(200, { code: "REQ_TIME_OVER_TIME", msg: "requestTime too far from now" }, false);
      }
      if (envelope.appId !== appId || envelope.merchantNo !== merchantNo) {
        return reply(200, { code: "MERCHANT_APP_INVALID", msg: "unknown merchant" }, false);
      }
      received.push({ endpoint, envelope });
      const data = envelope.data ?? {};
      if (Object.hasOwn(ENDPOINTS, endpoint)) {
        const out = ENDPOINTS[endpoint](data);
        return out.refused ? reply(200, out.refused, false) : reply(200, out.body);
      }
      // Any other endpoint: accepted, pending.
      reply(200, { code: "APPLY_SUCCESS", msg: "", data: { outTradeNo: data.outTradeNo, tradeNo: `TP${Date.now()}${received.length}`, status: "PENDING" } });
    });
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    deliveries,
    notify,
    /** Resolves once the notifications the stand-in sent on its own were delivered. */
    settled: () => Promise.all([...pending]),
    close: async () => {
      await Promise.all([...pending]);
      await new Promise((r) => server.close(r));
    },
  };
}

// The demo merchant (www-example/demo-keys/ holds its keys).
export const DEMO_APP_ID = "3b242b56a8b64274bcc37dac281120e3";
export const DEMO_MERCHANT_NO = "020213827212251";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const keyFile = (name) => fileURLToPath(new URL(`../demo-keys/${name}`, import.meta.url));
  const shown = (name) => relative(process.cwd(), keyFile(name)) || keyFile(name);
  const gateway = await startPayerMaxStandIn({
    merchantPublicKey: readFileSync(keyFile("merchant-public.pem"), "utf8"),
    platformPrivateKey: readFileSync(keyFile("platform-private.pem"), "utf8"),
    appId: DEMO_APP_ID,
    merchantNo: DEMO_MERCHANT_NO,
    port: Number(process.env.PORT ?? 0),
  });
  console.log(`PayerMax stand-in on ${gateway.url} (Ctrl-C to stop): use it as baseUrl.
It accepts requests signed with ${shown("merchant-private.txt")} for app ${DEMO_APP_ID}, merchant ${DEMO_MERCHANT_NO},
and signs its answers with ${shown("platform-private.pem")} (public key: ${shown("platform-public.txt")}).
It remembers what it is asked and notifies each request's notifyUrl, as the gateway does (README: Worked flows).
To point the Quickstart at it, in another shell (from this directory):

export PAYERMAX_BASE_URL=${gateway.url}
export PAYERMAX_APP_ID=${DEMO_APP_ID}
export PAYERMAX_MERCHANT_NO=${DEMO_MERCHANT_NO}
export PAYERMAX_PRIVATE_KEY="$(cat ${shown("merchant-private.txt")})"
export PAYERMAX_PLATFORM_PUBLIC_KEY="$(cat ${shown("platform-public.txt")})"
`);
  process.on("SIGINT", () => gateway.close().then(() => process.exit(0)));
}
