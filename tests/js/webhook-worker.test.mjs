// www-example/worker served by workerd on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startWorker } from "./workerd.mjs";
import { webhookCases, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "./webhook-cases.mjs";

let worker;
before(async () => {
  worker = await startWorker(fileURLToPath(new URL("../../www-example/worker/src/index.js", import.meta.url)), {
    bindings: { PAYERMAX_APP_ID: APP_ID, PAYERMAX_MERCHANT_NO: MERCHANT_NO, PAYERMAX_PLATFORM_PUBLIC_KEY: PLATFORM_PUBLIC_KEY },
  });
});
after(() => worker?.stop());

const post = (path) => async (body, headers) => {
  const res = await fetch(worker.url + path, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
};

test("PayerMax webhooks in the Worker example (workerd)", async (t) => {
  await webhookCases(t, post("/webhooks/payermax"));
  const res = await fetch(worker.url + "/webhooks/payermax");
  assert.equal(res.status, 405);
  assert.equal((await fetch(worker.url + "/nope", { method: "POST" })).status, 404);
  assert.doesNotMatch(worker.log(), /Uncaught|panicked|RuntimeError|unreachable/);
});
