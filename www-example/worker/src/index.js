// A Cloudflare Worker that receives PayerMax notifications (every
// notifyType, on /webhooks/payermax), RFI notifications
// (/webhooks/payermax/rfi), bill payment validations, which it answers
// with the bill's limits (/webhooks/payermax/bill-validation), and Cashy
// callbacks (/webhooks/cashy).
//
// Verify the raw body first, then parse; acknowledge valid notifications
// with 200 and PayerMax.ACK; 401 for anything not signed by PayerMax, 400
// for malformed input, 413 for oversized bodies; never 500. Bodies are read
// with a byte counter (readBody): a sender that streams more than 1 MiB,
// with or without Content-Length, is answered 413 once the count passes
// the limit, never after the whole body has been taken into memory.
//
// Gateways redeliver until they get the acknowledgement, so each event is
// handled once: a Durable Object with SQLite storage per event key
// (HandledEvents below) runs the handler and records the key, for every
// isolate and across restarts.
import { DurableObject } from "cloudflare:workers";
import { Cashy, PayerMax, PaysealError, readBody, warmUp } from "payseal";

// Compile the notification path now, at the Worker's startup, rather than
// in the first request (whose CPU time it would otherwise take: several ms).
warmUp(["notifications"]);

const MAX_BODY = 1024 * 1024;
// PayerMax retries for about 13 hours with the original notifyTime: a
// window shorter than that would refuse genuine retries.
const TOLERANCE_SECONDS = 24 * 3600;

const STATUS = {
  SIGN_HEADER_MISSING: 401,
  SIGNATURE_INVALID: 401,
  KEY_VERSION_UNKNOWN: 401,
  MERCHANT_MISMATCH: 401,
  NOT_A_NOTIFICATION: 401,
  NOTIFICATION_EXPIRED: 401,
  INPUT_TOO_LARGE: 413,
};

let client;
let clientConfig;
function payermax(env) {
  const config = [env.PAYERMAX_APP_ID, env.PAYERMAX_MERCHANT_NO, env.PAYERMAX_PLATFORM_PUBLIC_KEY, env.PAYERMAX_ENV].join("\n");
  if (config !== clientConfig) {
    client = new PayerMax({
      appId: env.PAYERMAX_APP_ID,
      merchantNo: env.PAYERMAX_MERCHANT_NO,
      platformPublicKey: env.PAYERMAX_PLATFORM_PUBLIC_KEY,
      environment: env.PAYERMAX_ENV ?? "sandbox",
    });
    clientConfig = config;
  }
  return client;
}

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

// Your business logic: update the order, credit the user, ... Here: log the
// event and, where an ORDERS service binding is configured, hand it to that
// service. A failure (thrown) answers 503, and the gateway retries.
async function notify(env, kind, event) {
  if (!env.ORDERS) return;
  const res = await env.ORDERS.fetch(`https://orders/${kind}`, { method: "POST", body: JSON.stringify(event) });
  if (!res.ok) throw new Error(`the order service answered ${res.status}`);
}

// What each notifyType means to the shop: verifyNotification types `data` by
// `notifyType` (in TypeScript, `n.notifyType === "PAYOUT"` narrows `n.data`).
// A notifyType added by the gateway later still arrives (knownType: false).
function summary(n) {
  const d = n.data ?? {};
  switch (n.notifyType) {
    case "PAYMENT":
    case "CAPTURE":
    case "CANCEL":
      return { order: d.outTradeNo, status: d.status };
    case "REFUND":
      return { refund: d.outRefundNo, order: d.outTradeNo, status: d.status };
    case "PAYOUT":
      return { payout: d.outTradeNo, status: d.status };
    case "PAYBYLINK":
      return { link: d.merchantLinkId, status: d.linkStatus };
    case "TOKENIZATION":
      return { user: d.userId, token: d.paymentTokenID, status: d.paymentTokenStatus };
    case "SUBSCRIPTION":
    case "SUBSCRIPTION_PAYMENT":
      return { subscription: d.subscriptionRequestId };
    case "CHARGEBACK":
    case "DISPUTE":
    case "FRAUD":
    case "CUSTOMER COMPLAINT":
      return { case: d.caseId, order: d.outTradeNo };
    case "REPAYMENT_RECEIPT":
      return { bill: d.referenceNo, trade: d.tradeToken, status: d.payStatus };
    case "DEPOSIT":
    case "EXCHANGE":
    case "WITHDRAW":
    case "TRANSFER":
    case "RECEIVE":
      return { kind: n.notifyType };
    default:
      return { unknown: n.notifyType };
  }
}

