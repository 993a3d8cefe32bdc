// The node:http example receiver, on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { PayerMax } from "payseal";
import { payermaxWebhookHandler } from "../../www-example/node/webhook-server.mjs";
import { webhookCases, notification, signWith, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "./webhook-cases.mjs";

const events = [];
let server;
let url;
before(async () => {
  const payermax = new PayerMax({ appId: APP_ID, merchantNo: MERCHANT_NO, platformPublicKey: PLATFORM_PUBLIC_KEY });
  server = http.createServer(payermaxWebhookHandler(payermax, (n) => events.push(n)));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${server.address().port}/`;
});
after(() => server?.close());

test("PayerMax webhooks in the Node example", async (t) => {
  await webhookCases(t, async (body, headers) => {
    const res = await fetch(url, { method: "POST", headers, body });
    return { status: res.status, text: await res.text() };
  });
  // Handled once per event: the redelivered PAYMENT was acknowledged but not handled twice.
  const keys = events.map((e) => e.eventKey);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(events.some((e) => e.notifyType === "SOMETHING_NEW" && e.knownType === false));
  assert.equal((await fetch(url)).status, 405);
});

test("a failure in the merchant's own handler asks for a retry (503), not 500", async () => {
  const payermax = new PayerMax({ appId: APP_ID, merchantNo: MERCHANT_NO, platformPublicKey: PLATFORM_PUBLIC_KEY });
  const failing = http.createServer(payermaxWebhookHandler(payermax, () => { throw new Error("database down"); }));
  await new Promise((r) => failing.listen(0, "127.0.0.1", r));
  try {
    const body = notification();
    const res = await fetch(`http://127.0.0.1:${failing.address().port}/`, { method: "POST", headers: { sign: signWith(body) }, body });
    assert.equal(res.status, 503);
  } finally {
    failing.close();
  }
});
