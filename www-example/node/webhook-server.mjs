// Receiving PayerMax notifications with node:http (no framework needed).
//
//   PAYERMAX_APP_ID=... PAYERMAX_MERCHANT_NO=... \
//   PAYERMAX_PLATFORM_PUBLIC_KEY="$(cat platform-public.txt)" node webhook-server.mjs
//
// Verify the raw body first, then parse; acknowledge with 200 and
// PayerMax.ACK; 401 for anything not signed by PayerMax, 400 for malformed
// input, 413 for oversized bodies; never 500.
//
// PayerMax redelivers until it gets the acknowledgement: each event is
// handled once, recorded in SQLite (handled-events.mjs; the file is
// HANDLED_EVENTS_DB, ./handled-events.sqlite by default). Handled events are
// logged and, where ORDERS_URL is set, POSTed there.
import http from "node:http";
import { PayerMax, PaysealError, readBody } from "payseal";
import { openHandledEvents } from "./handled-events.mjs";

const MAX_BODY = 1024 * 1024;
// PayerMax retries for about 13 hours with the original notifyTime: a
// window shorter than that would refuse genuine retries.
const TOLERANCE_SECONDS = 24 * 3600;

// Refusals meaning "not a PayerMax notification for us": unsigned, forged,
// signed with an unknown key, for another merchant, another kind of signed
// message (a replayed API response), or too old.
const NOT_FROM_PAYERMAX = new Set([
  "SIGN_HEADER_MISSING", "SIGNATURE_INVALID", "KEY_VERSION_UNKNOWN", "MERCHANT_MISMATCH", "NOT_A_NOTIFICATION",
  "NOTIFICATION_EXPIRED",
]);

/** The HTTP status for a refused notification: 401, 413 or 400. */
function refusalStatus(code) {
  if (NOT_FROM_PAYERMAX.has(code)) return 401;
  return code === "INPUT_TOO_LARGE" ? 413 : 400;
}

// A refused body (too large, or broken): the answer goes out at once; what
// the sender is still sending is read and thrown away for up to a second,
// so that it reads the answer rather than a reset connection, and then the
// connection is closed. Nothing of the rest is kept.
export function refuseBody(req, res, status, text, type = "application/json") {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), connection: "close" });
  res.write(text);
  const close = () => {
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(close, 1000);
  req.once("end", close).once("close", close).resume();
}

/**
 * A node:http handler for POST requests carrying PayerMax notifications.
 * `onNotification` runs once per event: `handledEvents` (openHandledEvents)
 * records the event keys; without it they are kept in an SQLite database in
 * memory, which a restart forgets: give it a file in production.
 */
export function payermaxWebhookHandler(payermax, onNotification, { handledEvents = openHandledEvents(":memory:") } = {}) {
  return async (req, res) => {
    const answer = (status, body, headers) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
    if (req.method !== "POST") return answer(405, '{"error":"METHOD_NOT_ALLOWED"}');
    let body;
    try {
      // The raw bytes that were signed, counted as they arrive: refused
      // (413) as soon as they pass 1 MiB, chunked or not.
      body = await readBody(req, { limit: MAX_BODY });
    } catch (e) {
      return refuseBody(req, res, refusalStatus(e.code), JSON.stringify({ error: e.code }));
    }
    try {
      const notification = payermax.verifyNotification(body, req.headers.sign, {
        toleranceSeconds: TOLERANCE_SECONDS,
      });
      // Handled once; a redelivery, even while the first is being handled,
      // waits for that outcome and is acknowledged with it.
      await handledEvents.once(notification.eventKey, () => onNotification(notification));
      const { status, headers, body: ack } = PayerMax.ack();
      res.writeHead(status, headers).end(ack);
    } catch (e) {
      if (e instanceof PaysealError) {
        return answer(refusalStatus(e.code), JSON.stringify({ error: e.code }));
      }
      // Our own handling failed: ask PayerMax to retry later.
      answer(503, '{"error":"TRY_AGAIN"}');
    }
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const payermax = new PayerMax({
    appId: process.env.PAYERMAX_APP_ID,
    merchantNo: process.env.PAYERMAX_MERCHANT_NO,
    platformPublicKey: process.env.PAYERMAX_PLATFORM_PUBLIC_KEY,
    environment: process.env.PAYERMAX_ENV ?? "sandbox",
  });
  const port = Number(process.env.PORT ?? 8787);
  const handledEvents = openHandledEvents(process.env.HANDLED_EVENTS_DB ?? "handled-events.sqlite");
  // Your business logic: here, log the event and, where ORDERS_URL is set,
  // hand it to that service. A failure (thrown) answers 503: PayerMax retries.
  const onNotification = async (n) => {
    console.log("notification", n.notifyType, n.eventKey, JSON.stringify(n.data));
    if (!process.env.ORDERS_URL) return;
    const res = await fetch(process.env.ORDERS_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventKey: n.eventKey, notifyType: n.notifyType, data: n.data }),
    });
    if (!res.ok) throw new Error(`the order service answered ${res.status}`);
  };
  http
    .createServer(payermaxWebhookHandler(payermax, onNotification, { handledEvents }))
    .listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));
}
