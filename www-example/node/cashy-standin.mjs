// A local stand-in for the Cashy payout gateway, for the example and tests.
// It checks `Sign` = MD5(rawBody + apiKey) with node:crypto (never payseal),
// answers like the gateway, and can send signed callbacks.
//
//   node www-example/node/cashy-standin.mjs   (PORT=8687 to choose the port)
//
// runs it on its own with the demo merchant and prints the environment to
// point a merchant at it; Ctrl-C stops it.
import http from "node:http";
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";

const md5 = (text) => crypto.createHash("md5").update(text).digest("hex").toUpperCase();

export async function startCashyStandIn({ merchantId, apiKey, port = 0 }) {
  const orders = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const reply = (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      const signOk = String(req.headers.sign ?? "").toUpperCase() === md5(Buffer.concat([raw, Buffer.from(apiKey)]));
      if (req.headers.merchantid !== String(merchantId)) return reply({ msg: "merchant not found", code: 401 });
      if (!signOk) return reply({ msg: "sign error", code: 402 });
      let data;
      try {
        data = JSON.parse(raw.toString("utf8"));
      } catch {
        return reply({ msg: "body is not JSON", code: 400 });
      }
      if (!data.nonceStr) return reply({ msg: "nonceStr required", code: 400 });
      if (req.url === "/api/payOut") {
        const order = { merchantId: String(merchantId), mchOrderNo: data.mchOrderNo, orderNo: `PAYOUT${Date.now()}${orders.size}`, amount: data.amount, fee: 0, orderStatus: "PROCESSING", notifyUrl: data.notifyUrl };
        orders.set(order.orderNo, order);
        const { notifyUrl, ...answer } = order;
        return reply({ msg: "SUCCESS", code: 200, data: answer });
      }
      if (req.url === "/api/payOutQuery") {
        const order = [...orders.values()].find((o) => o.orderNo === data.orderNo || o.mchOrderNo === data.mchOrderNo);
        if (!order) return reply({ msg: "order not found", code: 404 });
        const { notifyUrl, ...answer } = order;
        return reply({ msg: "SUCCESS", code: 200, data: { ...answer, resultDesc: "SUCCESS" } });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    orders,
    /** Completes an order and POSTs its signed callback to the order's notifyUrl. */
    async complete(orderNo, orderStatus = "SUCCESS") {
      const order = orders.get(orderNo);
      order.orderStatus = orderStatus;
      const body = JSON.stringify({ orderStatus, amount: order.amount, fee: 0, mchOrderNo: order.mchOrderNo, merchantId: order.merchantId, orderNo, completionTime: "2022-08-08 08:08:08", resultDesc: orderStatus });
      const res = await fetch(order.notifyUrl, { method: "POST", headers: { "content-type": "application/json", MerchantId: order.merchantId, Sign: md5(body + apiKey) }, body });
      return { status: res.status, body: await res.text() };
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

// The demo merchant (its API key is public: anything signed with it proves nothing).
export const DEMO_MERCHANT_ID = "100001";
export const DEMO_API_KEY = "demo-api-key-not-secret";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const gateway = await startCashyStandIn({ merchantId: DEMO_MERCHANT_ID, apiKey: DEMO_API_KEY, port: Number(process.env.PORT ?? 0) });
  console.log(`Cashy stand-in on ${gateway.url} (Ctrl-C to stop): use it as baseUrl.
It accepts payOut and payOutQuery from merchant ${DEMO_MERCHANT_ID} signed with the API key ${DEMO_API_KEY}.
To point the Cashy example at it, in another shell:

export CASHY_BASE_URL=${gateway.url}
export CASHY_MERCHANT_ID=${DEMO_MERCHANT_ID}
export CASHY_API_KEY=${DEMO_API_KEY}
`);
  process.on("SIGINT", () => gateway.close().then(() => process.exit(0)));
}
