// Cashy payouts end to end on 127.0.0.1: build and sign a payout, send it to
// a local Cashy stand-in, query it, and verify the signed callback.
//   node www-example/node/cashy.mjs
import http from "node:http";
import { Cashy, PaysealError, readBody } from "payseal";
import { startCashyStandIn, DEMO_MERCHANT_ID as MERCHANT_ID, DEMO_API_KEY as API_KEY } from "./cashy-standin.mjs";
import { refuseBody } from "./webhook-server.mjs";

/** A node:http handler for Cashy callbacks: verify, then acknowledge with plain SUCCESS. */
export function cashyCallbackHandler(cashy, onCallback) {
  return async (req, res) => {
    try {
      // The raw body, counted as it arrives: INPUT_TOO_LARGE past 1 MiB.
      const callback = cashy.verifyCallback(await readBody(req), req.headers.sign);
      await onCallback(callback);
      const { status, headers, body } = Cashy.ack();
      res.writeHead(status, headers).end(body);
    } catch (e) {
      if (e.code === "INPUT_TOO_LARGE") return refuseBody(req, res, 413, "INPUT_TOO_LARGE", "text/plain");
      const status = e instanceof PaysealError ? (["SIGNATURE_INVALID", "SIGN_HEADER_MISSING", "MERCHANT_MISMATCH"].includes(e.code) ? 401 : 400) : 503;
      res.writeHead(status, { "content-type": "text/plain" }).end(e.code ?? "TRY_AGAIN");
    }
  };
}

async function main() {
  const gateway = await startCashyStandIn({ merchantId: MERCHANT_ID, apiKey: API_KEY });
  const cashy = new Cashy({ merchantId: MERCHANT_ID, apiKey: API_KEY, baseUrl: gateway.url });
  const callbacks = [];
  const receiver = http.createServer(cashyCallbackHandler(cashy, (c) => callbacks.push(c)));
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const payout = cashy.payout({
      accountName: "Rosa Quispe", accountNo: "19312345678901", cciAccountNo: "00219300247595201411", accountType: 1,
      currency: "PEN", amount: 150.5, bankId: 12, mchOrderNo: `P${Date.now()}`,
      // A real notifyUrl must be a public https/http domain; the rule set
      // refuses IP addresses, so the local one is set after validation below.
      notifyUrl: "https://shop.example.com/webhooks/cashy", idType: "DNI", idCard: "10117410", remark: "payout",
    });
    // For this local run only: point the callback at the local receiver (re-signed, validation off).
    const local = cashy.payout({ ...JSON.parse(payout.body), notifyUrl: `http://127.0.0.1:${receiver.address().port}/cashy` }, { validate: false });
    console.log("payOut", local.url, "Sign", local.headers.Sign);
    const answer = cashy.verifyResponse(await (await fetch(local.url, local)).text());
    console.log("answer", answer.code, answer.orderStatus, answer.data.orderNo);
    if (!answer.ok) throw new Error(`refused: ${answer.msg}`);
    const query = cashy.payoutQuery({ orderNo: answer.data.orderNo });
    console.log("query", cashy.verifyResponse(await (await fetch(query.url, query)).text()).orderStatus);
    const delivered = await gateway.complete(answer.data.orderNo, "SUCCESS");
    console.log("callback", delivered.status, delivered.body, "->", callbacks[0]?.orderStatus);
    if (callbacks.length !== 1 || delivered.body !== "SUCCESS") throw new Error("callback not acknowledged");
  } finally {
    receiver.close();
    await gateway.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
