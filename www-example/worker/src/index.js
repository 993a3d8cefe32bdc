// A Cloudflare Worker that receives PayerMax notifications.
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
import { Cashy, PayerMax, PaysealError, readBody } from "payseal";

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

const HANDLERS = {
  async payermax(notification, env) {
    console.log("payermax", notification.notifyType, notification.eventKey, notification.data?.status);
    await notify(env, "payermax", { eventKey: notification.eventKey, notifyType: notification.notifyType, data: notification.data });
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
    if (pathname === "/webhooks/cashy") {
      if (request.method !== "POST") return json(405, { error: "METHOD_NOT_ALLOWED" });
      return cashyWebhook(request, env);
    }
    return json(404, { error: "NOT_FOUND" });
  },
};