const HANDLERS = {
  async payermax(notification, env) {
    // A correctly signed event is never refused for its data; gaps against
    // the description are reported, to log.
    if (notification.dataIssues.length > 0) console.warn("payermax data issues", notification.eventKey, JSON.stringify(notification.dataIssues));
    console.log("payermax", notification.notifyType, notification.eventKey, JSON.stringify(summary(notification)));
    await notify(env, "payermax", { eventKey: notification.eventKey, notifyType: notification.notifyType, data: notification.data });
  },
  async rfi(notification, env) {
    console.log("payermax rfi", notification.data?.rfiNo, notification.data?.status);
    await notify(env, "rfi", { eventKey: notification.eventKey, data: notification.data });
  },
  async cashy(callback, env) {
    console.log("cashy", callback.orderNo, callback.orderStatus, callback.resultDesc);
    await notify(env, "cashy", callback);
  },
};

// One object per event key (idFromName), its SQLite table the record that
// the event was handled. Concurrent deliveries of one event reach the same
// object: the first runs the handler, the others wait for it and get its
// outcome. The key is recorded only once the handler succeeded, so a failed
// or interrupted handling is retried on the next delivery.
export class HandledEvents extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.running = new Map();
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS handled (event_key TEXT PRIMARY KEY, handled_at INTEGER NOT NULL)");
  }

  /** Runs HANDLERS[kind](event) unless `key` was handled: true if it ran now, false if before. */
  async handleOnce(key, kind, event) {
    if (this.ctx.storage.sql.exec("SELECT 1 FROM handled WHERE event_key = ?", key).toArray().length > 0) return false;
    let run = this.running.get(key);
    if (!run) {
      run = (async () => {
        await HANDLERS[kind](event, this.env);
        this.ctx.storage.sql.exec("INSERT OR IGNORE INTO handled (event_key, handled_at) VALUES (?, ?)", key, Date.now());
      })();
      this.running.set(key, run);
      run.finally(() => this.running.delete(key)).catch(() => {});
    }
    await run;
    return true;
  }
}

/** Handles the event once (see HandledEvents): false if it failed, and the gateway should retry. */
async function handleOnce(env, key, kind, event) {
  try {
    await env.HANDLED_EVENTS.get(env.HANDLED_EVENTS.idFromName(key)).handleOnce(key, kind, event);
    return true;
  } catch (e) {
    console.error("handling failed, the gateway will retry:", key, String(e?.message ?? e));
    return false;
  }
}

async function payermaxWebhook(request, env) {
  let notification;
  try {
    const body = await readBody(request, { limit: MAX_BODY }); // the raw bytes that were signed
    notification = await payermax(env).verifyNotificationAsync(body, request.headers.get("sign"), {
      toleranceSeconds: TOLERANCE_SECONDS,
    });
  } catch (e) {
    if (e instanceof PaysealError) return json(STATUS[e.code] ?? 400, { error: e.code });
    return json(400, { error: "BAD_REQUEST" });
  }
  if (!(await handleOnce(env, notification.eventKey, "payermax", notification))) {
    return json(503, { error: "TRY_AGAIN" }); // PayerMax retries later
  }
  return PayerMax.ackResponse();
}

// rfiNotifyUrl: the gateway asks for information about an order (no
// notifyType: verifyRfiNotification binds it by appId and merchantNo).
async function rfiWebhook(request, env) {
  let notification;
  try {
    const body = await readBody(request, { limit: MAX_BODY });
    notification = await payermax(env).verifyRfiNotificationAsync(body, request.headers.get("sign"), {
      toleranceSeconds: TOLERANCE_SECONDS,
    });
  } catch (e) {
    if (e instanceof PaysealError) return json(STATUS[e.code] ?? 400, { error: e.code });
    return json(400, { error: "BAD_REQUEST" });
  }
  if (!(await handleOnce(env, notification.eventKey, "rfi", notification))) return json(503, { error: "TRY_AGAIN" });
  return PayerMax.ackResponse();
}

