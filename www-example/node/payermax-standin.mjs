// A small local stand-in for the PayerMax gateway, for the demo and tests.
// It uses node:crypto only (never payseal): it checks the merchant's `sign`
// over the raw body, answers with a signed response, and can send signed
// notifications, the way the gateway does.
//
//   node www-example/node/payermax-standin.mjs   (PORT=8686 to choose the port)
//
// runs it on its own with the demo keys and prints the environment to point
// a merchant at it; Ctrl-C stops it.
import http from "node:http";
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GATEWAY = "/aggregate-pay/api/gateway/";

export async function startPayerMaxStandIn({ merchantPublicKey, platformPrivateKey, appId, merchantNo, port = 0 }) {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const endpoint = req.url.startsWith(GATEWAY) ? req.url.slice(GATEWAY.length) : null;
      const reply = (status, body, signed = true) => {
        const text = JSON.stringify(body);
        const headers = { "content-type": "application/json" };
        if (signed) headers.sign = crypto.sign("sha256", Buffer.from(text), platformPrivateKey).toString("base64");
        res.writeHead(status, headers).end(text);
      };
      const signOk = typeof req.headers.sign === "string"
        && crypto.verify("sha256", raw, merchantPublicKey, Buffer.from(req.headers.sign, "base64"));
      if (req.method !== "POST" || !endpoint) return reply(404, { code: "NOT_FOUND", msg: "no such endpoint" }, false);
      // Error answers are unsigned, as the gateway may send them.
      if (!signOk) return reply(200, { code: "SIGN_VERIFY_FAILED", msg: "sign verify failed" }, false);
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
      const tradeNo = `TP${Date.now()}${received.length}`;
      // Hosted checkout answers with the cashier page to send the payer to.
      const redirect = endpoint === "orderAndPay" ? { redirectUrl: `${url}/cashier/${tradeNo}` } : {};
      reply(200, { code: "APPLY_SUCCESS", msg: "", data: { outTradeNo: data.outTradeNo, tradeNo, status: "PENDING", ...redirect } });
    });
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    /** POSTs a notification signed with the platform key to `url`. */
    async notify(url, { notifyType, data, notifyTime = new Date().toISOString(), code = "APPLY_SUCCESS" }) {
      const body = JSON.stringify({ code, msg: "Success", keyVersion: "1", appId, merchantNo, notifyTime, notifyType, data });
      const sign = crypto.sign("sha256", Buffer.from(body), platformPrivateKey).toString("base64");
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", sign }, body });
      return { status: res.status, body: await res.text() };
    },
    close: () => new Promise((r) => server.close(r)),
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
To point the Quickstart at it, in another shell (from this directory):

export PAYERMAX_BASE_URL=${gateway.url}
export PAYERMAX_APP_ID=${DEMO_APP_ID}
export PAYERMAX_MERCHANT_NO=${DEMO_MERCHANT_NO}
export PAYERMAX_PRIVATE_KEY="$(cat ${shown("merchant-private.txt")})"
export PAYERMAX_PLATFORM_PUBLIC_KEY="$(cat ${shown("platform-public.txt")})"
`);
  process.on("SIGINT", () => gateway.close().then(() => process.exit(0)));
}
