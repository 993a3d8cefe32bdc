// A Cloudflare Worker that receives PayerMax notifications.
//
// Verify the raw body first, then parse; acknowledge valid notifications
// with 200 and PayerMax.ACK; 401 for anything not signed by PayerMax, 400
// for malformed input, 413 for oversized bodies; never 500. Bodies are read
// with a byte counter (readBody): a sender that streams more than 1 MiB,
// with or without Content-Length, is answered 413 once the count passes
// the limit, never after the whole body has been taken into memory.
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

// Event keys already handled by this isolate. An isolate lives for a while
// but not forever, and there are many: in production record handled
// eventKeys in KV (with a TTL of a few days) or, for strict once-only
// handling, in a Durable Object or your database, next to the order.
const seen = new Map();

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

async function handleEvent(notification, env) {
  // Your business logic: update the order, credit the user, ...
  console.log("payermax", notification.notifyType, notification.eventKey, notification.data?.status);
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
  if (!seen.has(notification.eventKey)) {
    try {
      await handleEvent(notification, env);
    } catch {
      return json(503, { error: "TRY_AGAIN" }); // PayerMax retries later
    }
    seen.set(notification.eventKey, Date.now());
    if (seen.size > 10_000) seen.delete(seen.keys().next().value);
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
  if (!seen.has(key)) {
    try {
      console.log("cashy", callback.orderNo, callback.orderStatus, callback.resultDesc);
    } catch {
      return json(503, { error: "TRY_AGAIN" });
    }
    seen.set(key, Date.now());
    if (seen.size > 10_000) seen.delete(seen.keys().next().value);
  }
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
