// A small local stand-in for the PayerMax gateway, for the demo and tests.
// It uses node:crypto only (never payseal): it checks the merchant's `sign`
// over the raw body, answers with a signed response, and can send signed
// notifications, the way the gateway does.
import http from "node:http";
import crypto from "node:crypto";

const GATEWAY = "/aggregate-pay/api/gateway/";

export async function startPayerMaxStandIn({ merchantPublicKey, platformPrivateKey, appId, merchantNo }) {
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
      reply(200, { code: "APPLY_SUCCESS", msg: "", data: { outTradeNo: data.outTradeNo, tradeNo, status: "PENDING" } });
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
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