// billPaymentValidationUrl (Philippine bill payment): may this bill be paid,
// and how much? It names no merchant and carries no time: only its
// signature binds it, and the answer is the same however often it is asked.
// The bill comes from the ORDERS service (GET https://orders/bills/<ref>:
// {minAmount, maxAmount, currency}, 404 when unknown).
async function billValidationWebhook(request, env) {
  let validation;
  try {
    const body = await readBody(request, { limit: MAX_BODY });
    validation = await payermax(env).verifyBillPaymentValidationAsync(body, request.headers.get("sign"));
  } catch (e) {
    if (e instanceof PaysealError) return json(STATUS[e.code] ?? 400, { error: e.code });
    return json(400, { error: "BAD_REQUEST" });
  }
  const { referenceNo, currency } = validation.data;
  let bill;
  try {
    const res = env.ORDERS ? await env.ORDERS.fetch(`https://orders/bills/${encodeURIComponent(referenceNo)}`) : null;
    if (res && res.ok) bill = await res.json();
    else if (res && res.status !== 404) throw new Error(`the order service answered ${res.status}`);
  } catch (e) {
    console.error("bill lookup failed, the gateway will ask again:", referenceNo, String(e?.message ?? e));
    return json(503, { error: "TRY_AGAIN" });
  }
  return PayerMax.answerResponse("billPaymentValidation", bill
    ? { referenceNo, minAmount: bill.minAmount, maxAmount: bill.maxAmount, currency: bill.currency, confirmation: "Y" }
    : { referenceNo, minAmount: 0, maxAmount: 0, currency: typeof currency === "string" ? currency : "PHP", confirmation: "N", failureReason: "unknown bill" });
}

let cashyClient;
let cashyConfig;
function cashy(env) {
  const config = [env.CASHY_MERCHANT_ID, env.CASHY_API_KEY, env.CASHY_BASE_URL].join("\n");
  if (config !== cashyConfig) {
    cashyClient = new Cashy({ merchantId: env.CASHY_MERCHANT_ID, apiKey: env.CASHY_API_KEY, baseUrl: env.CASHY_BASE_URL });
    cashyConfig = config;
  }
  return cashyClient;
}

// Cashy callbacks: Sign = MD5(raw body + apiKey); acknowledge with plain
// text SUCCESS, or Cashy retries (1, 2, 4, ... 512 minutes).
async function cashyWebhook(request, env) {
  let callback;
  try {
    const body = await readBody(request, { limit: MAX_BODY });
    callback = cashy(env).verifyCallback(body, request.headers.get("sign"));
  } catch (e) {
    if (e instanceof PaysealError) return json(STATUS[e.code] ?? 400, { error: e.code });
    return json(400, { error: "BAD_REQUEST" });
  }
  const key = `cashy:${callback.orderNo}:${callback.orderStatus}`;
  if (!(await handleOnce(env, key, "cashy", callback))) return json(503, { error: "TRY_AGAIN" });
  return Cashy.ackResponse();
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/webhooks/payermax") {
      if (request.method !== "POST") return json(405, { error: "METHOD_NOT_ALLOWED" });
      return payermaxWebhook(request, env);
    }
    if (pathname === "/webhooks/payermax/rfi" || pathname === "/webhooks/payermax/bill-validation") {
      if (request.method !== "POST") return json(405, { error: "METHOD_NOT_ALLOWED" });
      return pathname.endsWith("/rfi") ? rfiWebhook(request, env) : billValidationWebhook(request, env);
    }
    if (pathname === "/webhooks/cashy") {
      if (request.method !== "POST") return json(405, { error: "METHOD_NOT_ALLOWED" });
      return cashyWebhook(request, env);
    }
    return json(404, { error: "NOT_FOUND" });
  },
};
