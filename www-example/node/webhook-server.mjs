// Receiving PayerMax notifications with node:http (no framework needed).
//
//   PAYERMAX_APP_ID=... PAYERMAX_MERCHANT_NO=... \
//   PAYERMAX_PLATFORM_PUBLIC_KEY="$(cat platform-public.txt)" node webhook-server.mjs
//
// Verify the raw body first, then parse; acknowledge with 200 and
// PayerMax.ACK; 401 for anything not signed by PayerMax, 400 for malformed
// input, 413 for oversized bodies; never 500.
import http from "node:http";
import { PayerMax, PaysealError } from "payseal";

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

/** A node:http handler for POST requests carrying PayerMax notifications. */
export function payermaxWebhookHandler(payermax, onNotification) {
  // Seen event keys, so redeliveries are acknowledged but handled once.
  // In production keep this in your database, next to the order.
  const seen = new Map();
  return (req, res) => {
    const answer = (status, body) => res.writeHead(status, { "content-type": "application/json" }).end(body);
    if (req.method !== "POST") return answer(405, '{"error":"METHOD_NOT_ALLOWED"}');
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("error", () => answer(400, '{"error":"BAD_REQUEST"}'));
    req.on("end", async () => {
      if (size > MAX_BODY) return answer(413, '{"error":"INPUT_TOO_LARGE"}');
      try {
        const notification = payermax.verifyNotification(Buffer.concat(chunks), req.headers.sign, {
          toleranceSeconds: TOLERANCE_SECONDS,
        });
        if (!seen.has(notification.eventKey)) {
          await onNotification(notification);
          seen.set(notification.eventKey, Date.now());
          if (seen.size > 10_000) seen.delete(seen.keys().next().value);
        }
        const { status, headers, body } = PayerMax.ack();
        res.writeHead(status, headers).end(body);
      } catch (e) {
        if (e instanceof PaysealError) {
          return answer(refusalStatus(e.code), JSON.stringify({ error: e.code }));
        }
        // Our own handling failed: ask PayerMax to retry later.
        answer(503, '{"error":"TRY_AGAIN"}');
      }
    });
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
  http
    .createServer(payermaxWebhookHandler(payermax, (n) => console.log("notification", n.notifyType, n.eventKey, n.data)))
    .listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));
}
